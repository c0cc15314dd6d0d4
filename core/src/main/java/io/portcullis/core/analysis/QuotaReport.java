package io.portcullis.core.analysis;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityRule;
import java.util.List;

/**
 * Whether a plan's rules fit a provider's quota, limit by limit, and whether their compacted form would.
 *
 * @param provider the provider counted, e.g. {@code aws-ec2}
 * @param usages one entry per limit of the quota, in the quota's order
 * @param compactedRules the plan's rules after {@link RuleCompactor compaction}, which mean the same
 */
public record QuotaReport(String provider, List<QuotaUsage> usages, List<SecurityRule> compactedRules) {
  /** Copies the lists. */
  public QuotaReport {
    requireNonNull(provider, "provider");
    usages = List.copyOf(usages);
    compactedRules = List.copyOf(compactedRules);
  }

  /** Whether every limit holds for the plan's rules as given. */
  public boolean withinQuota() {
    return usages.stream().noneMatch(QuotaUsage::exceeded);
  }

  /** Whether every limit holds for the compacted rules. */
  public boolean fitsAfterCompaction() {
    return usages.stream().allMatch(QuotaUsage::fitsAfterCompaction);
  }

  /** The limits the plan's rules exceed. */
  public List<QuotaUsage> exceeded() {
    return usages.stream().filter(QuotaUsage::exceeded).toList();
  }
}
