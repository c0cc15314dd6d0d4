package io.portcullis.core.analysis;

import com.google.common.collect.ImmutableMap;
import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule limits of one provider's security group: for each {@link QuotaScope}, the most provider rules it may
 * hold. Every limit must hold; scopes may overlap (e.g. a whole-group limit and a per-direction one).
 *
 * @param limits the limit of each scope, in the order to report them
 */
public record RuleQuota(Map<QuotaScope, Integer> limits) {
  /**
   * Copies the limits, keeping their order.
   *
   * @throws IllegalArgumentException if there is no limit, or a limit is negative
   */
  public RuleQuota {
    limits = ImmutableMap.copyOf(limits);
    if (limits.isEmpty()) {
      throw new IllegalArgumentException("a rule quota needs at least one limit");
    }
    limits.forEach((scope, limit) -> {
      if (limit < 0) {
        throw new IllegalArgumentException("the limit for " + scope + " is negative: " + limit);
      }
    });
  }

  /** One limit for all rules of a group together (Huawei Cloud: 50 by default). */
  public static RuleQuota perGroup(int limit) {
    return new RuleQuota(Map.of(QuotaScope.group(), limit));
  }

  /** The same limit for each direction. */
  public static RuleQuota perDirection(int limit) {
    Map<QuotaScope, Integer> limits = new LinkedHashMap<>();
    for (Direction direction : Direction.values()) {
      limits.put(QuotaScope.of(direction), limit);
    }
    return new RuleQuota(limits);
  }

  /** The same limit for each direction and IP family (EC2: 60 by default). */
  public static RuleQuota perDirectionAndFamily(int limit) {
    Map<QuotaScope, Integer> limits = new LinkedHashMap<>();
    for (Direction direction : Direction.values()) {
      for (IpVersion version : IpVersion.values()) {
        limits.put(QuotaScope.of(direction, version), limit);
      }
    }
    return new RuleQuota(limits);
  }

  /** This quota with one more limit (or a changed one). */
  public RuleQuota with(QuotaScope scope, int limit) {
    Map<QuotaScope, Integer> more = new LinkedHashMap<>(limits);
    more.put(scope, limit);
    return new RuleQuota(more);
  }
}
