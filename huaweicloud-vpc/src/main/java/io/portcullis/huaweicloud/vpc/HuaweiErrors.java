package io.portcullis.huaweicloud.vpc;

import com.huaweicloud.sdk.core.exception.ConnectionException;
import com.huaweicloud.sdk.core.exception.RequestTimeoutException;
import com.huaweicloud.sdk.core.exception.SdkException;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidGroupStateException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.NoAnswerException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.UnauthorizedException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns the Huawei SDK's errors into the core typed exceptions, keeping Huawei's error code, message, HTTP
 * status and request id in {@link ProviderException#error()}. All three error body shapes are read (see
 * {@link HuaweiErrorReply}): {@code error_code}/{@code error_msg}, {@code {"error":{"code","message"}}} and
 * {@code {"NeutronError":{"type","message"}}}, whose type is the code ({@code SecurityGroupRuleExists} is a
 * {@link DuplicateRuleException}, {@code SecurityGroupRuleNotFound} a {@link RuleNotFoundException}, ...).
 * The request id is the {@code X-Request-Id} header's, else the body's {@code request_id} where the SDK kept
 * the body.
 *
 * <p>{@code VPC.0602} is both "rule already exists" and "quota exceeded for security_group_rule": the message
 * tells them apart. A 404 means the rule or the group, depending on what the call addressed.
 */
public final class HuaweiErrors {
  /** What a call addressed, so that a bare 404 can be told apart. */
  public enum Target {
    /** One security-group rule by id (show, delete). */
    RULE,
    /** A security group (create, batch create, list its rules). */
    SECURITY_GROUP,
    /** An IP address group; core has no exception for a missing one, so a 404 stays a ProviderException. */
    ADDRESS_GROUP
  }

  /** Neutron error types (the {@code type} of a {@code NeutronError} body) with a core exception. */
  static final String NEUTRON_RULE_EXISTS = "SecurityGroupRuleExists";
  static final String NEUTRON_RULE_NOT_FOUND = "SecurityGroupRuleNotFound";
  static final String NEUTRON_GROUP_NOT_FOUND = "SecurityGroupNotFound";
  static final String NEUTRON_GROUP_IN_USE = "SecurityGroupInUse";
  static final String NEUTRON_OVER_QUOTA = "OverQuota";
  static final String NEUTRON_NOT_AUTHORIZED = "PolicyNotAuthorized";

  private HuaweiErrors() {}

  /** The typed exception for an error reply to a call that addressed {@code target}. */
  public static ProviderException map(ServiceResponseException e, Target target) {
    HuaweiErrorReply reply = HuaweiErrorReply.of(e);
    ProviderError error = ProviderError.of(HuaweiCapabilities.PROVIDER, reply.code().orElse(null), reply.message(),
        reply.requestId().orElse(null), e.getHttpStatusCode());
    int status = e.getHttpStatusCode();
    String code = reply.code().orElse("");
    String message = reply.message().toLowerCase(Locale.ROOT);
    if (status == 429) {
      return new ThrottledException(error, e);
    }
    if (status == 401 || status == 403 || code.equals("VPC.0010") || code.equals("VPC.2201")
        || code.equals(NEUTRON_NOT_AUTHORIZED)) {
      return new UnauthorizedException(error, e);
    }
    switch (code) {
      case "VPC.0602":
        return message.contains("quota")
            ? new QuotaExceededException(error, e) : new DuplicateRuleException(error, e);
      case "VPC.0604", NEUTRON_OVER_QUOTA:
        return new QuotaExceededException(error, e);
      case "VPC.0603", NEUTRON_GROUP_NOT_FOUND:
        return new GroupNotFoundException(error, e);
      case "VPC.0601":
        return new MalformedRequestException(error, e);
      case NEUTRON_RULE_EXISTS:
        return new DuplicateRuleException(error, e);
      case NEUTRON_RULE_NOT_FOUND:
        return new RuleNotFoundException(error, e);
      case NEUTRON_GROUP_IN_USE:
        return new InvalidGroupStateException(error, e);
      default:
        break;
    }
    if (status == 404) {
      switch (target) {
        case RULE:
          return new RuleNotFoundException(error, e);
        case SECURITY_GROUP:
          return new GroupNotFoundException(error, e);
        default:
          return new ProviderException(error, e);
      }
    }
    if (status == 400) {
      return new MalformedRequestException(error, e);
    }
    return new ProviderException(error, e);
  }

  /**
   * The exception for any SDK failure: {@link #map(ServiceResponseException, Target)} for an error reply, a
   * plain {@link ProviderException} without code or status for a failure without one (connection, timeout).
   */
  public static ProviderException map(SdkException e, Target target) {
    if (e instanceof ServiceResponseException reply) {
      return map(reply, target);
    }
    boolean noAnswer = e instanceof ConnectionException || e instanceof RequestTimeoutException;
    ProviderError error = ProviderError.of(HuaweiCapabilities.PROVIDER, null,
        (noAnswer ? "no answer from Huawei Cloud VPC: " : "Huawei Cloud SDK failure: ") + e.getMessage(), null, 0);
    return noAnswer ? new NoAnswerException(error, e) : new ProviderException(error, e);
  }

  /** Runs one SDK call, turning its failure into the typed exception. */
  static <T> T call(Target target, Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (SdkException e) {
      throw map(e, target);
    }
  }
}
