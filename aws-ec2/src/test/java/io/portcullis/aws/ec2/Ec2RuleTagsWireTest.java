package io.portcullis.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.portcullis.aws.ec2.Ec2WireMock.form;
import static io.portcullis.aws.ec2.Ec2WireMock.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule tags of the desired state at EC2's wire: TagSpecifications on authorize, CreateTags / DeleteTags in place. */
class Ec2RuleTagsWireTest {
  private static final SecurityGroupRef GROUP = SecurityGroupRef.ofId("sg-1");
  private static final String HTTPS = "<securityGroupRuleId>sgr-1</securityGroupRuleId><groupId>sg-1</groupId>"
      + "<isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>"
      + "<cidrIpv4>0.0.0.0/0</cidrIpv4><description>https</description>";
  private static final String SSH = "<securityGroupRuleId>sgr-2</securityGroupRuleId><groupId>sg-1</groupId>"
      + "<isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>"
      + "<cidrIpv4>10.0.0.0/8</cidrIpv4>";

  private final Ec2WireMock wire = new Ec2WireMock();
  private final Ec2SecurityGroupRules rules = new Ec2SecurityGroupRules(wire.client);

  @AfterEach
  void stop() {
    wire.close();
  }

  private static SecurityRule tagged(String text, Map<String, String> tags) {
    return SecurityRule.parse(text).toBuilder().tags(tags).build();
  }

  private static String tagSet(String key, String value) {
    return "<tagSet><item><key>" + key + "</key><value>" + value + "</value></item></tagSet>";
  }

  @Test
  void readBackFillsRuleTagsFromDescribeSecurityGroupRules() {
    wire.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet><item>" + HTTPS + tagSet("team", "edge")
        + "</item><item>" + SSH + "</item></securityGroupRuleSet>");

    List<SecurityRule> read = rules.list(GROUP).stream().map(p -> p.rule()).toList();

    assertEquals(Map.of("team", "edge"), read.get(0).tags());
    assertEquals(Map.of(), read.get(1).tags());
  }

  @Test
  void newRulesAreAuthorizedWithTheirTagsOneCallPerSetOfTags() {
    wire.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet/>");
    wire.reply("AuthorizeSecurityGroupIngress", containing("FromPort=443"), "<return>true</return>"
        + "<securityGroupRuleSet><item>" + HTTPS + tagSet("team", "edge") + "</item></securityGroupRuleSet>");
    wire.reply("AuthorizeSecurityGroupIngress", containing("FromPort=22"), "<return>true</return>"
        + "<securityGroupRuleSet><item>" + SSH + "</item></securityGroupRuleSet>");

    RulePlan plan = rules.plan(GROUP, List.of(
        tagged("ingress allow tcp 443 from 0.0.0.0/0 \"https\"", Map.of("team", "edge")),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")), PlanMode.ADDITIVE);
    assertTrue(plan.render().contains("+ ingress allow tcp 443 from 0.0.0.0/0 \"https\"   (tags {team=edge})"),
        plan.render());
    ApplyResult result = rules.apply(GROUP, plan);

    assertTrue(result.isComplete(), result.render());
    List<LoggedRequest> requests = wire.requests();
    assertEquals(4, requests.size(), "plan's listing, the stale check's, then two authorizes");
    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-1",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443",
        "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0", "IpPermissions.1.IpRanges.1.Description=https",
        "TagSpecification.1.ResourceType=security-group-rule", "TagSpecification.1.Tag.1.Key=team",
        "TagSpecification.1.Tag.1.Value=edge"), form(requests.get(2)));
    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-1",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=22", "IpPermissions.1.ToPort=22",
        "IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8"), form(requests.get(3)), "no TagSpecifications at all");
  }

  @Test
  void authorizeSendsEachRulesOwnTagsAndTheGivenTagsForTheRest() {
    wire.reply("AuthorizeSecurityGroupIngress", "<return>true</return><securityGroupRuleSet/>");

    rules.authorize(GROUP, List.of(tagged("ingress allow tcp 443 from 0.0.0.0/0", Map.of("team", "edge")),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")), Map.of("managed-by", "portcullis"));

    List<LoggedRequest> requests = wire.requests();
    assertEquals(2, requests.size());
    assertTrue(form(requests.get(0)).containsAll(params("IpPermissions.1.FromPort=443",
        "TagSpecification.1.ResourceType=security-group-rule", "TagSpecification.1.Tag.1.Key=team",
        "TagSpecification.1.Tag.1.Value=edge")), form(requests.get(0)).toString());
    assertTrue(form(requests.get(1)).containsAll(params("IpPermissions.1.FromPort=22",
        "TagSpecification.1.Tag.1.Key=managed-by", "TagSpecification.1.Tag.1.Value=portcullis")),
        form(requests.get(1)).toString());
  }

  @Test
  void aRuleWhoseTagsDifferIsUpdatedInPlaceWithCreateTagsAndDeleteTags() {
    wire.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet><item>" + HTTPS
        + "<tagSet><item><key>team</key><value>core</value></item><item><key>old</key><value>x</value></item>"
        + "</tagSet></item><item>" + SSH + "</item></securityGroupRuleSet>");
    wire.reply("CreateTags", "<return>true</return>");
    wire.reply("DeleteTags", "<return>true</return>");

    RulePlan plan = rules.plan(GROUP, List.of(
        tagged("ingress allow tcp 443 from 0.0.0.0/0 \"https\"", Map.of("team", "edge")),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")), PlanMode.ADDITIVE);

    assertEquals("Plan: 0 to create, 1 to update, 0 to delete, 1 unchanged.", plan.summary(),
        "a tag change is an update in place, never a replace; a rule without tags leaves its tags alone");
    assertTrue(plan.render().contains("~ ingress allow tcp 443 from 0.0.0.0/0 \"https\"   (sgr-1, tags {team=edge}, "
        + "were {old=x, team=core})"), plan.render());
    ApplyResult result = rules.apply(GROUP, plan);

    assertTrue(result.isComplete(), result.render());
    List<LoggedRequest> requests = wire.requests();
    assertEquals(4, requests.size(), "two listings, CreateTags, DeleteTags; no description update: " + requests);
    assertEquals(params("Action=CreateTags", "Version=2016-11-15", "ResourceId.1=sgr-1", "Tag.1.Key=team",
        "Tag.1.Value=edge"), form(requests.get(2)));
    assertEquals(params("Action=DeleteTags", "Version=2016-11-15", "ResourceId.1=sgr-1", "Tag.1.Key=old"),
        form(requests.get(3)));
    assertEquals(2, result.mutatingCalls());
  }

  @Test
  void aDescriptionAndTagsChangeTogetherInOneUpdate() {
    wire.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet><item>" + HTTPS + "</item></securityGroupRuleSet>");
    wire.reply("UpdateSecurityGroupRuleDescriptionsIngress", "<return>true</return>");
    wire.reply("CreateTags", "<return>true</return>");

    rules.apply(GROUP, rules.plan(GROUP, List.of(tagged("ingress allow tcp 443 from 0.0.0.0/0 \"web\"",
        Map.of("team", "edge"))), PlanMode.ADDITIVE));

    List<LoggedRequest> requests = wire.requests();
    assertEquals(params("Action=UpdateSecurityGroupRuleDescriptionsIngress", "Version=2016-11-15", "GroupId=sg-1",
        "SecurityGroupRuleDescription.1.SecurityGroupRuleId=sgr-1", "SecurityGroupRuleDescription.1.Description=web"),
        form(requests.get(2)));
    assertEquals(params("Action=CreateTags", "Version=2016-11-15", "ResourceId.1=sgr-1", "Tag.1.Key=team",
        "Tag.1.Value=edge"), form(requests.get(3)));
    assertEquals(4, requests.size());
  }

  @Test
  void aRuleAlreadyTaggedAsDesiredIsUnchanged() {
    wire.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet><item>" + HTTPS + tagSet("team", "edge")
        + "</item></securityGroupRuleSet>");

    RulePlan plan = rules.plan(GROUP, List.of(tagged("ingress allow tcp 443 from 0.0.0.0/0 \"https\"",
        Map.of("team", "edge"))), PlanMode.AUTHORITATIVE);

    assertEquals("No changes. 1 unchanged.", plan.summary());
  }
}
