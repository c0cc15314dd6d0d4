package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.NoAnswerException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleRejection;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.testkit.FakeCacheAuthorization;
import io.portcullis.testkit.FakeElastiCache;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.RecordedCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Plan and apply through the real ElastiCacheClient, loaded by ServiceLoader, against the test kit's fake. */
class ElastiCacheEndToEndTest {
  private static final String AUTHORIZE = "AuthorizeCacheSecurityGroupIngress";
  private static final String REVOKE = "RevokeCacheSecurityGroupIngress";
  private static final List<SecurityRule> DESIRED = List.of(
      // the owner written as in ElastiCache's own example; ElastiCache reports it as 12 digits
      SecurityRule.parse("ingress allow any from group-name app-servers owner 1234-5678-1234"),
      SecurityRule.parse("ingress allow any from group-name batch owner 123456789012"),
      SecurityRule.parse("ingress allow any from group-name reporting owner 565419523791"));

  private FakeElastiCache fake;
  private SecurityGroupRules rules;
  private final SecurityGroupRef group = SecurityGroupRef.ofName("app-cache");

  @BeforeEach
  void start() {
    fake = new FakeElastiCache();
    fake.createCacheSecurityGroup("app-cache", "cache clients");
    rules = SecurityGroupRulesProvider.load("aws-elasticache", ProviderSettings.builder()
        .endpoint(fake.endpoint())
        .region("us-east-1")
        .credentials(new StaticCredentials("AKIDTEST", "secret"))
        .build());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private List<String> authorised() {
    return fake.cacheSecurityGroup("app-cache").orElseThrow().ec2SecurityGroups().stream()
        .map(a -> a.ec2SecurityGroupOwnerId() + "/" + a.ec2SecurityGroupName()).toList();
  }

  /** The mutating calls as operation and the EC2 group's owner/name sent. */
  private List<String> mutatingCalls() {
    return fake.calls().stream().filter(RecordedCall::mutating).map(c -> {
      Map<String, String> form = c.request().form();
      return c.operation() + " " + form.get("EC2SecurityGroupOwnerId") + "/" + form.get("EC2SecurityGroupName");
    }).toList();
  }

  @Test
  void applyMakesOneCallPerAuthorisationAndReapplyMakesNone() {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.ADDITIVE);
    assertEquals(3, plan.toCreate().size(), plan.render());

    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(3, result.mutatingCalls());
    assertEquals(List.of(AUTHORIZE + " 123456781234/app-servers", AUTHORIZE + " 123456789012/batch",
        AUTHORIZE + " 565419523791/reporting"), mutatingCalls());
    assertEquals(List.of("123456781234/app-servers", "123456789012/batch", "565419523791/reporting"),
        result.outcomes().stream().map(o -> o.providerId().orElseThrow()).toList());
    assertTrue(fake.cacheSecurityGroup("app-cache").orElseThrow().ec2SecurityGroups().stream()
        .allMatch(a -> a.status().equals(FakeCacheAuthorization.AUTHORIZING)));

    fake.clearCalls();
    List<ProvisionedRule> listed = rules.list(group);
    assertEquals(List.of(Optional.of("authorized")), listed.stream().map(ProvisionedRule::state).distinct().toList());
    RulePlan again = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);
    assertFalse(again.hasChanges(), again.render());
    assertEquals(3, again.unchanged().size());
    ApplyResult reapplied = rules.apply(group, again);
    assertEquals(0, reapplied.mutatingCalls());
    assertTrue(reapplied.outcomes().isEmpty());
    assertEquals(0, fake.mutatingCallCount());
  }

  @Test
  void authoritativeApplyRevokesEveryAuthorisationNotDesired() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    List<SecurityRule> desired = List.of(DESIRED.get(1));
    fake.clearCalls();

    RulePlan additive = rules.plan(group, desired, PlanMode.ADDITIVE);
    assertFalse(additive.hasChanges(), additive.render());
    assertEquals(2, additive.unmanaged().size());

    RulePlan plan = rules.plan(group, desired, PlanMode.AUTHORITATIVE);
    assertTrue(plan.render().startsWith("!! AUTHORITATIVE"), plan.render());
    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(List.of(Change.DELETE, Change.DELETE), result.outcomes().stream().map(RuleOutcome::change).toList());
    assertEquals(List.of(REVOKE + " 123456781234/app-servers", REVOKE + " 565419523791/reporting"), mutatingCalls());
    assertEquals(List.of("123456789012/batch"), authorised());
  }

  @Test
  void aRefusedSecondAuthorisationReportsEveryChangeAndASecondApplyFinishes() {
    fake.failAfter(AUTHORIZE, 1, Fault.error(400, "InvalidParameterValue", "The parameter is invalid"));

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE)));

    assertInstanceOf(MalformedRequestException.class, e.getCause());
    ApplyResult partial = e.result();
    assertEquals(List.of(Status.APPLIED, Status.FAILED, Status.NOT_ATTEMPTED),
        partial.outcomes().stream().map(RuleOutcome::status).toList(), partial.render());
    assertEquals(Optional.of("123456781234/app-servers"), partial.outcomes().get(0).providerId());
    assertTrue(partial.outcomes().get(1).detail().orElseThrow().contains("The parameter is invalid"));
    assertEquals(2, partial.mutatingCalls());
    assertEquals(List.of("123456781234/app-servers"), authorised());

    fake.clearCalls();
    RulePlan rest = rules.plan(group, DESIRED, PlanMode.ADDITIVE);
    assertEquals(2, rest.toCreate().size(), rest.render());
    ApplyResult second = rules.apply(group, rest);
    assertTrue(second.isComplete(), second.render());
    assertEquals(2, fake.mutatingCallCount());
    assertEquals(3, authorised().size());
  }

  @Test
  void aDroppedConnectionIsRetriedThenSettledByReadingTheGroupAgain() {
    // The standard retry strategy makes three attempts: drop them all for the second authorisation.
    fake.failAfter(AUTHORIZE, 1, Fault.connectionReset());
    fake.failNext(AUTHORIZE, Fault.connectionReset());
    fake.failNext(AUTHORIZE, Fault.connectionReset());

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE)));

    assertInstanceOf(SdkClientException.class, assertInstanceOf(NoAnswerException.class, e.getCause()).getCause());
    assertTrue(e.getCause().getMessage().contains("no answer from ElastiCache"), e.getCause().getMessage());
    assertEquals(List.of(Status.APPLIED, Status.FAILED, Status.NOT_ATTEMPTED),
        e.result().outcomes().stream().map(RuleOutcome::status).toList(), e.result().render());
    assertEquals(4, fake.mutatingCallCount(), "one authorisation, then three attempts of the second");
    assertEquals(2, e.result().mutatingCalls(), "the adapter's calls, not the SDK's attempts");

    assertTrue(rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE)).isComplete());
    assertEquals(3, authorised().size());
  }

  @Test
  void aSingleDroppedConnectionIsRetriedByTheSdk() {
    fake.failNext(AUTHORIZE, Fault.connectionReset());

    ApplyResult result = rules.apply(group, rules.plan(group, DESIRED.subList(0, 1), PlanMode.ADDITIVE));

    assertTrue(result.isComplete(), result.render());
    assertEquals(List.of(0, 200), fake.calls().stream().filter(RecordedCall::mutating).map(RecordedCall::status)
        .toList());
    assertEquals(1, authorised().size());
  }

  @Test
  void anAuthorisationAlreadyRevokingIsNotRevokedAgain() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    // ElastiCache may still list an authorisation it is revoking; the fake removes it at once, so show it so here.
    List<ProvisionedRule> listed = rules.list(group).stream()
        .map(p -> p.rule().equals(DESIRED.get(2)) ? ProvisionedRule.builder().from(p).state("revoking").build() : p)
        .toList();
    RulePlan plan = RulePlan.between(rules.providerForm(DESIRED.subList(0, 1)), listed, PlanMode.AUTHORITATIVE);
    assertEquals(2, plan.toDelete().size(), plan.render());
    fake.clearCalls();

    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(List.of(REVOKE + " 123456789012/batch"), mutatingCalls());
    assertEquals(1, result.mutatingCalls());
  }

  @Test
  void dryRunMakesTheLocalChecksAndNoCall() {
    rules.apply(group, rules.plan(group, DESIRED.subList(0, 1), PlanMode.ADDITIVE));
    RulePlan plan = rules.plan(group, DESIRED.subList(1, 3), PlanMode.AUTHORITATIVE);
    fake.clearCalls();

    ApplyResult result = rules.dryRun(group, plan);

    assertTrue(result.dryRun());
    assertEquals(3, result.withStatus(Status.WOULD_APPLY).size(), result.render());
    assertTrue(result.outcomes().stream().allMatch(o -> o.detail().orElse("").contains("no dry run")));
    assertEquals(0, result.mutatingCalls());
    assertTrue(fake.calls().isEmpty());
    assertEquals(List.of("123456781234/app-servers"), authorised());

    RulePlan unsupported = RulePlan.between(List.of(SecurityRule.parse("ingress allow tcp 6379 from 10.0.0.0/8")),
        List.of());
    assertThrows(UnsupportedRuleException.class, () -> rules.dryRun(group, unsupported));
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void anUnsupportedRuleStopsThePlanBeforeAnyCall() {
    List<SecurityRule> desired = List.of(DESIRED.get(0),
        SecurityRule.parse("ingress allow any from 10.0.0.0/8"),
        SecurityRule.parse("egress allow any to group-name batch owner 123456789012"),
        SecurityRule.parse("ingress allow tcp 6379 from group-name api owner 123456789012"));

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class,
        () -> rules.plan(group, desired, PlanMode.ADDITIVE));

    assertEquals(desired.subList(1, 4), e.rejections().stream().map(RuleRejection::rule).toList());
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void aHandMadePlanIsCheckedWholeBeforeAnyCall() {
    rules.apply(group, rules.plan(group, DESIRED.subList(1, 2), PlanMode.ADDITIVE));
    List<SecurityRule> desired = List.of(DESIRED.get(0), SecurityRule.parse("ingress allow any from 10.0.0.0/8"),
        SecurityRule.parse("ingress allow any from group-name batch owner 123456789012 \"batch jobs\""));
    // Not in the provider's form: the description turns into an update, which ElastiCache cannot make.
    RulePlan plan = RulePlan.between(desired, rules.list(group));
    assertEquals(1, plan.toUpdate().size(), plan.render());
    fake.clearCalls();

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> rules.apply(group, plan));

    assertEquals(2, e.rejections().size(), e.getMessage());
    assertTrue(e.getMessage().contains("no description to update"), e.getMessage());
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void vpcSecurityGroupsOfAClusterComeFromDescribeCacheClusters() {
    fake.addCacheCluster("my-redis-001", List.of(), List.of("sg-0abc1234", "sg-0def5678"));
    fake.addCacheCluster("classic-001", List.of("app-cache"), List.of());
    CacheSecurityGroupRules cache = assertInstanceOf(CacheSecurityGroupRules.class, rules);

    assertEquals(Stream.of("sg-0abc1234", "sg-0def5678").map(SecurityGroupRef::ofId).toList(),
        cache.vpcSecurityGroupsOf("my-redis-001"));
    assertEquals(List.of(), cache.vpcSecurityGroupsOf("classic-001"));
    assertThrows(GroupNotFoundException.class, () -> cache.vpcSecurityGroupsOf("missing-001"));
    assertEquals(0, fake.mutatingCallCount());
  }

  @Test
  void theAdapterIsFoundByItsName() {
    assertTrue(SecurityGroupRulesProvider.available().contains("aws-elasticache"));
    assertEquals("aws-elasticache", rules.provider());
    assertEquals(Optional.empty(), rules.quota());
  }
}
