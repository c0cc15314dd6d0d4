package io.portcullis.testkit;

/**
 * A Huawei Cloud VPC error reply, thrown inside {@link FakeHuaweiVpc} and turned into the error body
 * {@code {"error_code", "error_msg", "request_id"}}.
 */
final class FakeHuaweiVpcError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Invalid parameter. */
  static final String INVALID = "VPC.0601";
  /** Duplicate rule, rule quota and group in use: one code, told apart by the message. */
  static final String CONFLICT = "VPC.0602";
  /** Security group not found. */
  static final String GROUP_NOT_FOUND = "VPC.0603";
  /** Rule not found (no source confirmed the real code). */
  static final String RULE_NOT_FOUND = "VPC.0605";
  /** Address group not found (no source confirmed the real code). */
  static final String ADDRESS_GROUP_NOT_FOUND = "VPC.1201";
  /** The project id in the URL is not the fake's. */
  static final String WRONG_PROJECT = "VPC.0007";
  /** What the API gateway replies for a path it does not serve. */
  static final String NO_SUCH_API = "APIGW.0101";

  private final int status;
  private final String code;

  FakeHuaweiVpcError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static FakeHuaweiVpcError invalid(String message) {
    return new FakeHuaweiVpcError(400, INVALID, message);
  }

  static FakeHuaweiVpcError groupNotFound(String groupId) {
    return new FakeHuaweiVpcError(404, GROUP_NOT_FOUND, "Security group " + groupId + " could not be found.");
  }

  static FakeHuaweiVpcError duplicateRule() {
    return new FakeHuaweiVpcError(409, CONFLICT, "Security group rule already exists.");
  }

  static FakeHuaweiVpcError ruleQuotaExceeded() {
    return new FakeHuaweiVpcError(409, CONFLICT, "Quota exceeded for resources: ['security_group_rule']");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
