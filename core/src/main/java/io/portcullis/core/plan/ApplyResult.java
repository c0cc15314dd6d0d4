package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What applying a plan to one group did, rule by rule, with the provider ids, and how many mutating calls
 * it took. Every planned change has exactly one outcome, so nothing is left unknown.
 *
 * @param provider the adapter's provider name
 * @param group the group the plan was applied to
 * @param dryRun whether this was a dry run (nothing changed)
 * @param outcomes one outcome per planned change
 * @param mutatingCalls how many mutating provider calls were made
 * @param opaqueOutcomes one outcome per rule the model cannot represent that the plan deletes by id
 */
public record ApplyResult(String provider, SecurityGroupRef group, boolean dryRun, List<RuleOutcome> outcomes,
    int mutatingCalls, List<OpaqueOutcome> opaqueOutcomes) {
  /** Copies the outcomes. */
  public ApplyResult {
    requireNonNull(provider, "provider");
    requireNonNull(group, "group");
    outcomes = List.copyOf(outcomes);
    opaqueOutcomes = List.copyOf(opaqueOutcomes);
  }

  /** A result without rules the model cannot represent. */
  public ApplyResult(String provider, SecurityGroupRef group, boolean dryRun, List<RuleOutcome> outcomes,
      int mutatingCalls) {
    this(provider, group, dryRun, outcomes, mutatingCalls, List.of());
  }

  /** Whether every planned change was applied (or, for a dry run, would be). */
  public boolean isComplete() {
    return outcomes.stream().allMatch(o -> done(o.status())) && opaqueOutcomes.stream().allMatch(o -> done(o.status()));
  }

  private static boolean done(RuleOutcome.Status status) {
    return status == RuleOutcome.Status.APPLIED || status == RuleOutcome.Status.WOULD_APPLY;
  }

  /** The outcomes with this status. */
  public List<RuleOutcome> withStatus(RuleOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).collect(Collectors.toUnmodifiableList());
  }

  /** A line per outcome and a summary, for people. */
  public String render() {
    StringBuilder s = new StringBuilder();
    outcomes.forEach(o -> s.append("  ").append(o).append('\n'));
    opaqueOutcomes.forEach(o -> s.append("  ").append(o).append('\n'));
    RuleOutcome.Status done = dryRun ? RuleOutcome.Status.WOULD_APPLY : RuleOutcome.Status.APPLIED;
    long applied = withStatus(done).size() + opaqueOutcomes.stream().filter(o -> o.status() == done).count();
    return s.append(dryRun ? "Dry run: " : "Applied: ").append(applied).append(" of ")
        .append(outcomes.size() + opaqueOutcomes.size())
        .append(" changes to ").append(provider).append(' ').append(group).append(" in ").append(mutatingCalls)
        .append(mutatingCalls == 1 ? " call." : " calls.").toString();
  }
}
