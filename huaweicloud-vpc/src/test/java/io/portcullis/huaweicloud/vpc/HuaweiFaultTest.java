package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.testkit.FakeHuaweiVpc;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.RecordedCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults in the middle of an apply, through the real VpcClient and the test kit's Huawei fake: throttling is
 * retried (a 429 was not processed), 5xx and dropped connections are not, and in every case the result says
 * exactly what was applied and no rule is created or deleted twice.
 */
class HuaweiFaultTest {
  private static final Fault THROTTLED = Fault.error(429, "APIGW.0308", "The throttling threshold has been reached");
  private static final Fault SERVER_ERROR = Fault.error(500, "VPC.0500", "System error");
  private static final List<SecurityRule> OLD = List.of(
      SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 1"),
      SecurityRule.parse("ingress allow tcp 80 from 10.0.0.0/8 priority 1"));
  private static final List<SecurityRule> NEW = List.of(
      SecurityRule.parse("ingress allow tcp 443 from 0.0.0.0/0 priority 1"),
      SecurityRule.parse("egress allow any to ::/0 priority 100"));

  private FakeHuaweiVpc fake;
  private HuaweiSecurityGroupRules rules;
  private SecurityGroupRef group;

  @BeforeEach
  void start() {
    fake = new FakeHuaweiVpc();
    group = SecurityGroupRef.ofId(fake.createSecurityGroup("web", false));
    VpcClient client = VpcClient.newBuilder()
        .withHttpConfig(HttpConfig.getDefaultHttpConfig())
        .withCredential(new BasicCredentials().withAk("AKTEST").withSk("SKTEST").withProjectId(fake.projectId()))
        .withEndpoints(List.of(fake.endpoint().toString()))
        .build();
    rules = new HuaweiSecurityGroupRules(client).withThrottlingRetry(new ThrottlingRetry(3, Duration.ZERO));
    rules.apply(group, rules.plan(group, OLD, PlanMode.ADDITIVE));
    fake.clearCalls();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void throttledCallsAreSentAgainAndEachChangeIsAppliedOnce() {
    fake.failNext(FakeHuaweiVpc.DELETE_RULE, THROTTLED);
    fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, THROTTLED);
    fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, THROTTLED);

    ApplyResult result = rules.apply(group, rules.plan(group, NEW, PlanMode.AUTHORITATIVE));

    assertTrue(result.isComplete(), result.render());
    assertEquals(4, result.withStatus(Status.APPLIED).size());
    assertEquals(Set.copyOf(NEW), storedRules());
    // 2 deletes + 1 throttled delete, 1 batch create + 2 throttled ones: every request sent is counted.
    assertEquals(Map.of(429, 3L, 204, 2L, 201, 1L), statuses());
    assertEquals(6, fake.mutatingCallCount());
    assertEquals(fake.mutatingCallCount(), result.mutatingCalls());
    assertEachRuleDeletedOnce();
  }

  @Test
  void throttlingBeyondTheAttemptsFailsTheCreatesAndKeepsTheOldRules() {
    for (int i = 0; i < 3; i++) {
      fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, THROTTLED);
    }

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, NEW, PlanMode.AUTHORITATIVE)));

    assertInstanceOf(ThrottledException.class, e.getCause());
    ApplyResult result = e.result();
    assertEquals(Set.of(Change.CREATE), changes(result.withStatus(Status.FAILED)), result.render());
    assertEquals(2, result.withStatus(Status.FAILED).size());
    assertEquals(Set.of(Change.DELETE), changes(result.withStatus(Status.NOT_ATTEMPTED)), result.render());
    assertEquals(Set.copyOf(OLD), storedRules(), "make before break: nothing is deleted while the new rules are missing");
    assertEquals(Map.of(429, 3L), statuses());
    assertEquals(fake.mutatingCallCount(), result.mutatingCalls());
  }

  @Test
  void aServerErrorMidApplyIsNotRetriedAndASecondApplyFinishesWithoutRepeatingAnything() {
    fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, SERVER_ERROR);

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, NEW, PlanMode.AUTHORITATIVE)));

    assertEquals(OptionalInt.of(500), assertInstanceOf(ProviderException.class, e.getCause()).error().httpStatus());
    assertEquals(2, e.result().withStatus(Status.FAILED).size(), e.result().render());
    assertEquals(Set.of(Change.DELETE), changes(e.result().withStatus(Status.NOT_ATTEMPTED)), e.result().render());
    assertEquals(Map.of(500, 1L), statuses(), "the 500 was sent once");
    assertEquals(fake.mutatingCallCount(), e.result().mutatingCalls());
    assertEquals(Set.copyOf(OLD), storedRules());

    fake.clearCalls();
    ApplyResult second = rules.apply(group, rules.plan(group, NEW, PlanMode.AUTHORITATIVE));

    assertTrue(second.isComplete(), second.render());
    assertEquals(Map.of(201, 1L, 204, 2L), statuses());
    assertEquals(Set.copyOf(NEW), storedRules());
  }

  @Test
  void aDroppedConnectionMidApplyIsSettledByReadingTheGroupNotByResending() {
    // OkHttp, under the SDK, resends once after a dropped connection by itself; the adapter adds nothing.
    fake.failNext(FakeHuaweiVpc.DELETE_RULE, Fault.connectionReset());
    fake.failNext(FakeHuaweiVpc.DELETE_RULE, Fault.connectionReset());

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, NEW, PlanMode.AUTHORITATIVE)));

    ApplyResult result = e.result();
    assertEquals(Set.of(Change.CREATE), changes(result.withStatus(Status.APPLIED)), result.render());
    assertEquals(1, result.withStatus(Status.FAILED).size(), result.render());
    assertEquals(1, result.withStatus(Status.NOT_ATTEMPTED).size(), result.render());
    assertEquals(Map.of(201, 1L, 0, 2L), statuses(), "two dropped deletes (OkHttp's own resend), nothing else");
    Set<SecurityRule> both = new java.util.HashSet<>(OLD);
    both.addAll(NEW);
    assertEquals(both, storedRules());

    fake.clearCalls();
    assertTrue(rules.apply(group, rules.plan(group, NEW, PlanMode.AUTHORITATIVE)).isComplete());
    assertEquals(Set.copyOf(NEW), storedRules());
    assertEachRuleDeletedOnce();
  }

  /** The rules of the group now, read through the adapter. */
  private Set<SecurityRule> storedRules() {
    return rules.list(group).stream().map(ProvisionedRule::rule).collect(Collectors.toSet());
  }

  /** How many mutating calls got each HTTP status (0: the connection was dropped). */
  private Map<Integer, Long> statuses() {
    return fake.calls().stream().filter(RecordedCall::mutating)
        .collect(Collectors.groupingBy(RecordedCall::status, Collectors.counting()));
  }

  private void assertEachRuleDeletedOnce() {
    Map<String, Long> deletes = fake.calls().stream()
        .filter(c -> c.operation().equals(FakeHuaweiVpc.DELETE_RULE) && c.status() == 204)
        .collect(Collectors.groupingBy(c -> c.request().path(), Collectors.counting()));
    assertEquals(2, deletes.size(), deletes.toString());
    assertTrue(deletes.values().stream().allMatch(n -> n == 1), deletes.toString());
  }

  private static Set<Change> changes(List<RuleOutcome> outcomes) {
    return outcomes.stream().map(RuleOutcome::change).collect(Collectors.toSet());
  }
}
