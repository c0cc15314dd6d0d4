package io.portcullis.benchmarks;

import io.portcullis.aws.ec2.Ec2SecurityGroupRules;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.huaweicloud.vpc.HuaweiSecurityGroupRules;
import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.FakeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * How many mutating API calls each adapter makes to put N rules on one group, to apply the same state
 * again, and to remove them all, counted by the test kit's fakes, beside a one-call-per-rule baseline (how
 * per-rule resources, as in terraform, work); and the wall time of putting N rules on a group with a latency
 * injected into every reply, beside the same baseline.
 */
public final class ApiCallReport {
  static final int[] SIZES = {10, 100, 1000};

  private ApiCallReport() {}

  /** One measured row. */
  record Row(String provider, int rules, long create, long reapply, long deleteAll) {
    String markdown() {
      return "| " + provider + " | " + rules + " | " + create + " | " + reapply + " | " + deleteAll + " | " + rules
          + " / " + rules + " |";
    }
  }

  /** The round trip the fakes add to every reply for the wall-time table. */
  static final Duration LATENCY = Duration.ofMillis(5);
  static final int[] TIMED_SIZES = {100, 1000};

  /** Prints the tables. */
  public static void main(String[] args) {
    System.out.println(markdown(measure()));
    System.out.println(timingMarkdown(measureTimes()));
  }

  /** One timed row: a Portcullis apply of N rules, and the same rules put one call per rule. */
  record Timing(String provider, int rules, long calls, long millis, long baselineCalls, long baselineMillis) {
    String markdown() {
      return "| " + provider + " | " + rules + " | " + calls + " | " + millis + " | " + baselineCalls + " | "
          + baselineMillis + " | " + String.format(Locale.ROOT, "%.1fx", (double) baselineMillis / Math.max(1, millis))
          + " |";
    }
  }

  static String timingMarkdown(List<Timing> rows) {
    StringBuilder s = new StringBuilder("| provider | rules | calls (plan + apply) | wall ms | one call per rule: calls"
        + " | wall ms | Portcullis faster by |\n|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> s.append(r.markdown()).append('\n'));
    return s.toString();
  }

  /**
   * Wall time to put N rules on an empty group with every reply delayed by {@link #LATENCY}: a plan and apply,
   * against the baseline of applying each rule on its own (one additive plan of one rule, no read).
   */
  static List<Timing> measureTimes() {
    List<Timing> rows = new ArrayList<>();
    for (int n : TIMED_SIZES) {
      try (FakeClouds clouds = FakeClouds.start()) {
        clouds.ec2().setRulesPerGroup(Integer.MAX_VALUE);
        clouds.huaweiVpc().setRuleQuota(Integer.MAX_VALUE);
        List.<FakeService>of(clouds.ec2(), clouds.elastiCache(), clouds.huaweiVpc()).forEach(f -> f.setLatency(LATENCY));
        rows.add(time(clouds, clouds.ec2(), FakeClouds.AWS_EC2, n,
            () -> SecurityGroupRef.ofId(clouds.ec2().createSecurityGroup("t" + System.nanoTime(), "vpc-t", false, false)),
            i -> SecurityRule.parse("ingress allow tcp 443 from " + address(i))));
        rows.add(time(clouds, clouds.elastiCache(), FakeClouds.AWS_ELASTICACHE, n, () -> {
          String name = "t" + System.nanoTime();
          clouds.elastiCache().createCacheSecurityGroup(name, "timing");
          return SecurityGroupRef.ofName(name);
        }, i -> SecurityRule.parse("ingress allow any from group-name app-" + i + " owner 123456789012")));
        rows.add(time(clouds, clouds.huaweiVpc(), FakeClouds.HUAWEICLOUD_VPC, n,
            () -> SecurityGroupRef.ofId(clouds.huaweiVpc().createSecurityGroup("t" + System.nanoTime(), false)),
            i -> SecurityRule.parse("ingress allow tcp 443 from " + address(i) + " priority 10")));
      }
    }
    return rows;
  }

  private static Timing time(FakeClouds clouds, FakeService fake, String provider, int n,
      Supplier<SecurityGroupRef> newGroup, IntFunction<SecurityRule> rule) {
    SecurityGroupRules adapter = withoutQuota(clouds.rules(provider), n);
    List<SecurityRule> desired = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      desired.add(rule.apply(i));
    }
    SecurityGroupRef group = newGroup.get();
    long calls = fake.calls().size();
    long start = System.nanoTime();
    adapter.apply(group, adapter.plan(group, desired, PlanMode.AUTHORITATIVE));
    long millis = (System.nanoTime() - start) / 1_000_000;
    calls = fake.calls().size() - calls;
    SecurityGroupRef baselineGroup = newGroup.get();
    long baselineCalls = fake.calls().size();
    start = System.nanoTime();
    for (SecurityRule r : desired) {
      adapter.apply(baselineGroup, RulePlan.between(List.of(r), List.of(), PlanMode.ADDITIVE));
    }
    long baselineMillis = (System.nanoTime() - start) / 1_000_000;
    return new Timing(provider, n, calls, millis, fake.calls().size() - baselineCalls, baselineMillis);
  }

  static String markdown(List<Row> rows) {
    StringBuilder s = new StringBuilder(
        "| provider | rules | calls to create | calls to re-apply | calls to delete all | one call per rule (create / delete) |\n"
            + "|---|---|---|---|---|---|\n");
    rows.forEach(r -> s.append(r.markdown()).append('\n'));
    return s.toString();
  }

  static List<Row> measure() {
    List<Row> rows = new ArrayList<>();
    for (int n : SIZES) {
      try (FakeClouds clouds = FakeClouds.start()) {
        // Quotas are lifted: this counts calls, it does not test limits.
        clouds.ec2().setRulesPerGroup(Integer.MAX_VALUE);
        clouds.huaweiVpc().setRuleQuota(Integer.MAX_VALUE);
        String ec2Group = clouds.ec2().createSecurityGroup("calls", "vpc-calls", false, false);
        rows.add(measure(clouds, clouds.ec2(), FakeClouds.AWS_EC2, ec2Group, n,
            i -> SecurityRule.parse("ingress allow tcp 443 from " + address(i))));
        clouds.elastiCache().createCacheSecurityGroup("calls", "call counting");
        rows.add(measure(clouds, clouds.elastiCache(), FakeClouds.AWS_ELASTICACHE, null, n,
            i -> SecurityRule.parse("ingress allow any from group-name app-" + i + " owner 123456789012")));
        String huaweiGroup = clouds.huaweiVpc().createSecurityGroup("calls", false);
        rows.add(measure(clouds, clouds.huaweiVpc(), FakeClouds.HUAWEICLOUD_VPC, huaweiGroup, n,
            i -> SecurityRule.parse("ingress allow tcp 443 from " + address(i) + " priority 10")));
      }
    }
    return rows;
  }

  private static Row measure(FakeClouds clouds, FakeService fake, String provider, String groupId, int n,
      IntFunction<SecurityRule> rule) {
    SecurityGroupRules adapter = withoutQuota(clouds.rules(provider), n);
    SecurityGroupRef group = groupId == null ? SecurityGroupRef.ofName("calls") : SecurityGroupRef.ofId(groupId);
    List<SecurityRule> desired = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      desired.add(rule.apply(i));
    }
    long create = calls(fake, () -> adapter.apply(group, adapter.plan(group, desired, PlanMode.AUTHORITATIVE)));
    long reapply = calls(fake, () -> adapter.apply(group, adapter.plan(group, desired, PlanMode.AUTHORITATIVE)));
    long delete = calls(fake, () -> adapter.apply(group, adapter.plan(group, List.of(), PlanMode.AUTHORITATIVE)));
    return new Row(provider, n, create, reapply, delete);
  }

  private static SecurityGroupRules withoutQuota(SecurityGroupRules adapter, int n) {
    if (adapter instanceof HuaweiSecurityGroupRules huawei) {
      return huawei.withRuleQuota(n);
    }
    if (adapter instanceof Ec2SecurityGroupRules ec2) {
      return ec2.withRulesPerGroup(n);
    }
    return adapter;
  }

  private static long calls(FakeService fake, Runnable action) {
    long before = fake.mutatingCallCount();
    action.run();
    return fake.mutatingCallCount() - before;
  }

  private static String address(int i) {
    return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff) + "/32";
  }
}
