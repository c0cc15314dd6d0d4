package io.portcullis.aws.ec2;

import static io.portcullis.aws.ec2.Ec2WireMock.form;
import static io.portcullis.aws.ec2.Ec2SecurityGroupRulesTest.ruleItem;
import static io.portcullis.aws.ec2.Ec2WireMock.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.Direction;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import io.portcullis.testkit.FakeEc2;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a group never fails because of one rule: what the neutral model cannot represent comes back as an {@link
 * OpaqueRule}, kept by additive plans and revoked by id by authoritative ones. The real Ec2Client against WireMock.
 */
class Ec2ReadBackTest {
  private static final SecurityGroupRef GROUP = SecurityGroupRef.ofId("sg-0abc123");
  private static final String RULES = "<securityGroupRuleSet>"
      + ruleItem("sgr-0ok", false, "tcp", 22, 22, "<cidrIpv4>10.0.0.0/8</cidrIpv4>")
      + ruleItem("sgr-0v6", false, "icmpv6", -1, -1,
          "<referencedGroupInfo><groupId>sg-0peer</groupId><userId>123456789012</userId></referencedGroupInfo>")
      + ruleItem("sgr-0all", true, "-1", -1, -1, "<prefixListId>pl-0123</prefixListId>")
      + ruleItem("sgr-0bad", false, "tcp", 80, 22, "<cidrIpv4>10.0.0.0/8</cidrIpv4>")
      + ruleItem("sgr-0bad6", true, "udp", 53, 53, "<cidrIpv6>::/0</cidrIpv6><description>two\nlines</description>")
      + "</securityGroupRuleSet>";

  private Ec2WireMock ec2;
  private Ec2SecurityGroupRules rules;

  @BeforeEach
  void start() {
    ec2 = new Ec2WireMock();
    rules = new Ec2SecurityGroupRules(ec2.client);
  }

  @AfterEach
  void stop() {
    ec2.close();
  }

  @Test
  void readReturnsEveryRepresentableRuleAndTheOthersAsOpaqueEntries() {
    ec2.reply("DescribeSecurityGroupRules", RULES);

    RuleListing listing = rules.read(GROUP);

    assertEquals(List.of("sgr-0ok: ingress allow tcp 22 from 10.0.0.0/8",
            "sgr-0v6: ingress allow icmpv6 from sg-0peer owner 123456789012",
            "sgr-0all: egress allow any to pl-0123"),
        listing.rules().stream().map(ProvisionedRule::toString).toList());
    assertEquals(List.of("sgr-0bad", "sgr-0bad6"), listing.opaque().stream().map(OpaqueRule::providerId).toList());
    OpaqueRule bad = listing.opaque().get(0);
    assertEquals(List.of(Direction.INGRESS, Direction.EGRESS),
        listing.opaque().stream().map(o -> o.direction().orElseThrow()).toList());
    assertTrue(bad.raw().contains("FromPort=80") && bad.raw().contains("ToPort=22"), bad.raw());
    assertTrue(bad.reason().contains("80-22"), bad.reason());
    assertTrue(listing.opaque().get(1).reason().contains("control characters"), listing.opaque().get(1).reason());
    assertFalse(listing.opaque().get(1).raw().contains("\n"));
    ec2.reply("DescribeSecurityGroupRules", RULES);
    assertEquals(listing.rules(), rules.list(GROUP));
  }

  @Test
  void anAdditivePlanKeepsOpaqueRulesAndChangesNothing() {
    ec2.reply("DescribeSecurityGroupRules", RULES);

    RulePlan plan = rules.plan(GROUP, List.of(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")),
        PlanMode.ADDITIVE);

    assertFalse(plan.hasChanges());
    assertEquals(List.of("sgr-0bad", "sgr-0bad6"), plan.opaqueKept().stream().map(OpaqueRule::providerId).toList());
    assertEquals(List.of(), plan.opaqueToDelete());
    assertEquals("No changes. 1 unchanged, 2 not managed (kept), 2 not representable (kept).", plan.render());
  }

  @Test
  void anAuthoritativePlanRevokesOpaqueRulesByIdWithTheDeletesOfTheirDirection() {
    ec2.reply("DescribeSecurityGroupRules", RULES);
    RulePlan plan = rules.plan(GROUP, List.of(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"),
        SecurityRule.parse("ingress allow icmpv6 from sg-0peer")), PlanMode.AUTHORITATIVE);

    assertTrue(plan.render().contains("  - sgr-0bad: [not representable] SecurityGroupRule(SecurityGroupRuleId=sgr-0bad"),
        plan.render());
    assertTrue(plan.render().startsWith("!! AUTHORITATIVE plan: every rule not in the desired state is deleted (3 rules)"),
        plan.render());
    assertTrue(plan.render().endsWith("Plan: 0 to create, 0 to update, 3 to delete (2 not representable), "
        + "2 unchanged."), plan.render());

    ec2.server.resetRequests();
    ec2.reply("RevokeSecurityGroupIngress", "<return>true</return>");
    ec2.reply("RevokeSecurityGroupEgress", "<return>true</return>");
    rules.apply(GROUP, plan);

    assertEquals(2, ec2.requests().size());
    assertEquals(params("Action=RevokeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0bad"), form(ec2.requests().get(0)));
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0all", "SecurityGroupRuleId.2=sgr-0bad6"), form(ec2.requests().get(1)));
  }

  @Test
  void rulesFromReferencesThatEc2AcceptsApplyAndPlanToNoChangesAgainstTheFake() {
    try (FakeEc2 fake = new FakeEc2()) {
      String id = fake.createSecurityGroup("web", "vpc-1", false);
      String peer = fake.createSecurityGroup("peer", "vpc-1", false);
      SecurityGroupRef web = SecurityGroupRef.ofId(id);
      SecurityGroupRules ec2 = SecurityGroupRulesProvider.load("aws-ec2", ProviderSettings.builder()
          .endpoint(fake.endpoint()).region("us-east-1").credentials(new StaticCredentials("AKIDTEST", "secret"))
          .build());
      List<SecurityRule> desired = List.of(SecurityRule.parse("ingress allow icmpv6 from " + peer),
          SecurityRule.parse("ingress allow icmpv6 type 128 from " + peer),
          SecurityRule.parse("ingress allow any from " + peer), SecurityRule.parse("ingress allow tcp 0 from ::/0"),
          SecurityRule.parse("egress allow any to ::/0"));

      ec2.apply(web, ec2.plan(web, desired, PlanMode.AUTHORITATIVE));
      RulePlan again = ec2.plan(web, desired, PlanMode.AUTHORITATIVE);

      assertFalse(again.hasChanges(), again.render());
      assertEquals(List.of(), ec2.read(web).opaque());
    }
  }
}
