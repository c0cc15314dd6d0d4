package io.portcullis.core;

import java.util.List;

/**
 * A batch of rules that needed several provider calls stopped part-way: some calls succeeded, then one
 * failed. Says exactly which rules were applied and which were not; the typed error of the failed call is the
 * cause. Every adapter's imperative batch calls (authorise, revoke, batch create) throw this type or a subclass
 * that adds what its provider reports (e.g. created ids), so one {@code catch} covers them all. The plan/apply
 * path reports the same situation per planned change with {@link io.portcullis.core.plan.ApplyException}.
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
      PortcullisException cause) {
    super(what + ": " + cause.getMessage(), cause);
    this.applied = List.copyOf(applied);
    this.notApplied = List.copyOf(notApplied);
  }

  /** The rules that were applied. */
  public List<SecurityRule> applied() {
    return applied;
  }

  /**
   * The rules not known to be applied. When the cause is a provider's answer (a {@link ProviderException} other
   * than {@link NoAnswerException} or {@link ProviderReplyException}) they certainly were not; otherwise the
   * failed call may have been carried out: re-read the group.
   */
  public List<SecurityRule> notApplied() {
    return notApplied;
  }

  /** The typed error of the call that failed: usually a {@link ProviderException}. */
  @Override
  public synchronized PortcullisException getCause() {
    return (PortcullisException) super.getCause();
  }
}
