package io.portcullis.core;

import java.util.List;

/**
 * A batch of rules that needed several provider calls stopped part-way: some calls succeeded, then one
 * failed. Says exactly which rules were applied and which were not; the typed provider error of the failed call
 * is the cause. Adapters may subclass it to add what their provider reports (e.g. created ids).
 */
public class PartiallyAppliedException extends PortcullisException {
  private final List<SecurityRule> applied;
  private final List<SecurityRule> notApplied;

  /**
   * @param what what was being done, e.g. {@code authorize applied 2 rule(s) but not 1}
   * @param applied the rules that were applied
   * @param notApplied the rules that were not
   * @param cause the typed error of the call that failed
   */
  public PartiallyAppliedException(String what, List<SecurityRule> applied, List<SecurityRule> notApplied,
      ProviderException cause) {
    super(what + ": " + cause.getMessage(), cause);
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

  /** The typed provider error of the call that failed. */
  @Override
  public synchronized ProviderException getCause() {
    return (ProviderException) super.getCause();
  }
}
