package io.portcullis.testkit;

/**
 * What the fakes of AWS Query protocol services share: the operation is the {@code Action} parameter, and
 * the resources belong to one account.
 */
abstract class AwsQueryService extends FakeService {
  /** The account that owns a fake's resources unless another is given. */
  static final String DEFAULT_ACCOUNT = "123456789012";

  private final String ownerId;

  AwsQueryService(String ownerId) {
    this.ownerId = ownerId;
  }

  /** The account that owns the fake's resources. */
  public String ownerId() {
    return ownerId;
  }

  @Override
  protected final String operationOf(FakeRequest request) {
    String action = QueryForm.of(request).get("Action");
    return action == null ? "" : action;
  }

  /** The reply to an action the fake does not serve. */
  static FaultException invalidAction(String operation) {
    return new FaultException(400, "InvalidAction", "The action " + operation + " is not valid for this web service.");
  }
}
