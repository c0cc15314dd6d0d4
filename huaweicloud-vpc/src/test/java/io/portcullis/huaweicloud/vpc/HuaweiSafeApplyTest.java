package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyListener;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.CallGate;
import io.portcullis.core.plan.CallKind;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.StalePlanException;
import io.portcullis.testkit.FakeHuaweiVpc;
import io.portcullis.testkit.FakeHuaweiVpcFaults;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.FaultMatrix;
import io.portcullis.testkit.RecordedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
 * 50-change authoritative apply, and servers that misbehave. Issue 13: the same with the deletes sent several at
 * once ({@link ApplyOptions#callConcurrency}), whose outcomes must be those of one by one.
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
  private static final int CONCURRENCY = 4;
  /** A smaller apply for concurrent deletes: 2 of the old rules replaced, 2 removed, 1 new. */
  private static final Map<SecurityRule, SecurityRule> REPLACED_FEW = new LinkedHashMap<>();
  private static final List<SecurityRule> DESIRED_FEW = new ArrayList<>();
  /** One batch create, then 4 deletes. */
  private static final int CALLS_FEW = 5;

  static {
    for (int i = 0; i < 20; i++) {
      REPLACED.put(OLD.get(i),
          SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 203.0.113.0/24 priority 1"));
    }
    DESIRED.addAll(REPLACED.values());
    IntStream.range(0, 5).forEach(i -> DESIRED.add(
        SecurityRule.parse("egress allow tcp " + (5000 + i) + " to 10.0.0.0/8 priority 1")));
    REPLACED_FEW.put(OLD.get(0), REPLACED.get(OLD.get(0)));
    REPLACED_FEW.put(OLD.get(1), REPLACED.get(OLD.get(1)));
    DESIRED_FEW.addAll(REPLACED_FEW.values());
    DESIRED_FEW.addAll(OLD.subList(4, 25));
    DESIRED_FEW.add(DESIRED.get(DESIRED.size() - 1));
  }

  private final ApplyOptions concurrent = ApplyOptions.builder().callConcurrency(CONCURRENCY).build();

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
    return faults(CALLS);
  }

  static Stream<Arguments> fewerFaults() {
    return faults(CALLS_FEW);
  }

  private static Stream<Arguments> faults(int calls) {
    return Stream.of(FaultMatrix.Mode.values())
        .flatMap(mode -> IntStream.range(0, calls).mapToObj(index -> Arguments.of(mode, index)));
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

  @ParameterizedTest(name = "{0} at call {1}")
  @MethodSource("fewerFaults")
  void aFaultAtAnyCallOfConcurrentDeletesLeavesOutcomesTrueOfTheGroup(FaultMatrix.Mode mode, int index) {
    RulePlan plan = rules.plan(group, DESIRED_FEW, PlanMode.AUTHORITATIVE);
    assertEquals(7, plan.changes().size(), plan.render());
    fake.setLatency(Duration.ofMillis(5)); // so that the deletes overlap
    FaultMatrix.inject(fake, mode, index, 3, Duration.ofMillis(1300));

    ApplyResult result = FaultMatrix.applyCatching(
        mode == FaultMatrix.Mode.DELAY_PAST_TIMEOUT ? impatient : rules, group, plan, concurrent);
    fake.clearFaults();

    FaultMatrix.verify(rules, group, DESIRED_FEW, PlanMode.AUTHORITATIVE, result, REPLACED_FEW);
  }

  @Test
  void concurrentDeletesOverlapUpToTheConcurrencyAndEachPassesTheGate() {
    fake.setLatency(Duration.ofMillis(50));
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    CallGate counting = new CallGate() {
      @Override
      public void admit(CallKind kind) {
        if (kind == CallKind.MUTATE) {
          admitted.incrementAndGet();
        }
      }

      @Override
      public void ended(CallKind kind, Optional<PortcullisException> failure) {
        if (kind == CallKind.MUTATE) {
          ended.incrementAndGet();
        }
      }
    };

    ApplyResult result = rules.apply(group, rules.plan(group, List.of(), PlanMode.AUTHORITATIVE),
        concurrent.toBuilder().gate(counting).build());

    assertTrue(result.isComplete(), result.render());
    assertEquals(25, fake.mutatingCallCount());
    assertEquals(25, admitted.get());
    assertEquals(25, ended.get());
    assertTrue(fake.maxInFlight() > 1, "the deletes overlapped: " + fake.maxInFlight());
    assertTrue(fake.maxInFlight() <= CONCURRENCY, "at most " + CONCURRENCY + " at once: " + fake.maxInFlight());
    assertTrue(rules.list(group).isEmpty());
  }

  @Test
  void oneCallAtATimeUnlessAsked() {
    fake.setLatency(Duration.ofMillis(10));

    assertTrue(rules.apply(group, rules.plan(group, OLD.subList(0, 19), PlanMode.AUTHORITATIVE)).isComplete());

    assertEquals(6, fake.mutatingCallCount());
    assertEquals(1, fake.maxInFlight());
  }

  /** Where the quota forces deletes before creates, each create still waits for the deletes that make room. */
  @Test
  void concurrentDeletesKeepTheQuotaBoundOrder() {
    List<SecurityRule> before = OLD.subList(0, 6);
    List<SecurityRule> after = before.stream().map(r -> r.toBuilder().remote(
        io.portcullis.core.CidrBlock.parse("192.0.2.0/24")).build()).toList();
    fake.setRuleQuota(8);
    HuaweiSecurityGroupRules quota8 = rules.withRuleQuota(8);
    List<List<String>> orders = new ArrayList<>();
    for (ApplyOptions options : List.of(ApplyOptions.defaults(), concurrent)) {
      SecurityGroupRef small = SecurityGroupRef.ofId(fake.createSecurityGroup("small", false));
      quota8.apply(small, quota8.plan(small, before, PlanMode.ADDITIVE));
      fake.clearCalls();
      ApplyResult result = quota8.apply(small, quota8.plan(small, after, PlanMode.AUTHORITATIVE), options);
      assertTrue(result.isComplete(), result.render());
      orders.add(fake.calls().stream().filter(RecordedCall::mutating).map(RecordedCall::operation).toList());
    }

    List<String> serial = orders.get(0);
    assertTrue(serial.indexOf(FakeHuaweiVpc.DELETE_RULE) < serial.lastIndexOf(FakeHuaweiVpc.BATCH_CREATE_RULES),
        "the quota forced a delete before a create: " + serial);
    assertEquals(serial, orders.get(1));
  }

  @Test
  void anInterruptStartsNoMoreConcurrentDeletesAndSettlesThoseInFlight() {
    AtomicInteger answered = new AtomicInteger();
    ApplyListener interruptAtThirdDelete = new ApplyListener() {
      @Override
      public void callAnswered(String provider, SecurityGroupRef g, String operation, Optional<String> requestId,
          Optional<PortcullisException> failure) {
        if (operation.equals(FakeHuaweiVpc.DELETE_RULE) && answered.incrementAndGet() == 3) {
          Thread.currentThread().interrupt(); // the listener runs on the applying thread
        }
      }
    };
    RulePlan plan = rules.plan(group, List.of(), PlanMode.AUTHORITATIVE);

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, plan, concurrent.toBuilder().listener(interruptAtThirdDelete).build()));

    assertTrue(Thread.interrupted(), "the interrupt flag is restored");
    ApplyResult result = e.result();
    assertTrue(result.withStatus(RuleOutcome.Status.APPLIED).size() >= 3, result.render());
    assertTrue(result.withStatus(RuleOutcome.Status.NOT_ATTEMPTED).size() >= 25 - 3 - CONCURRENCY, result.render());
    FaultMatrix.verify(rules, group, List.of(), PlanMode.AUTHORITATIVE, result, Map.of());
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
