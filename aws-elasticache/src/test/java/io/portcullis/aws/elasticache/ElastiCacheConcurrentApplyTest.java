package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.testkit.FakeElastiCache;
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
 * Issue 13 on ElastiCache: an apply's authorisations (then its revocations) run several at once ({@link
 * ApplyOptions#callConcurrency}) through the real ElastiCacheClient against the fake, with outcomes as when run one
 * by one.
 */
class ElastiCacheConcurrentApplyTest {
  private static final int CONCURRENCY = 2;
  private static final int ATTEMPTS = 3;
  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final String OWNER = "111122223333";
  /** 3 old authorisations: 2 replaced by others, 1 removed, 1 new. 3 authorisations, then 3 revocations. */
  private static final List<SecurityRule> OLD = IntStream.range(0, 3).mapToObj(i -> rule("old-" + i)).toList();
  private static final Map<SecurityRule, SecurityRule> REPLACED = new LinkedHashMap<>();
  private static final List<SecurityRule> DESIRED = new ArrayList<>();
  private static final int CALLS = 6;

  static {
    for (int i = 0; i < 2; i++) {
      REPLACED.put(OLD.get(i), rule("new-" + i));
    }
    DESIRED.addAll(REPLACED.values());
    DESIRED.add(rule("more-0"));
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
    fake.setLatency(Duration.ofMillis(5)); // so that the calls overlap
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
  void aFaultAtAnyCallOfConcurrentAuthorisationsLeavesOutcomesTrueOfTheGroup(FaultMatrix.Mode mode, int index) {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);
    assertEquals(6, plan.changes().size(), plan.render());
    FaultMatrix.inject(fake, mode, index, ATTEMPTS, TIMEOUT.multipliedBy(3).dividedBy(2));

    ApplyResult result = FaultMatrix.applyCatching(
        mode == FaultMatrix.Mode.DELAY_PAST_TIMEOUT ? impatient : rules, group, plan, concurrent);
    fake.clearFaults();

    FaultMatrix.verify(rules, group, DESIRED, PlanMode.AUTHORITATIVE, result, REPLACED);
  }

  @Test
  void authorisationsOverlapAndAllEndBeforeTheFirstRevocation() {
    fake.setLatency(Duration.ofMillis(50));

    ApplyResult result = rules.apply(group, rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE), concurrent);

    assertTrue(result.isComplete(), result.render());
    List<String> operations = fake.calls().stream().filter(RecordedCall::mutating).map(RecordedCall::operation)
        .toList();
    assertEquals(6, operations.size());
    assertEquals(List.of("AuthorizeCacheSecurityGroupIngress"), operations.subList(0, 3).stream().distinct().toList(),
        operations.toString());
    assertEquals(List.of("RevokeCacheSecurityGroupIngress"), operations.subList(3, 6).stream().distinct().toList(),
        operations.toString());
    assertTrue(fake.maxInFlight() > 1, "the calls overlapped: " + fake.maxInFlight());
    assertTrue(fake.maxInFlight() <= CONCURRENCY, "at most " + CONCURRENCY + " at once: " + fake.maxInFlight());
    assertTrue(rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE).changes().isEmpty());
  }
}
