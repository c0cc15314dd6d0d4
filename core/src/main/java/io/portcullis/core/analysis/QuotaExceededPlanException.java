package io.portcullis.core.analysis;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plan would put more rules into a group than the provider's quota allows. Thrown before any call, so
 * nothing has been applied. Says by how much, and whether the {@linkplain #compactedRules() compacted rules},
 * which mean the same, would fit.
 */
public class QuotaExceededPlanException extends PortcullisException {
  private final QuotaReport report;

  /** An exception for a report with at least one exceeded limit. */
  public QuotaExceededPlanException(QuotaReport report) {
    super(message(report));
    this.report = report;
  }

  /** The full report: every limit, exceeded or not. */
  public QuotaReport report() {
    return report;
  }

  /** The provider whose quota is exceeded, e.g. {@code aws-ec2}. */
  public String provider() {
    return report.provider();
  }

  /** The exceeded limits, each with the count, the limit and the count after compaction. */
  public List<QuotaUsage> exceeded() {
    return report.exceeded();
  }

  /** Whether compacting the rules ({@link RuleCompactor}) would make the plan fit every limit. */
  public boolean compactionWouldFit() {
    return report.fitsAfterCompaction();
  }

  /** The compacted rules: the same meaning in fewer rules. */
  public List<SecurityRule> compactedRules() {
    return report.compactedRules();
  }

  private static String message(QuotaReport report) {
    if (report.withinQuota()) {
      throw new IllegalArgumentException("a QuotaExceededPlanException needs an exceeded limit");
    }
    return report.provider() + " rule quota exceeded: "
        + report.exceeded().stream()
            .map(u -> u.scope() + " would be " + u.count() + ", the limit is " + u.limit())
            .collect(Collectors.joining("; "))
        + (report.fitsAfterCompaction()
            ? "; the compacted rules fit (" + counts(report) + "): use RuleCompactor"
            : "; even the compacted rules do not fit (" + counts(report) + ")");
  }

  private static String counts(QuotaReport report) {
    return report.exceeded().stream()
        .map(u -> u.scope() + " " + u.compactedCount())
        .collect(Collectors.joining(", "));
  }
}
