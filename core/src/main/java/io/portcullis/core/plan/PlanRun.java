package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of one apply, for adapter implementers: records each change as the provider confirms it
 * and, when a call fails, settles every change not yet confirmed against the group's rules as re-read after
 * the failure. So an ambiguous failure (a dropped connection, a call that may have partly succeeded) still
 * ends with a known outcome for every planned change.
 */
public final class PlanRun {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRun.class);

  private final String provider;
  private final SecurityGroupRef group;
  private final boolean dryRun;
  private final List<RuleOutcome> outcomes = new ArrayList<>();
  private int calls;

  /** Starts the bookkeeping of an apply (or dry run) to {@code group}. */
  public PlanRun(String provider, SecurityGroupRef group, boolean dryRun) {
    this.provider = requireNonNull(provider, "provider");
    this.group = requireNonNull(group, "group");
    this.dryRun = dryRun;
  }

  /** Counts one mutating call made. */
  public void countCall() {
    calls++;
  }

  /** Records a change the provider confirmed (or, in a dry run, checked), with the rule's id where known. */
  public void done(PlannedChange change, Optional<String> providerId) {
    outcomes.add(RuleOutcome.done(change.change(), change.rule(),
        dryRun ? RuleOutcome.Status.WOULD_APPLY : RuleOutcome.Status.APPLIED,
        providerId.isPresent() ? providerId : change.providerId()));
  }

  /** Records a dry-run change the provider cannot check, saying so. */
  public void unchecked(PlannedChange change, String why) {
    outcomes.add(RuleOutcome.notDone(change.change(), change.rule(), RuleOutcome.Status.WOULD_APPLY,
        change.providerId(), why));
  }

  /** The result once every change has been recorded. */
  public ApplyResult result() {
    return new ApplyResult(provider, group, dryRun, outcomes, calls);
  }

  /**
   * Settles the changes of the failed call and those after it, and returns the exception to throw. Each is
   * checked against {@code reread} (the group's rules now): a created or updated rule that is present, or a
   * deleted rule that is gone, counts as applied; the others of the failed call are failed, the later ones
   * not attempted. If the re-read fails too, they keep the status the failure implies and say the state
   * could not be confirmed.
   */
  public ApplyException failed(Collection<PlannedChange> inFailedCall, Collection<PlannedChange> later,
      RuntimeException cause, Supplier<List<ProvisionedRule>> reread) {
    List<ProvisionedRule> now = null;
    if (!dryRun) {
      try {
        now = reread.get();
      } catch (RuntimeException e) {
        LOG.warn("could not re-read {} {} after a failed call: {}", provider, group, e.toString());
      }
    }
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    settle(inFailedCall, now, RuleOutcome.Status.FAILED, reason);
    settle(later, now, RuleOutcome.Status.NOT_ATTEMPTED, "an earlier call failed");
    return new ApplyException(result(), cause);
  }

  private void settle(Collection<PlannedChange> changes, List<ProvisionedRule> now, RuleOutcome.Status otherwise,
      String reason) {
    for (PlannedChange c : changes) {
      if (now == null) {
        outcomes.add(RuleOutcome.notDone(c.change(), c.rule(), otherwise, c.providerId(),
            dryRun ? reason : reason + " (the group could not be re-read to confirm)"));
        continue;
      }
      Optional<ProvisionedRule> present = switch (c.change()) {
        case CREATE, UPDATE -> now.stream().filter(p -> p.rule().equals(c.rule())).findFirst();
        case DELETE -> Optional.empty();
      };
      boolean applied = c.change() == RuleOutcome.Change.DELETE
          ? now.stream().noneMatch(p -> c.providerId().equals(Optional.of(p.providerId())))
          : present.isPresent();
      if (applied) {
        outcomes.add(RuleOutcome.done(c.change(), c.rule(), RuleOutcome.Status.APPLIED,
            present.map(ProvisionedRule::providerId).or(c::providerId)));
      } else if (c.change() == RuleOutcome.Change.UPDATE
          && now.stream().noneMatch(p -> c.providerId().equals(Optional.of(p.providerId())))) {
        // Providers without in-place updates delete first: say the old rule is gone, so nobody assumes it stayed.
        outcomes.add(RuleOutcome.notDone(c.change(), c.rule(), otherwise, c.providerId(), reason
            + "; the old rule " + c.providerId().orElse("") + " was already deleted, applying again recreates it"));
      } else {
        outcomes.add(RuleOutcome.notDone(c.change(), c.rule(), otherwise, c.providerId(), reason));
      }
    }
  }
}
