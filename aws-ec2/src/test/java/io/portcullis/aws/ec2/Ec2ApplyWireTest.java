package io.portcullis.aws.ec2;

import static io.portcullis.aws.ec2.Ec2WireMock.form;
import static io.portcullis.aws.ec2.Ec2WireMock.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RulePlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests an apply sends, and how it reads EC2's replies, against WireMock. */
class Ec2ApplyWireTest {
  private static final SecurityGroupRef GROUP = SecurityGroupRef.ofId("sg-0abc123");

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

  private static ProvisionedRule existing(String id, String rule) {
    return ProvisionedRule.builder().providerId(id).rule(SecurityRule.parse(rule)).groupId("sg-0abc123").build();
  }

  @Test
  void revokesByIdsUpdatesDescriptionsByIdsThenAuthorizes() {
    ec2.reply("RevokeSecurityGroupEgress", "<return>true</return>");
    ec2.reply("UpdateSecurityGroupRuleDescriptionsIngress", "<return>true</return>");
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return><securityGroupRuleSet>"
        + "<item><securityGroupRuleId>sgr-0new1</securityGroupRuleId><groupId>sg-0abc123</groupId>"
        + "<isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>"
        + "<cidrIpv6>2001:db8::/32</cidrIpv6></item></securityGroupRuleSet>");
    RulePlan plan = RulePlan.between(List.of(
            SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"ops\""),
            SecurityRule.parse("ingress allow tcp 80 from 10.0.0.0/8"),
            SecurityRule.parse("ingress allow tcp 443 from 2001:db8::/32")),
        List.of(existing("sgr-0a", "ingress allow tcp 22 from 10.0.0.0/8 \"old\""),
            existing("sgr-0b", "ingress allow tcp 80 from 10.0.0.0/8 \"to remove\""),
            existing("sgr-0c", "egress allow any to 0.0.0.0/0"),
            existing("sgr-0d", "egress allow udp 53 to 10.0.0.2/32")),
        PlanMode.AUTHORITATIVE);

    ApplyResult result = rules.apply(GROUP, plan);

    assertEquals(3, ec2.requests().size());
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0c", "SecurityGroupRuleId.2=sgr-0d"), form(ec2.requests().get(0)));
    // The removed description is left out, which is how EC2 removes one.
    assertEquals(params("Action=UpdateSecurityGroupRuleDescriptionsIngress", "Version=2016-11-15",
        "GroupId=sg-0abc123", "SecurityGroupRuleDescription.1.SecurityGroupRuleId=sgr-0a",
        "SecurityGroupRuleDescription.1.Description=ops", "SecurityGroupRuleDescription.2.SecurityGroupRuleId=sgr-0b"),
        form(ec2.requests().get(1)));
    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443",
        "IpPermissions.1.Ipv6Ranges.1.CidrIpv6=2001:db8::/32"), form(ec2.requests().get(2)));
    assertEquals(List.of(Optional.of("sgr-0c"), Optional.of("sgr-0d"), Optional.of("sgr-0a"), Optional.of("sgr-0b"),
        Optional.of("sgr-0new1")), result.outcomes().stream().map(RuleOutcome::providerId).toList());
    assertEquals(3, result.mutatingCalls());
  }

  @Test
  void aCallAnsweredFalseFailsAndIsSettledByReadingTheGroup() {
    ec2.reply("RevokeSecurityGroupIngress", "<return>false</return>");
    ec2.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet><item><securityGroupRuleId>sgr-0a"
        + "</securityGroupRuleId><groupId>sg-0abc123</groupId><isEgress>false</isEgress><ipProtocol>tcp</ipProtocol>"
        + "<fromPort>22</fromPort><toPort>22</toPort><cidrIpv4>10.0.0.0/8</cidrIpv4></item></securityGroupRuleSet>");
    RulePlan plan = RulePlan.between(List.of(SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8")),
        List.of(existing("sgr-0a", "ingress allow tcp 22 from 10.0.0.0/8")), PlanMode.AUTHORITATIVE);

    ApplyException e = assertThrows(ApplyException.class, () -> rules.apply(GROUP, plan));

    assertEquals(List.of(Status.FAILED, Status.NOT_ATTEMPTED),
        e.result().outcomes().stream().map(RuleOutcome::status).toList(), e.result().render());
    assertEquals(params("Action=DescribeSecurityGroupRules", "Version=2016-11-15", "Filter.1.Name=group-id",
        "Filter.1.Value.1=sg-0abc123"), form(ec2.requests().get(1)));
  }
}
