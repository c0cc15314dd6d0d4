package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.PortcullisException;
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
import io.portcullis.testkit.FakeHuaweiVpc;
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
 * Issue 13 on Huawei Cloud: an apply's single-rule deletes run several at once ({@link
 * ApplyOptions#callConcurrency}) through the real VpcClient against the fake, with outcomes as when run one by one.
 */
class HuaweiConcurrentApplyTest {
  private static final int CONCURRENCY = 4;
  /** 6 old rules: 4 replaced (new source), 2 removed; 2 new egress rules. One batch create, then 6 deletes. */
  private static final List<SecurityRule> OLD = IntStream.range(0, 6)
      .mapToObj(i -> SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 198.51.100.0/24 priority 1"))
      .toList();
  private static final Map<SecurityRule, SecurityRule> REPLACED = new LinkedHashMap<>();
  private static final List<SecurityRule> DESIRED = new ArrayList<>();
  private static final int CALLS = 7;

  static {
    for (int i = 0; i < 4; i++) {
      REPLACED.put(OLD.get(i),
          SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 203.0.113.0/24 priority 1"));
    }
    DESIRED.addAll(REPLACED.values());
    IntStream.range(0, 2).forEach(i -> DESIRED.add(
        SecurityRule.parse("egress allow tcp " + (5000 + i) + " to 10.0.0.0/8 priority 1")));
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
    fake.setLatency(Duration.ofMillis(5)); // so that the deletes overlap
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
  void aFaultAtAnyCallOfConcurrentDeletesLeavesOutcomesTrueOfTheGroup(FaultMatrix.Mode mode, int index) {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);
    assertEquals(12, plan.changes().size(), plan.render());
    FaultMatrix.inject(fake, mode, index, 3, Duration.ofMillis(1300));

    ApplyResult result = FaultMatrix.applyCatching(
        mode == FaultMatrix.Mode.DELAY_PAST_TIMEOUT ? impatient : rules, group, plan, concurrent);
    fake.clearFaults();

    FaultMatrix.verify(rules, group, DESIRED, PlanMode.AUTHORITATIVE, result, REPLACED);
  }

  @Test
  void deletesOverlapUpToTheConcurrencyAndEachPassesTheGate() {
    List<SecurityRule> many = IntStream.range(0, 24)
        .mapToObj(i -> SecurityRule.parse("ingress allow udp " + (2000 + i) + " from 10.0.0.0/8 priority 1")).toList();
    rules.apply(group, rules.plan(group, many, PlanMode.ADDITIVE));
    fake.setLatency(Duration.ofMillis(50));
    fake.clearCalls();
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
    assertEquals(30, fake.mutatingCallCount());
    assertEquals(30, admitted.get());
    assertEquals(30, ended.get());
    assertTrue(fake.maxInFlight() > 1, "the deletes overlapped: " + fake.maxInFlight());
    assertTrue(fake.maxInFlight() <= CONCURRENCY, "at most " + CONCURRENCY + " at once: " + fake.maxInFlight());
    assertTrue(rules.list(group).isEmpty());
  }

  @Test
  void oneCallAtATimeUnlessAsked() {
    fake.setLatency(Duration.ofMillis(20));

    assertTrue(rules.apply(group, rules.plan(group, List.of(), PlanMode.AUTHORITATIVE)).isComplete());

    assertEquals(6, fake.mutatingCallCount());
    assertEquals(1, fake.maxInFlight());
  }

  /** Where the quota forces deletes before creates, each create still waits for the deletes that make room. */
  @Test
  void quotaBoundOrderIsTheSerialOrder() {
    List<SecurityRule> replacements = IntStream.range(0, 6)
        .mapToObj(i -> SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 192.0.2.0/24 priority 1"))
        .toList();
    fake.setRuleQuota(8);
    HuaweiSecurityGroupRules quota8 = rules.withRuleQuota(8);
    SecurityGroupRef serialGroup = SecurityGroupRef.ofId(fake.createSecurityGroup("serial", false));
    quota8.apply(serialGroup, quota8.plan(serialGroup, OLD, PlanMode.ADDITIVE));
    fake.clearCalls();
    ApplyResult serial = quota8.apply(serialGroup, quota8.plan(serialGroup, replacements, PlanMode.AUTHORITATIVE));
    List<String> serialOrder = mutatingOperations();
    fake.clearCalls();

    ApplyResult result = quota8.apply(group, quota8.plan(group, replacements, PlanMode.AUTHORITATIVE), concurrent);

    assertTrue(serial.isComplete() && result.isComplete(), result.render());
    assertTrue(serialOrder.indexOf(FakeHuaweiVpc.DELETE_RULE) < serialOrder.lastIndexOf(FakeHuaweiVpc.BATCH_CREATE_RULES),
        "the quota forced a delete before a create: " + serialOrder);
    assertEquals(serialOrder, mutatingOperations());
  }

  private List<String> mutatingOperations() {
    return fake.calls().stream().filter(RecordedCall::mutating).map(RecordedCall::operation).toList();
  }

  @Test
  void anInterruptStartsNoMoreDeletesAndSettlesThoseInFlight() {
    AtomicInteger answered = new AtomicInteger();
    ApplyListener interruptAtThirdDelete = new ApplyListener() {
      @Override
      public void callAnswered(String provider, SecurityGroupRef g, String operation, Optional<String> requestId,
          Optional<PortcullisException> failure) {
        if (operation.startsWith("Delete") && answered.incrementAndGet() == 3) {
          Thread.currentThread().interrupt();
        }
      }
    };
    List<SecurityRule> many = IntStream.range(0, 24)
        .mapToObj(i -> SecurityRule.parse("ingress allow udp " + (2000 + i) + " from 10.0.0.0/8 priority 1")).toList();
    rules.apply(group, rules.plan(group, many, PlanMode.ADDITIVE));
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, plan, concurrent.toBuilder().listener(interruptAtThirdDelete).build()));

    assertTrue(Thread.interrupted(), "the interrupt flag is restored");
    ApplyResult result = e.result();
    assertTrue(result.outcomes().stream().anyMatch(o -> o.status() == RuleOutcome.Status.NOT_ATTEMPTED),
        result.render());
    assertTrue(result.outcomes().stream().filter(o -> o.change() == RuleOutcome.Change.DELETE)
        .filter(o -> o.status() == RuleOutcome.Status.APPLIED).count() >= 3, result.render());
    FaultMatrix.verify(rules, group, DESIRED, PlanMode.AUTHORITATIVE, result, REPLACED);
  }
}
