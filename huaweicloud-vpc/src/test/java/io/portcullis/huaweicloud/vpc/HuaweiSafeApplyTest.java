package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.StalePlanException;
import io.portcullis.testkit.FakeHuaweiVpc;
import io.portcullis.testkit.FakeHuaweiVpcFaults;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.FaultMatrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 on Huawei Cloud, through the real VpcClient against the test kit's fake: faults at every call of a
 * 50-change authoritative apply, and servers that misbehave.
 */
class HuaweiSafeApplyTest {
  /** 25 old rules: 20 replaced (new source), 5 removed; 5 new egress rules. 50 changes, peak 50 = the quota. */
  private static final List<SecurityRule> OLD = IntStream.range(0, 25)
      .mapToObj(i -> SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 198.51.100.0/24 priority 1"))
      .toList();
  private static final Map<SecurityRule, SecurityRule> REPLACED = new LinkedHashMap<>();
  private static final List<SecurityRule> DESIRED = new ArrayList<>();
  /** The calls of the apply: one batch create, then 25 deletes. */
  private static final int CALLS = 26;

  static {
    for (int i = 0; i < 20; i++) {
      REPLACED.put(OLD.get(i),
          SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 203.0.113.0/24 priority 1"));
    }
    DESIRED.addAll(REPLACED.values());
    IntStream.range(0, 5).forEach(i -> DESIRED.add(
        SecurityRule.parse("egress allow tcp " + (5000 + i) + " to 10.0.0.0/8 priority 1")));
  }

  private FakeHuaweiVpc fake;
  private HuaweiSecurityGroupRules rules;
  /** The same service with a read timeout of 1 s (the SDK's least), for replies delayed past it. */
  private HuaweiSecurityGroupRules impatient;
  private SecurityGroupRef group;

  @BeforeEach
  void start() {
    fake = new FakeHuaweiVpc();
    group = SecurityGroupRef.ofId(fake.createSecurityGroup("web", false));
    rules = service(HttpConfig.getDefaultHttpConfig());
    impatient = service(HttpConfig.getDefaultHttpConfig().withTimeout(1).withReadTimeout(1));
    rules.apply(group, rules.plan(group, OLD, PlanMode.ADDITIVE));
    fake.clearCalls();
  }

  private HuaweiSecurityGroupRules service(HttpConfig http) {
    VpcClient client = VpcClient.newBuilder()
        .withHttpConfig(http)
        .withCredential(new BasicCredentials().withAk("AKTEST").withSk("SKTEST").withProjectId(fake.projectId()))
        .withEndpoints(List.of(fake.endpoint().toString()))
        .build();
    return new HuaweiSecurityGroupRules(client).withThrottlingRetry(new ThrottlingRetry(3, Duration.ZERO));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static Stream<Arguments> faults() {
    return Stream.of(FaultMatrix.Mode.values())
        .flatMap(mode -> IntStream.range(0, CALLS).mapToObj(index -> Arguments.of(mode, index)));
  }

  @ParameterizedTest(name = "{0} at call {1}")
  @MethodSource("faults")
  void aFaultAtAnyCallNeverLeavesAReplacedRuleWithoutEitherVersion(FaultMatrix.Mode mode, int index) {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);
    assertEquals(50, plan.changes().size(), plan.render());
    FaultMatrix.inject(fake, mode, index, 3, Duration.ofMillis(1300));

    ApplyResult result = FaultMatrix.applyCatching(
        mode == FaultMatrix.Mode.DELAY_PAST_TIMEOUT ? impatient : rules, group, plan);
    fake.clearFaults();

    FaultMatrix.verify(rules, group, DESIRED, PlanMode.AUTHORITATIVE, result, REPLACED);
  }

  @Test
  void aListingThatRepeatsAPageOrNeverEndsIsRefused() {
    HuaweiSecurityGroupRules paged = rules.withMaxPages(10);
    fake.failAlways(FakeHuaweiVpc.LIST_RULES, Fault.endlessMarkers());
    assertThrows(ProviderReplyException.class, () -> paged.list(group.id().get()));
    assertTrue(fake.calls().size() <= 11, "bounded: " + fake.calls().size());

    fake.clearFaults();
    fake.failAlways(FakeHuaweiVpc.LIST_RULES, Fault.ignoreMarker());
    assertThrows(ProviderReplyException.class, () -> paged.list(group.id().get(), RuleListFilter.builder()
        .pageSize(10).build()));
  }

  @Test
  void aListingWithNullsOrAnotherGroupsRulesIsNeverPlanned() {
    fake.failNext(FakeHuaweiVpc.LIST_RULES, FakeHuaweiVpcFaults.nullEntry("security_group_rules"));
    assertThrows(ProviderReplyException.class, () -> rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE));

    String other = fake.createSecurityGroup("other", false);
    rules.create(SecurityGroupRef.ofId(other), SecurityRule.parse("ingress allow tcp 3306 from 10.0.0.0/8 priority 1"));
    fake.clearCalls();
    fake.failNext(FakeHuaweiVpc.LIST_RULES, FakeHuaweiVpcFaults.otherGroupsRules(other));
    assertThrows(ProviderReplyException.class, () -> rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE));
    assertEquals(0, fake.mutatingCallCount());
  }

  @Test
  void createAndShowRepliesWithoutTheirRuleAreTypedErrors() {
    fake.failNext(FakeHuaweiVpc.CREATE_RULE, FakeHuaweiVpcFaults.withoutField("security_group_rule"));
    assertThrows(ProviderReplyException.class, () -> rules.create(group,
        SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8 priority 1")));

    String id = rules.list(group).get(0).providerId();
    fake.failNext(FakeHuaweiVpc.SHOW_RULE, FakeHuaweiVpcFaults.nullField("security_group_rule"));
    assertThrows(ProviderReplyException.class, () -> rules.show(id));

    fake.failNext(FakeHuaweiVpc.CREATE_RULE, FakeHuaweiVpcFaults.differentRule());
    assertThrows(ProviderReplyException.class, () -> rules.create(group,
        SecurityRule.parse("ingress allow udp 54 from 10.0.0.0/8 priority 1")));
  }

  @Test
  void anEmptyBatchReplyIsSettledByReadingTheGroupNotReportedAsSuccess() {
    fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, FakeHuaweiVpcFaults.emptyList("security_group_rules"));

    ApplyResult result = rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));

    assertTrue(result.isComplete(), result.render());
    assertTrue(result.outcomes().stream().allMatch(o -> o.providerId().filter(p -> !p.isEmpty()).isPresent()),
        result.render());
  }

  @Test
  void aNeutronErrorIsADuplicateWithItsCode() {
    fake.failNext(FakeHuaweiVpc.CREATE_RULE,
        FakeHuaweiVpcFaults.neutronError(409, "SecurityGroupRuleExists", "Security group rule already exists"));

    DuplicateRuleException e = assertThrows(DuplicateRuleException.class, () -> rules.create(group,
        SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8 priority 1")));

    assertEquals(Optional.of("SecurityGroupRuleExists"), e.errorCode());
  }

  @Test
  void tenDescriptionEditsAndA503NeverEmptyTheGroup() {
    List<SecurityRule> edited = OLD.stream().limit(10).map(r -> r.toBuilder().description("edited").build())
        .toList();
    fake.failMutatingCall(0, Fault.error(503, "VPC.0503", "Service unavailable"));

    RulePlan plan = rules.plan(group, edited, PlanMode.ADDITIVE);
    ApplyResult result = rules.apply(group, plan);

    assertEquals(10, plan.notUpdated().size(), plan.render());
    assertEquals(0, result.mutatingCalls(), "ADDITIVE never deletes, and v3 cannot edit in place");
    assertEquals(25, rules.list(group).size());
  }

  @Test
  void twoAuthoritativeAppliesFromOneSnapshotCannotBothDelete() {
    RulePlan first = rules.plan(group, OLD.subList(0, 24), PlanMode.AUTHORITATIVE);
    RulePlan second = rules.plan(group, OLD.subList(1, 25), PlanMode.AUTHORITATIVE);

    assertTrue(rules.apply(group, first).isComplete());
    StalePlanException e = assertThrows(StalePlanException.class, () -> rules.apply(group, second));

    assertInstanceOf(StalePlanException.class, e);
    assertEquals(24, rules.list(group).size());
  }
}
