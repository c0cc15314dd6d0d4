package io.portcullis.core.analysis;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks a plan's rules for one group against a provider's rule quota before anything is applied, so that a
 * plan the provider would refine half-way fails up front with the numbers:
 *
 * <pre>{@code
 * QuotaChecker checker = new QuotaChecker(ec2Counter, RuleQuota.perDirectionAndFamily(60));
 * checker.requireWithinQuota(rules);   // or checker.check(rules) for the numbers without throwing
 * }</pre>
 */
public final class QuotaChecker {
  private final ProviderRuleCounter counter;
  private final RuleQuota quota;
  private final RuleCompactor compactor = new RuleCompactor();

  /** A checker counting with {@code counter} against {@code quota}. */
  public QuotaChecker(ProviderRuleCounter counter, RuleQuota quota) {
    this.counter = requireNonNull(counter, "counter");
    this.quota = requireNonNull(quota, "quota");
  }

  /** How the rules, and their compacted form, fare against each limit. */
  public QuotaReport check(Collection<SecurityRule> rules) {
    List<SecurityRule> given = List.copyOf(rules);
    List<SecurityRule> compacted = compactor.compact(given);
    List<QuotaUsage> usages = new ArrayList<>();
    quota.limits().forEach((scope, limit) ->
        usages.add(new QuotaUsage(scope, countIn(scope, given), limit, countIn(scope, compacted))));
    return new QuotaReport(counter.provider(), usages, compacted);
  }

  /**
   * Passes when the rules fit every limit.
   *
   * @throws QuotaExceededPlanException naming each exceeded limit with the count, the limit and the count after
   *     compaction, and whether compaction would make the plan fit
   */
  public void requireWithinQuota(Collection<SecurityRule> rules) {
    QuotaReport report = check(rules);
    if (!report.withinQuota()) {
      throw new QuotaExceededPlanException(report);
    }
  }

  /**
   * How far the rules are over the quota, summed over every limit (0 when they fit), counted as given: no
   * compaction, so it is cheap enough to ask after every step of an apply.
   */
  public int excess(Collection<SecurityRule> rules) {
    List<SecurityRule> given = List.copyOf(rules);
    int excess = 0;
    for (Map.Entry<QuotaScope, Integer> limit : quota.limits().entrySet()) {
      excess += Math.max(0, countIn(limit.getKey(), given) - limit.getValue());
    }
    return excess;
  }

  private int countIn(QuotaScope scope, List<SecurityRule> rules) {
    return counter.count(rules.stream().filter(r -> counter.countsIn(scope, r)).toList());
  }
}
