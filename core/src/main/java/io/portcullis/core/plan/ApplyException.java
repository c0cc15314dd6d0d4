package io.portcullis.core.plan;

import io.portcullis.core.PortcullisException;

/**
 * Applying a plan stopped part-way: thrown only when the result is incomplete. {@link #result()} tells, for every planned change, whether it was
 * applied, failed or not attempted; the cause is the provider's error. Planning again and applying the new
 * plan finishes the job.
 */
public class ApplyException extends PortcullisException {
  private final transient ApplyResult result;

  /** An exception carrying the partial result. */
  public ApplyException(ApplyResult result, Throwable cause) {
    super("Apply to " + result.provider() + " " + result.group() + " stopped part-way: "
        + result.withStatus(RuleOutcome.Status.APPLIED).size() + " applied, "
        + result.withStatus(RuleOutcome.Status.FAILED).size() + " failed, "
        + result.withStatus(RuleOutcome.Status.NOT_ATTEMPTED).size() + " not attempted, "
        + result.withStatus(RuleOutcome.Status.UNKNOWN).size() + " unknown. Cause: " + cause.getMessage(),
        cause);
    this.result = result;
  }

  /** What was and was not applied. */
  public ApplyResult result() {
    return result;
  }
}
