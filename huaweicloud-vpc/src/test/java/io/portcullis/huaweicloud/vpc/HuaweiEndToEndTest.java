package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.analysis.QuotaExceededPlanException;
import io.portcullis.core.analysis.QuotaUsage;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.FakeHuaweiVpc;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plan and apply through the real VpcClient against the test kit's stateful Huawei fake. */
class HuaweiEndToEndTest {
  private static final List<SecurityRule> DESIRED = List.of(
      SecurityRule.parse("ingress deny tcp 23,3389 from 0.0.0.0/0 priority 1 \"no telnet or rdp\""),
      SecurityRule.parse("ingress allow tcp 22,8000-8080 from 10.10.0.0/16 priority 10"),
      SecurityRule.parse("ingress allow tcp 443 from 2001:db8::/32"),
      SecurityRule.parse("egress allow any to ::/0 priority 100"));

  private FakeHuaweiVpc fake;
  private SecurityGroupRules rules;
  private SecurityGroupRef group;

  @BeforeEach
  void start() {
    fake = new FakeHuaweiVpc();
    group = SecurityGroupRef.ofId(fake.createSecurityGroup("web", false));
    rules = SecurityGroupRulesProvider.load("huaweicloud-vpc", ProviderSettings.builder()
        .endpoint(fake.endpoint())
        .projectId(fake.projectId())
        .credentials(new StaticCredentials("AKTEST", "SKTEST"))
        .build());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void applyThenReapplyMakesNoFurtherCalls() {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.ADDITIVE);
    assertEquals(4, plan.toCreate().size());

    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(1, result.mutatingCalls());
    assertEquals(1, fake.mutatingCallCount(), "one batch create for the group");
    assertEquals(4, fake.rules(group.id().get()).size());
    assertTrue(result.outcomes().stream().allMatch(o -> o.providerId().isPresent()));
    // The rule without a priority was created with the default one, and reads back equal.
    assertTrue(rules.list(group).stream().map(ProvisionedRule::rule)
        .anyMatch(r -> r.equals(SecurityRule.parse("ingress allow tcp 443 from 2001:db8::/32 priority 1"))));

    fake.clearCalls();
    RulePlan again = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);
    assertFalse(again.hasChanges(), again.render());
    assertEquals(0, rules.apply(group, again).mutatingCalls());
    assertEquals(0, fake.mutatingCallCount());
  }

  @Test
  void authoritativeApplyDeletesTheRestAndKeepsADescriptionItCannotUpdate() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    List<SecurityRule> desired = List.of(
        SecurityRule.parse("ingress deny tcp 23,3389 from 0.0.0.0/0 priority 1 \"telnet and rdp stay shut\""),
        SecurityRule.parse("egress allow any to ::/0 priority 100"));
    fake.clearCalls();

    RulePlan plan = rules.plan(group, desired, PlanMode.AUTHORITATIVE);
    assertEquals(List.of(2, 0, 1), List.of(plan.toDelete().size(), plan.toUpdate().size(), plan.notUpdated().size()));
    assertTrue(plan.render().contains("  ! "), plan.render());
    assertEquals(1, plan.warnings().size());
    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(2, fake.mutatingCallCount(), "the two deletes; the rule whose description differs is kept");
    assertEquals(2, rules.list(group).size());
  }

  @Test
  void aDescriptionChangeIsAReplacementOnlyWhenAskedFor() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    HuaweiSecurityGroupRules replacing = ((HuaweiSecurityGroupRules) rules).withDescriptionReplacement(true);
    List<SecurityRule> desired = List.of(
        SecurityRule.parse("ingress deny tcp 23,3389 from 0.0.0.0/0 priority 1 \"telnet and rdp stay shut\""),
        SecurityRule.parse("egress allow any to ::/0 priority 100"));
    fake.clearCalls();

    RulePlan additive = replacing.plan(group, desired, PlanMode.ADDITIVE);
    assertEquals(List.of(0, 1), List.of(additive.toDelete().size(), additive.toUpdate().size()));
    assertTrue(additive.updatesReplace());
    assertTrue(additive.render().contains("-/+ "), additive.render());
    RulePlan plan = replacing.plan(group, desired, PlanMode.AUTHORITATIVE);
    ApplyResult result = replacing.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    // The update's delete and batch create, then two deletes.
    assertEquals(4, fake.mutatingCallCount());
    assertEquals(4, result.mutatingCalls());
    assertEquals(desired.stream().map(r -> rules.providerForm(List.of(r)).get(0)).collect(Collectors.toSet()),
        rules.list(group).stream().map(ProvisionedRule::rule).collect(Collectors.toSet()));
  }

  @Test
  void aFailurePartWayReportsEveryChangeAndASecondApplyFinishes() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    // A 500 is not retried: the delete may have happened, so the apply settles it by reading the group.
    fake.failNext(FakeHuaweiVpc.DELETE_RULE, Fault.error(500, "VPC.0500", "System error"));
    List<SecurityRule> desired = List.of(SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8 priority 5"));

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, desired, PlanMode.AUTHORITATIVE)));

    assertEquals(OptionalInt.of(500), assertInstanceOf(ProviderException.class, e.getCause()).error().httpStatus());
    ApplyResult partial = e.result();
    assertEquals(5, partial.outcomes().size(), partial.render());
    assertEquals(Change.CREATE, partial.withStatus(Status.APPLIED).get(0).change(), "the new rule came first");
    assertEquals(1, partial.withStatus(Status.FAILED).size());
    assertEquals(Change.DELETE, partial.withStatus(Status.FAILED).get(0).change());
    assertEquals(3, partial.withStatus(Status.NOT_ATTEMPTED).size());
    assertEquals(5, fake.rules(group.id().get()).size(), "the new rule and all the old ones");

    ApplyResult second = rules.apply(group, rules.plan(group, desired, PlanMode.AUTHORITATIVE));
    assertTrue(second.isComplete(), second.render());
    assertEquals(List.of(SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8 priority 5")),
        rules.list(group).stream().map(ProvisionedRule::rule).toList());
  }

  @Test
  void aDroppedConnectionIsSettledByReadingTheGroupAgain() {
    // OkHttp, under the SDK, retries a dropped connection once by itself: drop the retry too.
    fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, Fault.connectionReset());
    fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, Fault.connectionReset());

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE)));

    assertEquals(4, e.result().withStatus(Status.FAILED).size(), e.result().render());
    assertTrue(fake.rules(group.id().get()).isEmpty());
    assertTrue(rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE)).isComplete());
    assertEquals(4, fake.rules(group.id().get()).size());
  }

  @Test
  void anUnsupportedRuleStopsThePlanBeforeAnyCall() {
    List<SecurityRule> desired = List.of(DESIRED.get(0), SecurityRule.parse("ingress allow tcp 22 from pl-0123"));

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class,
        () -> rules.plan(group, desired, PlanMode.ADDITIVE));

    assertEquals(1, e.rejections().size());
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void aPlanOverTheQuotaFailsBeforeAnyCallAndSaysWhetherCompactionFits() {
    // 60 single-address rules over a 50-rule quota; compaction merges them into a handful of CIDR blocks.
    List<SecurityRule> desired = IntStream.range(0, 60)
        .mapToObj(i -> SecurityRule.parse("ingress allow tcp 22 from 10.0.0." + i + " priority 10")).toList();
    RulePlan plan = rules.plan(group, desired, PlanMode.ADDITIVE);
    fake.clearCalls();

    QuotaExceededPlanException e = assertThrows(QuotaExceededPlanException.class, () -> rules.apply(group, plan));

    QuotaUsage usage = e.exceeded().get(0);
    assertEquals(60, usage.count());
    assertEquals(50, usage.limit());
    assertTrue(e.compactionWouldFit(), e.getMessage());
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void huaweiCountsOneRulePerTwentyPortChunk() {
    HuaweiRuleCounter counter = new HuaweiRuleCounter(new HuaweiRuleTranslator());
    String ports = IntStream.rangeClosed(1, 45).mapToObj(i -> Integer.toString(i * 2)).collect(Collectors.joining(","));
    SecurityRule wide = SecurityRule.parse("ingress allow tcp " + ports + " from 10.0.0.0/8");

    assertEquals(3, counter.count(List.of(wide)));
    assertEquals(counter.count(List.of(wide, DESIRED.get(0))), rules.providerForm(List.of(wide, DESIRED.get(0))).size());
  }

  @Test
  void dryRunChecksCreatesWithoutChangingAnything() {
    List<SecurityRule> wide = List.of(SecurityRule.parse("ingress allow tcp "
        + IntStream.rangeClosed(1, 25).mapToObj(i -> Integer.toString(i * 100)).collect(Collectors.joining(","))
        + " from 10.0.0.0/8 priority 3"));
    RulePlan plan = rules.plan(group, wide, PlanMode.ADDITIVE);
    assertEquals(2, plan.toCreate().size(), "25 ports are split into rules of at most 20");

    ApplyResult result = rules.dryRun(group, plan);

    assertTrue(result.dryRun());
    assertEquals(2, result.withStatus(Status.WOULD_APPLY).size());
    assertTrue(fake.rules(group.id().get()).isEmpty());
  }
}
