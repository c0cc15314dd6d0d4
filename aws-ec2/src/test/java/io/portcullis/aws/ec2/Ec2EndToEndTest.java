package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.analysis.QuotaExceededPlanException;
import io.portcullis.core.analysis.QuotaUsage;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.StalePlanPolicy;
import io.portcullis.testkit.FakeEc2;
import io.portcullis.testkit.FakeEc2Rule;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.RecordedCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plan and apply through the real Ec2Client, loaded by ServiceLoader, against the test kit's stateful EC2 fake. */
class Ec2EndToEndTest {
  private static final List<SecurityRule> DESIRED = List.of(
      SecurityRule.parse("ingress allow tcp 22,8000-8080 from 203.0.113.0/24 \"admin\""),
      SecurityRule.parse("ingress allow tcp 443 from 2001:db8::/32"),
      SecurityRule.parse("ingress allow icmp type 3 code 4 from 0.0.0.0/0"),
      SecurityRule.parse("egress allow tcp 443 to 0.0.0.0/0"),
      SecurityRule.parse("egress allow any to ::/0"));
  /** The DESIRED rules as EC2 holds them: the port list split into its two ranges. */
  private static final int DESIRED_EC2_RULES = 6;

  private FakeEc2 fake;
  private SecurityGroupRules rules;
  private SecurityGroupRef group;
  private String groupId;

  @BeforeEach
  void start() {
    fake = new FakeEc2();
    groupId = fake.createSecurityGroup("web", "vpc-1", false);
    group = SecurityGroupRef.ofId(groupId);
    rules = SecurityGroupRulesProvider.load("aws-ec2", ProviderSettings.builder()
        .endpoint(fake.endpoint())
        .region("us-east-1")
        .credentials(new StaticCredentials("AKIDTEST", "secret"))
        .build());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aReplanSetsExactlyTheDesiredTagsOnAnUpdateTheStalePlanDidNotList() {
    Map<String, String> wanted = Map.of("team", "edge", "cost", "1");
    SecurityRule ssh = SecurityRule.parse("ingress allow tcp 22,8000-8080 from 203.0.113.0/24 \"admin\"")
        .toBuilder().tags(wanted).build();
    SecurityRule https = SecurityRule.parse("ingress allow tcp 443 from 0.0.0.0/0");
    rules.apply(group, rules.plan(group, List.of(ssh), PlanMode.ADDITIVE));
    RulePlan stale = rules.plan(group, List.of(ssh, https), PlanMode.ADDITIVE);
    assertEquals(0, stale.toUpdate().size(), stale.render());

    // Out of band: another tag on the rule the plan keeps, so the plan is stale and the re-plan updates its tags.
    rules.apply(group, rules.plan(group, List.of(ssh.toBuilder().putTags("owner", "x").build()), PlanMode.ADDITIVE));
    ApplyResult result = rules.apply(group, stale,
        ApplyOptions.builder().onStalePlan(StalePlanPolicy.REPLAN).build());

    assertTrue(result.isComplete(), result.render());
    List<ProvisionedRule> sshRules = rules.list(group).stream()
        .filter(p -> p.rule().remote().equals(ssh.remote())).toList(); // its two port ranges, one sgr- each
    assertEquals(2, sshRules.size(), sshRules.toString());
    sshRules.forEach(p -> assertEquals(wanted, p.rule().tags(), "the re-plan's tag removal was sent"));
  }

  @Test
  void ruleTagsAreAppliedReadBackAndChangedInPlaceOnTheFake() {
    SecurityRule ssh = SecurityRule.parse("ingress allow tcp 22,8000-8080 from 203.0.113.0/24 \"admin\"")
        .toBuilder().putTags("team", "edge").putTags("cost", "1").build();
    rules.apply(group, rules.plan(group, List.of(ssh), PlanMode.ADDITIVE));

    List<ProvisionedRule> tagged = rules.list(group).stream().filter(p -> !p.rule().tags().isEmpty()).toList();
    assertEquals(2, tagged.size(), "both port ranges, each an sgr- of its own, carry the tags");
    tagged.forEach(p -> assertEquals(Map.of("team", "edge", "cost", "1"), p.rule().tags()));
    assertFalse(rules.plan(group, List.of(ssh), PlanMode.ADDITIVE).hasChanges(), "re-applying changes nothing");

    SecurityRule retagged = ssh.toBuilder().tags(Map.of("team", "core")).build();
    RulePlan plan = rules.plan(group, List.of(retagged), PlanMode.ADDITIVE);
    assertEquals("Plan: 0 to create, 2 to update, 0 to delete, 0 unchanged, 1 not managed (kept).", plan.summary());
    Set<String> ids = tagged.stream().map(ProvisionedRule::providerId).collect(Collectors.toSet());
    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(2, result.mutatingCalls(), "one CreateTags and one DeleteTags for both rules");
    assertEquals(ids, rules.list(group).stream().filter(p -> p.rule().tags().equals(Map.of("team", "core")))
        .map(ProvisionedRule::providerId).collect(Collectors.toSet()), "the same rules, retagged in place");
    assertFalse(rules.plan(group, List.of(retagged), PlanMode.ADDITIVE).hasChanges());
  }

  @Test
  void applyMakesOneCallPerDirectionAndReapplyingMakesNone() {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.ADDITIVE);
    assertEquals(DESIRED_EC2_RULES, plan.toCreate().size(), plan.render());
    assertEquals(1, plan.unmanaged().size(), "the default egress rule is kept");

    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(2, result.mutatingCalls());
    assertEquals(List.of("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress"), mutatingOperations());
    assertEquals(DESIRED_EC2_RULES + 1, fake.rules(groupId).size());
    // Every created rule is reported with the sgr- id EC2 gave it.
    assertEquals(fake.rules(groupId).stream().map(FakeEc2Rule::id).skip(1).collect(Collectors.toSet()),
        result.outcomes().stream().map(o -> o.providerId().orElseThrow()).collect(Collectors.toSet()));

    fake.clearCalls();
    RulePlan again = rules.plan(group, DESIRED, PlanMode.ADDITIVE);
    assertFalse(again.hasChanges(), again.render());
    assertEquals(0, rules.apply(group, again).mutatingCalls());
    assertEquals(0, fake.mutatingCallCount());
  }

  @Test
  void rulesFromReferencesThatEc2AcceptsApplyAndPlanToNoChanges() {
    String peer = fake.createSecurityGroup("peer", "vpc-1", false);
    List<SecurityRule> desired = List.of(SecurityRule.parse("ingress allow icmpv6 from " + peer),
        SecurityRule.parse("ingress allow icmpv6 type 128 from " + peer),
        SecurityRule.parse("ingress allow any from " + peer), SecurityRule.parse("ingress allow tcp 0 from ::/0"),
        SecurityRule.parse("egress allow any to ::/0"));

    rules.apply(group, rules.plan(group, desired, PlanMode.AUTHORITATIVE));
    RulePlan again = rules.plan(group, desired, PlanMode.AUTHORITATIVE);

    assertFalse(again.hasChanges(), again.render());
    assertEquals(List.of(), rules.read(group).opaque());
  }

  @Test
  void aGroupReferenceWithoutOwnerIsNotPlannedAgain() {
    List<SecurityRule> desired = List.of(SecurityRule.parse("ingress allow tcp 5432 from sg-0def456 \"app\""));
    rules.apply(group, rules.plan(group, desired, PlanMode.ADDITIVE));
    assertEquals(FakeEc2.DEFAULT_OWNER_ID, groupRule().referencedGroup().orElseThrow().userId(),
        "EC2 fills in the owner");

    RulePlan again = rules.plan(group, desired, PlanMode.ADDITIVE);

    assertFalse(again.hasChanges(), again.render());
    assertEquals(1, again.unchanged().size(), again.render());
  }

  @Test
  void theProviderFormSplitsAPortListAndReadsBackEqual() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));

    assertEquals(List.of(
            SecurityRule.parse("ingress allow tcp 22 from 203.0.113.0/24 \"admin\""),
            SecurityRule.parse("ingress allow tcp 8000-8080 from 203.0.113.0/24 \"admin\"")),
        rules.providerForm(List.of(DESIRED.get(0))));
    assertEquals(Set.copyOf(rules.providerForm(DESIRED)), rules.list(group).stream().map(ProvisionedRule::rule)
        .filter(r -> !r.equals(SecurityRule.parse("egress allow any to 0.0.0.0/0"))).collect(Collectors.toSet()));
    FakeEc2Rule v6 = fake.rules(groupId).stream().filter(r -> r.cidrIpv6().isPresent() && !r.egress())
        .findFirst().orElseThrow();
    assertEquals(List.of("tcp", 443, 443, "2001:db8::/32"),
        List.of(v6.ipProtocol(), v6.fromPort(), v6.toPort(), v6.cidrIpv6().get()));
  }

  @Test
  void authoritativeApplyRevokesTheDefaultEgressRuleInTheSameCallsAsTheRest() {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);
    assertEquals(1, plan.toDelete().size(), plan.render());

    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    // Make before break: the new egress rules exist before the default one is revoked.
    assertEquals(List.of("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupEgress"),
        mutatingOperations());
    assertEquals(Set.copyOf(rules.providerForm(DESIRED)),
        rules.list(group).stream().map(ProvisionedRule::rule).collect(Collectors.toSet()));

    fake.clearCalls();
    ApplyResult removeAll = rules.apply(group, rules.plan(group, List.of(), PlanMode.AUTHORITATIVE));
    assertEquals(DESIRED_EC2_RULES, removeAll.withStatus(Status.APPLIED).size(), removeAll.render());
    assertEquals(List.of("RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress"), mutatingOperations());
    assertTrue(fake.rules(groupId).isEmpty());
  }

  @Test
  void aDescriptionChangesInPlaceInOneCall() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    FakeEc2Rule ssh = sshRule();
    fake.clearCalls();

    RulePlan plan = rules.plan(group,
        List.of(SecurityRule.parse("ingress allow tcp 22 from 203.0.113.0/24 \"ops only\"")), PlanMode.ADDITIVE);
    assertEquals(1, plan.toUpdate().size(), plan.render());
    ApplyResult result = rules.apply(group, plan);

    assertTrue(result.isComplete(), result.render());
    assertEquals(List.of("UpdateSecurityGroupRuleDescriptionsIngress"), mutatingOperations());
    assertEquals(Optional.of(ssh.id()), result.outcomes().get(0).providerId());
    assertEquals(Optional.of("ops only"), sshRule().description());
    assertEquals(ssh.id(), sshRule().id(), "the rule keeps its id");

    // Removing the description is an update too: EC2 removes it when the request leaves it out.
    fake.clearCalls();
    rules.apply(group, rules.plan(group, List.of(SecurityRule.parse("ingress allow tcp 22 from 203.0.113.0/24")),
        PlanMode.ADDITIVE));
    assertEquals(List.of("UpdateSecurityGroupRuleDescriptionsIngress"), mutatingOperations());
    assertEquals(Optional.empty(), sshRule().description());
    assertEquals(ssh.id(), sshRule().id());
  }

  @Test
  void aFailedEgressCallReportsWhatWasAppliedAndASecondApplyFinishes() {
    fake.failNext("AuthorizeSecurityGroupEgress",
        Fault.error(400, "InvalidParameterValue", "injected: the egress call is refused"));

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE)));

    assertInstanceOf(MalformedRequestException.class, e.getCause());
    ApplyResult partial = e.result();
    assertEquals(DESIRED_EC2_RULES + 1, partial.outcomes().size(), partial.render());
    assertEquals(Set.of(Change.CREATE), changes(partial.withStatus(Status.APPLIED)));
    assertEquals(4, partial.withStatus(Status.APPLIED).size(), "the 4 ingress rules");
    assertEquals(Set.of(Change.DELETE), changes(partial.withStatus(Status.NOT_ATTEMPTED)),
        "the default egress rule stays until its replacements exist");
    List<RuleOutcome> failed = partial.withStatus(Status.FAILED);
    assertEquals(Set.of(SecurityRule.parse("egress allow tcp 443 to 0.0.0.0/0"),
        SecurityRule.parse("egress allow any to ::/0")), failed.stream().map(RuleOutcome::rule).collect(Collectors.toSet()));
    assertTrue(failed.get(0).detail().orElseThrow().contains("injected"), failed.get(0).toString());
    assertEquals(5, fake.rules(groupId).size(), "the ingress rules and the default egress rule");

    fake.clearCalls();
    RulePlan rest = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);
    assertEquals(List.of(2, 1), List.of(rest.toCreate().size(), rest.toDelete().size()), rest.render());
    ApplyResult second = rules.apply(group, rest);
    assertTrue(second.isComplete(), second.render());
    assertEquals(List.of("AuthorizeSecurityGroupEgress", "RevokeSecurityGroupEgress"), mutatingOperations());
    assertEquals(DESIRED_EC2_RULES, fake.rules(groupId).size());
  }

  @Test
  void aDroppedConnectionIsSettledByReadingTheGroupAgain() {
    // The SDK's standard strategy makes 3 attempts on a dropped connection: drop them all.
    for (int i = 0; i < 3; i++) {
      fake.failNext("AuthorizeSecurityGroupIngress", Fault.connectionReset());
    }

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE)));

    assertInstanceOf(ProviderException.class, e.getCause());
    assertEquals(4, e.result().withStatus(Status.FAILED).size(), e.result().render());
    assertEquals(2, e.result().withStatus(Status.NOT_ATTEMPTED).size(), "the egress rules");
    assertEquals(1, fake.rules(groupId).size(), "only the default egress rule");

    assertTrue(rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE)).isComplete());
    assertEquals(DESIRED_EC2_RULES + 1, fake.rules(groupId).size());
  }

  @Test
  void throttlingIsRetriedByTheSdkWithoutApplyingAnythingTwice() {
    fake.failNext("AuthorizeSecurityGroupIngress", FakeEc2.throttling());
    fake.failNext("AuthorizeSecurityGroupIngress", FakeEc2.throttling());

    ApplyResult result = rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));

    assertTrue(result.isComplete(), result.render());
    assertEquals(2, result.mutatingCalls(), "the adapter made one call per direction");
    assertEquals(List.of(503, 503, 200), fake.calls().stream()
        .filter(c -> c.operation().equals("AuthorizeSecurityGroupIngress")).map(RecordedCall::status).toList());
    assertEquals(DESIRED_EC2_RULES + 1, fake.rules(groupId).size());
    assertFalse(rules.plan(group, DESIRED, PlanMode.ADDITIVE).hasChanges());
  }

  @Test
  void aFailedCreateKeepsTheRulesItReplacesAndASecondApplyFinishes() {
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    List<SecurityRule> desired = List.of(DESIRED.get(1), SecurityRule.parse("egress allow udp 53 to 10.0.0.0/8"));
    // Three 500s on the authorize use up the SDK's attempts; one on the revoke is retried by the SDK.
    for (int i = 0; i < 3; i++) {
      fake.failNext("AuthorizeSecurityGroupEgress", Fault.error(500, "InternalError", "An internal error has occurred"));
    }
    int before = fake.rules(groupId).size();

    ApplyException e = assertThrows(ApplyException.class,
        () -> rules.apply(group, rules.plan(group, desired, PlanMode.AUTHORITATIVE)));

    ApplyResult partial = e.result();
    assertEquals(Set.of(SecurityRule.parse("egress allow udp 53 to 10.0.0.0/8")),
        partial.withStatus(Status.FAILED).stream().map(RuleOutcome::rule).collect(Collectors.toSet()), partial.render());
    assertTrue(partial.withStatus(Status.NOT_ATTEMPTED).stream().allMatch(o -> o.change() == Change.DELETE),
        partial.render());
    assertEquals(before, fake.rules(groupId).size(), "nothing was revoked while the new rule is missing");

    fake.failNext("RevokeSecurityGroupIngress", Fault.error(500, "InternalError", "An internal error has occurred"));
    ApplyResult second = rules.apply(group, rules.plan(group, desired, PlanMode.AUTHORITATIVE));
    assertTrue(second.isComplete(), second.render());
    assertEquals(1, fake.calls().stream().filter(c -> c.operation().equals("RevokeSecurityGroupIngress")
        && c.status() == 200).count(), "the revoke took effect once");
    assertEquals(2, fake.rules(groupId).size());
  }

  @Test
  void aPlanOverTheQuotaFailsBeforeAnyCallAndSaysWhetherCompactionFits() {
    // 61 single addresses: compaction merges them into a few CIDR blocks.
    List<SecurityRule> addresses = IntStream.range(0, 61)
        .mapToObj(i -> SecurityRule.parse("ingress allow tcp 22 from 10.0.0." + i + "/32")).toList();
    RulePlan plan = rules.plan(group, addresses, PlanMode.ADDITIVE);
    fake.clearCalls();

    QuotaExceededPlanException e = assertThrows(QuotaExceededPlanException.class, () -> rules.apply(group, plan));

    QuotaUsage usage = e.exceeded().get(0);
    assertEquals(List.of(61, 60), List.of(usage.count(), usage.limit()), e.getMessage());
    assertTrue(e.compactionWouldFit(), e.getMessage());
    assertTrue(fake.calls().isEmpty());

    // One rule of 61 separate ports is 61 EC2 rules, and compaction cannot merge them.
    String ports = IntStream.range(0, 61).mapToObj(i -> Integer.toString(1000 + 2 * i))
        .collect(Collectors.joining(","));
    RulePlan multiport = RulePlan.between(List.of(SecurityRule.parse("ingress allow tcp " + ports + " from 10.0.0.0/8")),
        List.of());
    QuotaExceededPlanException wide = assertThrows(QuotaExceededPlanException.class,
        () -> rules.apply(group, multiport));
    assertEquals(61, wide.exceeded().get(0).count());
    assertFalse(wide.compactionWouldFit(), wide.getMessage());
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void anUnsupportedRuleStopsThePlanAndTheApplyBeforeAnyCall() {
    List<SecurityRule> desired = List.of(DESIRED.get(0), SecurityRule.parse("ingress deny tcp 23 from 0.0.0.0/0"));

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class,
        () -> rules.plan(group, desired, PlanMode.ADDITIVE));
    assertEquals(1, e.rejections().size());
    assertTrue(fake.calls().isEmpty());

    // A plan made elsewhere is checked again before the first call.
    assertThrows(UnsupportedRuleException.class, () -> rules.apply(group, RulePlan.between(desired, List.of())));
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void dryRunChecksEveryCallWithoutChangingAnything() {
    RulePlan plan = rules.plan(group, DESIRED, PlanMode.AUTHORITATIVE);

    ApplyResult result = rules.dryRun(group, plan);

    assertTrue(result.dryRun());
    assertEquals(DESIRED_EC2_RULES + 1, result.withStatus(Status.WOULD_APPLY).size(), result.render());
    assertEquals(3, fake.mutatingCallCount());
    assertTrue(fake.calls().stream().filter(RecordedCall::mutating)
        .allMatch(c -> "true".equals(c.request().form().get("DryRun"))));
    assertEquals(1, fake.rules(groupId).size());

    fake.failNext("AuthorizeSecurityGroupIngress",
        Fault.error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));
    assertThrows(UnauthorizedException.class, () -> rules.dryRun(group, plan));
  }

  private FakeEc2Rule groupRule() {
    return fake.rules(groupId).stream().filter(r -> r.referencedGroup().isPresent()).findFirst().orElseThrow();
  }

  private FakeEc2Rule sshRule() {
    return fake.rules(groupId).stream().filter(r -> !r.egress() && r.fromPort() == 22).findFirst().orElseThrow();
  }

  private List<String> mutatingOperations() {
    return fake.calls().stream().filter(RecordedCall::mutating).map(RecordedCall::operation).toList();
  }

  private static Set<Change> changes(List<RuleOutcome> outcomes) {
    return outcomes.stream().map(RuleOutcome::change).collect(Collectors.toSet());
  }
}
