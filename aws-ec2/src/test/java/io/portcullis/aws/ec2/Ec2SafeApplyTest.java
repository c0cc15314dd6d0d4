package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.QuotaExceededPlanException;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.StalePlanException;
import io.portcullis.testkit.FakeEc2;
import io.portcullis.testkit.FakeEc2Faults;
import io.portcullis.testkit.FakeResponse;
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
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Issue 15 on EC2, through the real Ec2Client against the test kit's fake: faults at every call of a 50-change
 * authoritative apply, and servers that misbehave.
 */
class Ec2SafeApplyTest {
  private static final int ATTEMPTS = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** 25 old ingress rules: 20 are replaced (new source), 5 removed; 5 egress rules are new. 50 changes. */
  private static final List<SecurityRule> OLD = IntStream.range(0, 25)
      .mapToObj(i -> SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 198.51.100.0/24")).toList();
  private static final Map<SecurityRule, SecurityRule> REPLACED = new LinkedHashMap<>();
  private static final List<SecurityRule> DESIRED = new ArrayList<>();

  static {
    for (int i = 0; i < 20; i++) {
      REPLACED.put(OLD.get(i), SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 203.0.113.0/24"));
    }
    DESIRED.addAll(REPLACED.values());
    IntStream.range(0, 5).forEach(i -> DESIRED.add(SecurityRule.parse("egress allow tcp " + (5000 + i)
        + " to 10.0.0.0/8")));
    DESIRED.add(SecurityRule.parse("egress allow any to 0.0.0.0/0"));
  }

  private FakeEc2 fake;
  private Ec2Client client;
  private Ec2Client impatientClient;
  private Ec2SecurityGroupRules rules;
  /** The same service with a short attempt timeout, for replies delayed past it. */
  private Ec2SecurityGroupRules impatient;
  private SecurityGroupRef group;
  private String groupId;

  @BeforeEach
  void start() {
    fake = new FakeEc2();
    groupId = fake.createSecurityGroup("web", "vpc-1", false);
    group = SecurityGroupRef.ofId(groupId);
    client = client(Duration.ofSeconds(30));
    impatientClient = client(TIMEOUT);
    rules = new Ec2SecurityGroupRules(client);
    impatient = new Ec2SecurityGroupRules(impatientClient);
    rules.apply(group, rules.plan(group, OLD, PlanMode.ADDITIVE));
    fake.clearCalls();
  }

  private Ec2Client client(Duration attemptTimeout) {
    return Ec2Client.builder().endpointOverride(fake.endpoint()).region(Region.US_EAST_1)
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
    // The apply makes 3 calls: authorize ingress, authorize egress, revoke ingress.
    return Stream.of(FaultMatrix.Mode.values())
        .flatMap(mode -> IntStream.range(0, 3).mapToObj(index -> Arguments.of(mode, index)));
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
  void aDescribeThatRepeatsAPageIsRefusedNotFollowedForever() {
    // The first page names a next page; the server answers that request with the first page again.
    fake.failNext("DescribeSecurityGroupRules", Fault.rewriteReply((request, reply) -> new FakeResponse(
        reply.status(), reply.contentType(), reply.body().replace("</DescribeSecurityGroupRulesResponse>",
            "<nextToken>page-2</nextToken></DescribeSecurityGroupRulesResponse>"), reply.headers())));
    fake.failNext("DescribeSecurityGroupRules", Fault.repeatPage());

    ProviderReplyException e = assertThrows(ProviderReplyException.class, () -> rules.list(group));

    assertTrue(e.getMessage().contains("second time"), e.getMessage());
  }

  @Test
  void aDescribeThatNeverEndsIsBounded() {
    fake.failAlways("DescribeSecurityGroupRules", Fault.endlessMarkers());

    ProviderReplyException e = assertThrows(ProviderReplyException.class, () -> rules.withMaxPages(20).list(group));

    assertTrue(e.getMessage().contains("20 pages"), e.getMessage());
    assertTrue(fake.calls().size() <= 21, "bounded: " + fake.calls().size());
  }

  @Test
  void aListingWithAnotherGroupsRulesPlansNothing() {
    String other = fake.createSecurityGroup("other", "vpc-1", false);
    fake.failNext("DescribeSecurityGroupRules", FakeEc2Faults.otherGroupsRules(other));

    assertThrows(ProviderReplyException.class, () -> rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE));
    assertEquals(0, fake.mutatingCallCount());
  }

  @Test
  void aListingWithAnEmptyItemIsRefused() {
    fake.failNext("DescribeSecurityGroupRules", FakeEc2Faults.emptyRuleItem());

    assertThrows(ProviderReplyException.class, () -> rules.list(group));
  }

  @Test
  void aRetriedAuthorizeAnsweringDuplicateDoesNotAbortAnApplyThatSucceeded() {
    fake.failMutatingCall(0, Fault.lostReplyAfterSuccess());

    ApplyResult result = rules.apply(group, rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE));

    assertTrue(result.isComplete(), result.render());
    assertTrue(fake.calls().stream().anyMatch(c -> c.status() == 400), "the SDK's retry met InvalidPermission.Duplicate");
    assertFalse(rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE).hasChanges());
  }

  @Test
  void aGroupReferenceReadBackWithItsOwnerSettlesAsApplied() {
    String other = fake.createSecurityGroup("db", "vpc-1", false);
    List<SecurityRule> desired = List.of(SecurityRule.parse("ingress allow tcp 5432 from " + other));
    fake.failMutatingCall(0, Fault.lostReplyAfterSuccess());

    ApplyResult result = rules.apply(group, rules.plan(group, desired, PlanMode.ADDITIVE));

    assertEquals(List.of(Status.APPLIED), result.outcomes().stream().map(o -> o.status()).toList(), result.render());
  }

  @Test
  void twoAuthoritativeAppliesFromOneSnapshotCannotBothDelete() {
    List<SecurityRule> mine = new ArrayList<>(OLD.subList(0, 24));
    List<SecurityRule> theirs = new ArrayList<>(OLD.subList(1, 25));
    mine.add(SecurityRule.parse("egress allow any to 0.0.0.0/0"));
    theirs.add(SecurityRule.parse("egress allow any to 0.0.0.0/0"));
    RulePlan first = rules.plan(group, mine, PlanMode.AUTHORITATIVE);
    RulePlan second = rules.plan(group, theirs, PlanMode.AUTHORITATIVE);

    assertTrue(rules.apply(group, first).isComplete());
    assertThrows(StalePlanException.class, () -> rules.apply(group, second));

    List<SecurityRule> left = rules.list(group).stream().map(ProvisionedRule::rule).toList();
    assertTrue(left.contains(OLD.get(0)), "the first apply's rule is kept");
    assertEquals(25, left.size());
  }

  @Test
  void aPrefixListCountsAsItsMaximumEntriesAgainstTheQuota() {
    String corp = fake.createManagedPrefixList("corp", "IPv4", 40);
    Map<String, Integer> sizes = Ec2PrefixLists.maxEntries(client, List.of(corp));
    assertEquals(Map.of(corp, 40), sizes);
    List<SecurityRule> desired = new ArrayList<>(OLD);
    desired.add(SecurityRule.parse("ingress allow tcp 443 from " + corp));

    // 25 rules and a list of up to 40 entries: 65 of 60 ingress IPv4 rules.
    Ec2SecurityGroupRules counted = rules.withPrefixListSizes(sizes);
    QuotaExceededPlanException e = assertThrows(QuotaExceededPlanException.class,
        () -> counted.apply(group, counted.plan(group, desired, PlanMode.ADDITIVE)));
    assertTrue(e.getMessage().contains("65"), e.getMessage());
    assertEquals(0, fake.mutatingCallCount());
  }
}
