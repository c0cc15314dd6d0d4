package io.portcullis.aws.ec2;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.SecurityRule;
import java.util.List;

/**
 * A change that needed two EC2 calls (one per direction) succeeded for the first and failed for the second. Says
 * exactly which rules were applied and which were not; the EC2 error of the second call is the cause.
 */
public class PartiallyAppliedException extends PortcullisException {
  private final List<SecurityRule> applied;
  private final List<SecurityRule> notApplied;

  /**
   * An exception for a batch whose second call failed.
   *
   * @param operation what was being done, e.g. {@code authorize}
   * @param applied the rules the first call applied
   * @param notApplied the rules of the failed call
   * @param cause the typed error of the failed call
   */
  public PartiallyAppliedException(String operation, List<SecurityRule> applied, List<SecurityRule> notApplied,
      ProviderException cause) {
    super(operation + " applied " + applied.size() + " rule(s) but not " + notApplied.size() + " (" + notApplied
        + "): " + cause.getMessage(), cause);
    this.applied = List.copyOf(applied);
    this.notApplied = List.copyOf(notApplied);
  }

  /** The rules that were applied. */
  public List<SecurityRule> applied() {
    return applied;
  }

  /** The rules that were not applied. */
  public List<SecurityRule> notApplied() {
    return notApplied;
  }

  /** The typed EC2 error of the call that failed. */
  @Override
  public synchronized ProviderException getCause() {
    return (ProviderException) super.getCause();
  }
}
