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
 */
public record ApplyResult(
    String provider, SecurityGroupRef group, boolean dryRun, List<RuleOutcome> outcomes, int mutatingCalls) {
  /** Copies the outcomes. */
  public ApplyResult {
    requireNonNull(provider, "provider");
    requireNonNull(group, "group");
    outcomes = List.copyOf(outcomes);
  }

  /** Whether every planned change was applied (or, for a dry run, would be). */
  public boolean isComplete() {
    return outcomes.stream().allMatch(o -> o.status() == RuleOutcome.Status.APPLIED
        || o.status() == RuleOutcome.Status.WOULD_APPLY);
  }

  /** The outcomes with this status. */
  public List<RuleOutcome> withStatus(RuleOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).collect(Collectors.toUnmodifiableList());
  }

  /** A line per outcome and a summary, for people. */
  public String render() {
    StringBuilder s = new StringBuilder();
    outcomes.forEach(o -> s.append("  ").append(o).append('\n'));
    long applied = withStatus(dryRun ? RuleOutcome.Status.WOULD_APPLY : RuleOutcome.Status.APPLIED).size();
    return s.append(dryRun ? "Dry run: " : "Applied: ").append(applied).append(" of ").append(outcomes.size())
        .append(" changes to ").append(provider).append(' ').append(group).append(" in ").append(mutatingCalls)
        .append(mutatingCalls == 1 ? " call." : " calls.").toString();
  }
}
