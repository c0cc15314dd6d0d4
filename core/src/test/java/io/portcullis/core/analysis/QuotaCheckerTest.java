package io.portcullis.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaCheckerTest {
  /** Like EC2: one provider rule per remote and contiguous port range. */
  private static final ProviderRuleCounter EC2_LIKE = new ProviderRuleCounter() {
    @Override
    public String provider() {
      return "ec2-like";
    }

    @Override
    public int count(Collection<SecurityRule> rules) {
      return rules.stream().mapToInt(r -> Math.max(1, r.ports().ranges().size())).sum();
    }
  };

  private static final QuotaScope INGRESS_V4 = QuotaScope.of(Direction.INGRESS, IpVersion.IPV4);

  @Test
  void passesWithinTheLimitAndCountsEachScopeSeparately() {
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("ingress allow tcp 22,443 from 10.0.0.0/8"),
        SecurityRule.parse("ingress allow tcp 22 from 2001:db8::/32"),
        SecurityRule.parse("egress allow any to 0.0.0.0/0"));
    QuotaChecker checker = new QuotaChecker(EC2_LIKE, RuleQuota.perDirectionAndFamily(2));

    QuotaReport report = checker.check(rules);
    checker.requireWithinQuota(rules);

    assertEquals(List.of(2, 1, 1, 0), report.usages().stream().map(QuotaUsage::count).toList());
    assertEquals(List.of(INGRESS_V4, QuotaScope.of(Direction.INGRESS, IpVersion.IPV6),
        QuotaScope.of(Direction.EGRESS, IpVersion.IPV4), QuotaScope.of(Direction.EGRESS, IpVersion.IPV6)),
        report.usages().stream().map(QuotaUsage::scope).toList());
    assertTrue(report.withinQuota());
  }

  @Test
  void aCounterCanCountARuleAgainstMoreScopes() {
    ProviderRuleCounter groupsInBothFamilies = new ProviderRuleCounter() {
      @Override
      public String provider() {
        return "ec2-like";
      }

      @Override
      public int count(Collection<SecurityRule> rules) {
        return rules.size();
      }

      @Override
      public boolean countsIn(QuotaScope scope, SecurityRule rule) {
        return scope.direction().map(d -> d == rule.direction()).orElse(true);
      }
    };
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("ingress allow tcp 22 from sg-0abc123"),
        SecurityRule.parse("ingress allow tcp 22 from 2001:db8::/32"));

    QuotaReport report = new QuotaChecker(groupsInBothFamilies, RuleQuota.perDirectionAndFamily(1)).check(rules);

    assertEquals(List.of(2, 2, 0, 0), report.usages().stream().map(QuotaUsage::count).toList());
    assertFalse(report.withinQuota());
  }

  @Test
  void failsWithTheCountsAndSaysCompactionWouldFit() {
    List<SecurityRule> rules = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rules.add(SecurityRule.parse("ingress allow tcp 443 from 10.0.0." + (i * 32) + "/27"));
    }
    rules.add(SecurityRule.parse("egress allow any to 0.0.0.0/0"));
    QuotaChecker checker = new QuotaChecker(EC2_LIKE, RuleQuota.perDirectionAndFamily(5));

    QuotaExceededPlanException e = assertThrows(QuotaExceededPlanException.class,
        () -> checker.requireWithinQuota(rules));

    assertTrue(e instanceof PortcullisException);
    assertEquals("ec2-like", e.provider());
    assertEquals(List.of(new QuotaUsage(INGRESS_V4, 8, 5, 1)), e.exceeded());
    assertTrue(e.compactionWouldFit());
    assertEquals(List.of(SecurityRule.parse("ingress allow tcp 443 from 10.0.0.0/24"),
        SecurityRule.parse("egress allow any to 0.0.0.0/0")), e.compactedRules());
    assertEquals("ec2-like rule quota exceeded: ingress ipv4 rules would be 8, the limit is 5; the compacted rules"
        + " fit (ingress ipv4 rules 1): use RuleCompactor", e.getMessage());
  }

  @Test
  void failsAndSaysWhenEvenCompactionDoesNotFit() {
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("ingress allow tcp 22,80,443 from 10.0.0.0/25"),
        SecurityRule.parse("ingress allow tcp 22,80,443 from 10.0.0.128/25"),
        SecurityRule.parse("egress allow tcp 443 to 192.0.2.0/24"),
        SecurityRule.parse("egress allow tcp 80 to 198.51.100.0/24"));
    QuotaChecker checker = new QuotaChecker(EC2_LIKE, RuleQuota.perGroup(4));

    QuotaExceededPlanException e = assertThrows(QuotaExceededPlanException.class,
        () -> checker.requireWithinQuota(rules));

    assertEquals(List.of(new QuotaUsage(QuotaScope.group(), 8, 4, 5)), e.exceeded());
    assertFalse(e.compactionWouldFit());
    assertEquals("ec2-like rule quota exceeded: rules would be 8, the limit is 4; even the compacted rules do not"
        + " fit (rules 5)", e.getMessage());
  }

  @Test
  void everyLimitOfAQuotaHolds() {
    RuleQuota quota = RuleQuota.perGroup(10).with(QuotaScope.of(Direction.EGRESS), 1);
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("egress allow tcp 443 to 192.0.2.0/24"),
        SecurityRule.parse("egress allow tcp 80 to ::/0"));

    QuotaReport report = new QuotaChecker(EC2_LIKE, quota).check(rules);

    assertEquals(List.of(new QuotaUsage(QuotaScope.group(), 2, 10, 2), new QuotaUsage(QuotaScope.of(Direction.EGRESS), 2, 1, 2)),
        report.usages());
    assertFalse(report.withinQuota());
    assertEquals(List.of(report.usages().get(1)), report.exceeded());
  }

  @Test
  void quotasNeedSensibleLimits() {
    assertThrows(IllegalArgumentException.class, () -> RuleQuota.perGroup(-1));
    assertThrows(IllegalArgumentException.class, () -> new RuleQuota(java.util.Map.of()));
    assertEquals(2, RuleQuota.perDirection(60).limits().size());
    assertEquals(4, RuleQuota.perDirectionAndFamily(60).limits().size());
  }

  @Test
  void scopesSelectByDirectionAndFamily() {
    SecurityRule v6Egress = SecurityRule.parse("egress allow any to ::/0");

    assertTrue(QuotaScope.group().includes(v6Egress));
    assertTrue(QuotaScope.of(Direction.EGRESS).includes(v6Egress));
    assertTrue(QuotaScope.of(Direction.EGRESS, IpVersion.IPV6).includes(v6Egress));
    assertFalse(QuotaScope.of(Direction.EGRESS, IpVersion.IPV4).includes(v6Egress));
    assertFalse(QuotaScope.of(Direction.INGRESS).includes(v6Egress));
    assertEquals("egress ipv6 rules", QuotaScope.of(Direction.EGRESS, IpVersion.IPV6).toString());
  }
}
