package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.StalePlanException;
import io.portcullis.testkit.FakeElastiCache;
import io.portcullis.testkit.FakeElastiCacheFaults;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.FaultMatrix;
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
 * a 50-change authoritative apply, and servers that misbehave.
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

  static {
    for (int i = 0; i < 20; i++) {
      REPLACED.put(OLD.get(i), rule("new-" + i));
    }
    DESIRED.addAll(REPLACED.values());
    IntStream.range(0, 5).forEach(i -> DESIRED.add(rule("more-" + i)));
  }

  private static SecurityRule rule(String ec2Group) {
    return SecurityRule.parse("ingress allow any from group-name " + ec2Group + " owner " + OWNER);
  }

  private final SecurityGroupRef group = SecurityGroupRef.ofName("app-cache");
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
    return Stream.of(FaultMatrix.Mode.values())
        .flatMap(mode -> IntStream.range(0, CALLS).mapToObj(index -> Arguments.of(mode, index)));
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
