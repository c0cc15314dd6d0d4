package io.portcullis.core.analysis;

import static java.util.Objects.requireNonNull;

/**
 * How one quota limit fares with a plan's rules, as given and after {@link RuleCompactor compaction}.
 *
 * @param scope the rules the limit counts
 * @param count how many provider rules the plan's rules of the scope become
 * @param limit the most the scope may hold
 * @param compactedCount how many provider rules the compacted rules of the scope become
 */
public record QuotaUsage(QuotaScope scope, int count, int limit, int compactedCount) {
  /** Checks that the scope is set. */
  public QuotaUsage {
    requireNonNull(scope, "scope");
  }

  /** Whether the plan's rules exceed the limit. */
  public boolean exceeded() {
    return count > limit;
  }

  /** Whether the compacted rules stay within the limit. */
  public boolean fitsAfterCompaction() {
    return compactedCount <= limit;
  }

  /** {@code ingress ipv4 rules: 75 of 60 (40 after compaction)}. */
  @Override
  public String toString() {
    return scope + ": " + count + " of " + limit + " (" + compactedCount + " after compaction)";
  }
}
