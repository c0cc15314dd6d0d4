package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.StalePlanException;
import io.portcullis.testkit.FakeElastiCache;
import io.portcullis.testkit.FakeElastiCacheFaults;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.FaultMatrix;
import io.portcullis.testkit.RecordedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * Issue 15 on ElastiCache, through the real ElastiCacheClient against the test kit's fake: faults at every call of
 * a 50-change authoritative apply, and servers that misbehave. Issue 13: the same with authorisations (then
 * revocations) sent several at once ({@link ApplyOptions#callConcurrency}), whose outcomes must be those of one by
 * one.
 */
class ElastiCacheSafeApplyTest {
  private static final int ATTEMPTS = 3;
  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final String OWNER = "111122223333";
  /** 25 old authorisations: 20 replaced by others, 5 removed, 5 new. 50 calls, one per authorisation. */
  private static final List<SecurityRule> OLD = IntStream.range(0, 25).mapToObj(i -> rule("old-" + i)).toList();
  private static final Map<SecurityRule, SecurityRule> REPLACED = new LinkedHashMap<>();
  private static final List<SecurityRule> DESIRED = new ArrayList<>();
  private static final int CALLS = 50;
  private static final int CONCURRENCY = 2;
  /** A smaller apply for concurrent calls: 2 old authorisations replaced, 1 removed, 1 new: 3 calls, then 3. */
  private static final Map<SecurityRule, SecurityRule> REPLACED_FEW = new LinkedHashMap<>();
  private static final List<SecurityRule> DESIRED_FEW = new ArrayList<>();
  private static final int CALLS_FEW = 6;

  static {
    for (int i = 0; i < 20; i++) {
      REPLACED.put(OLD.get(i), rule("new-" + i));
    }
    DESIRED.addAll(REPLACED.values());
    IntStream.range(0, 5).forEach(i -> DESIRED.add(rule("more-" + i)));
    REPLACED_FEW.put(OLD.get(0), rule("new-0"));
    REPLACED_FEW.put(OLD.get(1), rule("new-1"));
    DESIRED_FEW.addAll(REPLACED_FEW.values());
    DESIRED_FEW.addAll(OLD.subList(3, 25));
    DESIRED_FEW.add(rule("more-0"));
  }

  private static SecurityRule rule(String ec2Group) {
    return SecurityRule.parse("ingress allow any from group-name " + ec2Group + " owner " + OWNER);
  }

  private final SecurityGroupRef group = SecurityGroupRef.ofName("app-cache");
  private final ApplyOptions concurrent = ApplyOptions.builder().callConcurrency(CONCURRENCY).build();
  private FakeElastiCache fake;
  private ElastiCacheClient client;
  private ElastiCacheClient impatientClient;
  private CacheSecurityGroupRules rules;
  private CacheSecurityGroupRules impatient;

  @BeforeEach
  void start() {
    fake = new FakeElastiCache();
    fake.createCacheSecurityGroup("app-cache", "cache clients");
    client = client(Duration.ofSeconds(30));
    impatientClient = client(TIMEOUT);
    rules = new CacheSecurityGroupRules(client);
    impatient = new CacheSecurityGroupRules(impatientClient);
    rules.apply(group, rules.plan(group, OLD, PlanMode.ADDITIVE));
    fake.clearCalls();
  }

  private ElastiCacheClient client(Duration attemptTimeout) {
    return ElastiCacheClient.builder().endpointOverride(fake.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(attemptTimeout).retryStrategy(AwsRetryStrategy
            .standardRetryStrategy().toBuilder().maxAttempts(ATTEMPTS)
            .backoffStrategy(BackoffStrategy.retryImmediately())
            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build()))
        .build();
  }

  @AfterEach
  void stop() {
    impatientClient.close();
    client.close();
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
    FaultMatrix.inject(fake, mode, index, ATTEMPTS, TIMEOUT.multipliedBy(3).dividedBy(2));

    ApplyResult result = FaultMatrix.applyCatching(
        mode == FaultMatrix.Mode.DELAY_PAST_TIMEOUT ? impatient : rules, group, plan);
    fake.clearFaults();

    FaultMatrix.verify(rules, group, DESIRED, PlanMode.AUTHORITATIVE, result, REPLACED);
  }

  @ParameterizedTest(name = "{0} at call {1}")
  @MethodSource("fewerFaults")
  void aFaultAtAnyCallOfConcurrentCallsLeavesOutcomesTrueOfTheGroup(FaultMatrix.Mode mode, int index) {
    RulePlan plan = rules.plan(group, DESIRED_FEW, PlanMode.AUTHORITATIVE);
    assertEquals(6, plan.changes().size(), plan.render());
    fake.setLatency(Duration.ofMillis(5)); // so that the calls overlap
    FaultMatrix.inject(fake, mode, index, ATTEMPTS, TIMEOUT.multipliedBy(3).dividedBy(2));

    ApplyResult result = FaultMatrix.applyCatching(
        mode == FaultMatrix.Mode.DELAY_PAST_TIMEOUT ? impatient : rules, group, plan, concurrent);
    fake.clearFaults();

    FaultMatrix.verify(rules, group, DESIRED_FEW, PlanMode.AUTHORITATIVE, result, REPLACED_FEW);
  }

  @Test
  void concurrentAuthorisationsOverlapAndAllEndBeforeTheFirstRevocation() {
    fake.setLatency(Duration.ofMillis(20));

    ApplyResult result = rules.apply(group, rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE), concurrent);

    assertTrue(result.isComplete(), result.render());
    List<String> operations = fake.calls().stream().filter(RecordedCall::mutating).map(RecordedCall::operation)
        .toList();
    assertEquals(50, operations.size());
    assertEquals(List.of("AuthorizeCacheSecurityGroupIngress"), operations.subList(0, 25).stream().distinct()
        .toList(), operations.toString());
    assertEquals(List.of("RevokeCacheSecurityGroupIngress"), operations.subList(25, 50).stream().distinct()
        .toList(), operations.toString());
    assertTrue(fake.maxInFlight() > 1, "the calls overlapped: " + fake.maxInFlight());
    assertTrue(fake.maxInFlight() <= CONCURRENCY, "at most " + CONCURRENCY + " at once: " + fake.maxInFlight());
    assertTrue(rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE).changes().isEmpty());
  }

  @Test
  void aDescribeWithAnotherCacheGroupIsRefused() {
    fake.createCacheSecurityGroup("other", "other clients");
    fake.failNext("DescribeCacheSecurityGroups", FakeElastiCacheFaults.otherGroup("other"));

    assertThrows(ProviderReplyException.class, () -> rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE));
    assertEquals(0, fake.mutatingCallCount());
  }

  @Test
  void aDescribeWhoseMarkersNeverEndIsBounded() {
    fake.failAlways("DescribeCacheSecurityGroups", Fault.endlessMarkers());

    assertThrows(ProviderReplyException.class, () -> rules.withMaxPages(10).list(group));
    assertTrue(fake.calls().size() <= 11, "bounded: " + fake.calls().size());
  }

  @Test
  void anHtmlOrJsonBodyOnA200IsATypedReplyError() {
    fake.failNext("DescribeCacheSecurityGroups", FakeElastiCacheFaults.htmlBody());
    assertThrows(ProviderReplyException.class, () -> rules.list(group));
  }

  @Test
  void anEmptyAuthorizationEntryIsRefused() {
    fake.failNext("DescribeCacheSecurityGroups", FakeElastiCacheFaults.emptyAuthorization());
    assertThrows(ProviderReplyException.class, () -> rules.list(group));
  }

  @Test
  void aLostReplyMeetsAuthorizationAlreadyExistsAndTheApplyGoesOn() {
    fake.failMutatingCall(0, Fault.lostReplyAfterSuccess());

    ApplyResult result = rules.apply(group, rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE));

    assertTrue(result.isComplete(), result.render());
  }

  @Test
  void twoAuthoritativeAppliesFromOneSnapshotCannotBothDelete() {
    RulePlan first = rules.plan(group, OLD.subList(0, 24), PlanMode.AUTHORITATIVE);
    RulePlan second = rules.plan(group, OLD.subList(1, 25), PlanMode.AUTHORITATIVE);

    assertTrue(rules.apply(group, first).isComplete());
    assertThrows(StalePlanException.class, () -> rules.apply(group, second));
    assertEquals(24, rules.list(group).size());
  }
}
