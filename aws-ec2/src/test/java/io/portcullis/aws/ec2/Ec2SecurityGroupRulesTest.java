package io.portcullis.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static io.portcullis.aws.ec2.Ec2WireMock.form;
import static io.portcullis.aws.ec2.Ec2WireMock.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.Direction;
import io.portcullis.core.DryRunResult;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.PartiallyAppliedException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RulePlan;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2SecurityGroupRulesTest {
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

  private static List<SecurityRule> parse(String... texts) {
    return Arrays.stream(texts).map(SecurityRule::parse).toList();
  }

  private static String ruleItem(String id, boolean egress, String protocol, int from, int to, String remoteXml) {
    return "<item><securityGroupRuleId>" + id + "</securityGroupRuleId><groupId>sg-0abc123</groupId>"
        + "<groupOwnerId>123456789012</groupOwnerId><isEgress>" + egress + "</isEgress><ipProtocol>" + protocol
        + "</ipProtocol><fromPort>" + from + "</fromPort><toPort>" + to + "</toPort>" + remoteXml + "</item>";
  }

  // ---- authorize ----

  @Test
  void authorizeIngressSplitsPortListsAndMergesSharedPortsIntoOnePermission() {
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return><securityGroupRuleSet>"
        + ruleItem("sgr-01", false, "tcp", 22, 22, "<cidrIpv4>203.0.113.0/24</cidrIpv4><description>admin ssh</description>")
        + ruleItem("sgr-02", false, "tcp", 22, 22, "<cidrIpv6>2001:db8::/32</cidrIpv6>")
        + ruleItem("sgr-03", false, "tcp", 8000, 8080, "<cidrIpv4>203.0.113.0/24</cidrIpv4>")
        + "</securityGroupRuleSet>");

    AuthorizeResult result = rules.authorize(GROUP, parse(
        "ingress allow tcp 22,8000-8080 from 203.0.113.0/24 \"admin ssh\"",
        "ingress allow tcp 22 from 2001:db8::/32",
        "ingress allow tcp 22 from sg-0def456 owner 123456789012"));

    assertEquals(params(
        "Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=22", "IpPermissions.1.ToPort=22",
        "IpPermissions.1.IpRanges.1.CidrIp=203.0.113.0/24", "IpPermissions.1.IpRanges.1.Description=admin ssh",
        "IpPermissions.1.Ipv6Ranges.1.CidrIpv6=2001:db8::/32",
        "IpPermissions.2.IpProtocol=tcp", "IpPermissions.2.FromPort=8000", "IpPermissions.2.ToPort=8080",
        "IpPermissions.2.IpRanges.1.CidrIp=203.0.113.0/24", "IpPermissions.2.IpRanges.1.Description=admin ssh",
        // the group pair shares ports with the CIDRs but gets its own permission (EC2: not in the same set)
        "IpPermissions.3.IpProtocol=tcp", "IpPermissions.3.FromPort=22", "IpPermissions.3.ToPort=22",
        "IpPermissions.3.Groups.1.GroupId=sg-0def456", "IpPermissions.3.Groups.1.UserId=123456789012"),
        ec2.onlyForm());
    assertEquals(List.of(
        ProvisionedRule.builder().providerId("sgr-01").groupId("sg-0abc123")
            .rule(SecurityRule.parse("ingress allow tcp 22 from 203.0.113.0/24 \"admin ssh\"")).build(),
        ProvisionedRule.builder().providerId("sgr-02").groupId("sg-0abc123")
            .rule(SecurityRule.parse("ingress allow tcp 22 from 2001:db8::/32")).build(),
        ProvisionedRule.builder().providerId("sgr-03").groupId("sg-0abc123")
            .rule(SecurityRule.parse("ingress allow tcp 8000-8080 from 203.0.113.0/24")).build()),
        result.created());
    assertEquals(List.of(), result.warnings());
  }

  @Test
  void authorizeEgressSendsAuthorizeSecurityGroupEgressWithGroupId() {
    ec2.reply("AuthorizeSecurityGroupEgress", "<return>true</return><securityGroupRuleSet>"
        + ruleItem("sgr-0e1", true, "-1", -1, -1, "<cidrIpv6>::/0</cidrIpv6>")
        + ruleItem("sgr-0e2", true, "tcp", 443, 443, "<prefixListId>pl-0123</prefixListId>")
        + "</securityGroupRuleSet>");

    AuthorizeResult result = rules.authorize(GROUP, parse("egress allow any to ::/0", "egress allow tcp 443 to pl-0123"));

    assertEquals(params(
        "Action=AuthorizeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=-1", "IpPermissions.1.Ipv6Ranges.1.CidrIpv6=::/0",
        "IpPermissions.2.IpProtocol=tcp", "IpPermissions.2.FromPort=443", "IpPermissions.2.ToPort=443",
        "IpPermissions.2.PrefixListIds.1.PrefixListId=pl-0123"), ec2.onlyForm());
    assertEquals(List.of("sgr-0e1: egress allow any to ::/0", "sgr-0e2: egress allow tcp 443 to pl-0123"),
        result.created().stream().map(ProvisionedRule::toString).toList());
  }

  @Test
  void authorizeBothDirectionsMakesOneCallPerDirectionIngressFirst() {
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return>");
    ec2.reply("AuthorizeSecurityGroupEgress", "<return>true</return>");

    rules.authorize(GROUP, parse("egress allow udp 53 to 10.0.0.2/32", "ingress allow icmp type 8 from 0.0.0.0/0"));

    assertEquals(2, ec2.requests().size());
    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=icmp", "IpPermissions.1.FromPort=8", "IpPermissions.1.ToPort=-1",
        "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0"), form(ec2.requests().get(0)));
    assertEquals(params("Action=AuthorizeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=udp", "IpPermissions.1.FromPort=53", "IpPermissions.1.ToPort=53",
        "IpPermissions.1.IpRanges.1.CidrIp=10.0.0.2/32"), form(ec2.requests().get(1)));
  }

  @Test
  void authorizeWithTagsSendsTagSpecificationsForSecurityGroupRules() {
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return>");

    rules.authorize(GROUP, parse("ingress allow tcp 443 from 0.0.0.0/0"), Map.of("team", "web"));

    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443",
        "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0",
        "TagSpecification.1.ResourceType=security-group-rule", "TagSpecification.1.Tag.1.Key=team",
        "TagSpecification.1.Tag.1.Value=web"), ec2.onlyForm());
  }

  @Test
  void authorizeIngressByGroupNameSendsGroupName() {
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return>");

    rules.authorize(SecurityGroupRef.ofName("mySecurityGroup"), parse("ingress allow tcp from 10.0.0.0/8"));

    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupName=mySecurityGroup",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=0", "IpPermissions.1.ToPort=65535",
        "IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8"), ec2.onlyForm());
  }

  @Test
  void egressByGroupNameFailsBeforeAnyCall() {
    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> rules.authorize(
        SecurityGroupRef.ofName("mySecurityGroup"), parse("ingress allow tcp 22 from 10.0.0.0/8",
            "egress allow any to 0.0.0.0/0")));

    assertTrue(e.getMessage().contains("egress"), e.getMessage());
    assertEquals(0, ec2.requests().size());
  }

  @Test
  void unsupportedRulesFailTheWholeBatchBeforeAnyCall() {
    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> rules.authorize(GROUP, parse(
        "ingress allow tcp 22 from 10.0.0.0/8", "ingress deny tcp 23 from 10.0.0.0/8",
        "ingress allow tcp 80 from 10.0.0.0/8 priority 5")));

    assertEquals(2, e.rejections().size());
    assertEquals(0, ec2.requests().size());
  }

  @Test
  void lenientPolicyDropsThePriorityAndReportsIt() {
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return>");
    Ec2SecurityGroupRules lenient = new Ec2SecurityGroupRules(ec2.client, TranslationPolicy.LENIENT);

    AuthorizeResult result = lenient.authorize(GROUP, parse("ingress allow tcp 80 from 10.0.0.0/8 priority 5"));

    assertEquals(1, result.warnings().size());
    assertTrue(result.warnings().get(0).message().contains("priority 5"));
    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=80", "IpPermissions.1.ToPort=80",
        "IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8"), ec2.onlyForm());
  }

  @Test
  void egressFailureAfterIngressSucceededReportsWhatWasApplied() {
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return>");
    ec2.error("AuthorizeSecurityGroupEgress", 400, "InvalidPermission.Duplicate", "req-dup");

    PartiallyAppliedException e = assertThrows(PartiallyAppliedException.class, () -> rules.authorize(GROUP,
        parse("ingress allow tcp 22 from 10.0.0.0/8", "egress allow tcp 443 to 0.0.0.0/0")));

    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8"), e.applied());
    assertEquals(parse("egress allow tcp 443 to 0.0.0.0/0"), e.notApplied());
    assertEquals(Optional.of("req-dup"), assertInstanceOf(DuplicateRuleException.class, e.getCause()).requestId());
  }

  @Test
  void anAuthorizeReplyThatCannotBeReadReportsTheDirectionAsAppliedAndTheRestAsNot() {
    ec2.reply("AuthorizeSecurityGroupIngress", "<return>true</return><securityGroupRuleSet><item>"
        + "<securityGroupRuleId>sgr-1</securityGroupRuleId><groupId>sg-0abc123</groupId><isEgress>false</isEgress>"
        + "<ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><cidrIpv4>10.0.0.0/8</cidrIpv4>"
        + "<tagSet><item><value>no key</value></item></tagSet></item></securityGroupRuleSet>");

    PartiallyAppliedException e = assertThrows(PartiallyAppliedException.class, () -> rules.authorize(GROUP,
        parse("ingress allow tcp 22 from 10.0.0.0/8", "egress allow tcp 443 to 0.0.0.0/0")));

    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8"), e.applied());
    assertEquals(parse("egress allow tcp 443 to 0.0.0.0/0"), e.notApplied());
    ProviderReplyException cause = assertInstanceOf(ProviderReplyException.class, e.getCause());
    assertEquals("SecurityGroupRules[0]", cause.field());
    assertTrue(cause.getMessage().contains("tag"), cause.getMessage());
    assertEquals(1, ec2.requests().size(), "the egress call is not sent");
  }

  // ---- revoke ----

  @Test
  void seedExample1RevokesTcp22From203ByGroupName() {
    ec2.reply("RevokeSecurityGroupIngress", "<return>true</return>");
    AwsCliCommand command = AwsCliRuleParser.parseCommand("aws ec2 revoke-security-group-ingress \\\n"
        + "    --group-name mySecurityGroup\n    --protocol tcp \\\n    --port 22 \\\n    --cidr 203.0.113.0/24");

    RevokeResult result = rules.revoke(command.group().orElseThrow(), command.rules());

    assertEquals(params("Action=RevokeSecurityGroupIngress", "Version=2016-11-15", "GroupName=mySecurityGroup",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=22", "IpPermissions.1.ToPort=22",
        "IpPermissions.1.IpRanges.1.CidrIp=203.0.113.0/24"), ec2.onlyForm());
    assertEquals(parse("ingress allow tcp 22 from 203.0.113.0/24"), result.revoked());
    assertTrue(result.complete());
  }

  @Test
  void seedExample2RevokesIcmpType3Code4ByGroupId() {
    ec2.reply("RevokeSecurityGroupIngress", "<return>true</return><revokedSecurityGroupRuleSet><item>"
        + "<securityGroupRuleId>sgr-0icmp</securityGroupRuleId><groupId>sg-026c12253ce15eff7</groupId>"
        + "<isEgress>false</isEgress><ipProtocol>icmp</ipProtocol><fromPort>3</fromPort><toPort>4</toPort>"
        + "<cidrIpv4>0.0.0.0/0</cidrIpv4></item></revokedSecurityGroupRuleSet>");
    AwsCliCommand command = AwsCliRuleParser.parseCommand("aws ec2 revoke-security-group-ingress \\\n"
        + "    --group-id sg-026c12253ce15eff7 \\\n"
        + "    --ip-permissions IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]");

    RevokeResult result = rules.revoke(command.group().orElseThrow(), command.rules());

    assertEquals(params("Action=RevokeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-026c12253ce15eff7",
        "IpPermissions.1.IpProtocol=icmp", "IpPermissions.1.FromPort=3", "IpPermissions.1.ToPort=4",
        "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0"), ec2.onlyForm());
    assertEquals(parse("ingress allow icmp type 3 code 4 from 0.0.0.0/0"), result.revoked());
    assertEquals(List.of("sgr-0icmp: ingress allow icmp type 3 code 4 from 0.0.0.0/0"),
        result.revokedRules().stream().map(ProvisionedRule::toString).toList());
  }

  @Test
  void unknownIpPermissionsAreReportedAsNotRevoked() {
    // EC2 answers in its own format: another CIDR spelling of the same block would not matter, nor descriptions.
    ec2.reply("RevokeSecurityGroupIngress", "<return>true</return><unknownIpPermissionSet><item>"
        + "<ipProtocol>tcp</ipProtocol><fromPort>80</fromPort><toPort>80</toPort><groups/>"
        + "<ipRanges><item><cidrIp>10.0.0.0/8</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>"
        + "<item><ipProtocol>tcp</ipProtocol><fromPort>5432</fromPort><toPort>5432</toPort>"
        + "<groups><item><groupId>sg-0db</groupId><userId>123456789012</userId></item></groups></item>"
        + "</unknownIpPermissionSet>");

    RevokeResult result = rules.revoke(GROUP, parse(
        "ingress allow tcp 22,80 from 10.0.0.0/8 \"web\"", "ingress allow tcp 5432 from sg-0db",
        "ingress allow tcp 5432 from sg-0other"));

    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8 \"web\"", "ingress allow tcp 5432 from sg-0other"),
        result.revoked());
    assertEquals(parse("ingress allow tcp 80 from 10.0.0.0/8 \"web\"", "ingress allow tcp 5432 from sg-0db"),
        result.notRevoked());
    assertTrue(!result.complete());
  }

  @Test
  void returnFalseReportsNothingAsRevoked() {
    ec2.reply("RevokeSecurityGroupEgress", "<return>false</return>");

    RevokeResult result = rules.revoke(GROUP, parse("egress allow tcp 443 to 0.0.0.0/0"));

    assertEquals(List.of(), result.revoked());
    assertEquals(parse("egress allow tcp 443 to 0.0.0.0/0"), result.notRevoked());
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443",
        "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0"), ec2.onlyForm());
  }

  @Test
  void revokeByIdsDescribesTheRulesThenRevokesEachDirectionByRuleIds() {
    ec2.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet>"
        + ruleItem("sgr-0in", false, "tcp", 22, 22, "<cidrIpv4>10.0.0.0/8</cidrIpv4>")
        + ruleItem("sgr-0out", true, "-1", -1, -1, "<cidrIpv4>0.0.0.0/0</cidrIpv4>")
        + "</securityGroupRuleSet>");
    ec2.reply("RevokeSecurityGroupIngress", "<return>true</return>");
    ec2.reply("RevokeSecurityGroupEgress", "<return>true</return>");

    RevokeResult result = rules.revokeByIds(GROUP, List.of("sgr-0in", "sgr-0out"));

    assertEquals(3, ec2.requests().size());
    assertEquals(params("Action=DescribeSecurityGroupRules", "Version=2016-11-15", "SecurityGroupRuleId.1=sgr-0in",
        "SecurityGroupRuleId.2=sgr-0out"), form(ec2.requests().get(0)));
    assertEquals(params("Action=RevokeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0in"), form(ec2.requests().get(1)));
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0out"), form(ec2.requests().get(2)));
    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8", "egress allow any to 0.0.0.0/0"), result.revoked());
    assertEquals(List.of("sgr-0in", "sgr-0out"),
        result.revokedRules().stream().map(ProvisionedRule::providerId).toList());
  }

  @Test
  void revokeByIdsOfAnUnknownRuleFailsBeforeAnyRevoke() {
    ec2.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet>"
        + ruleItem("sgr-0in", false, "tcp", 22, 22, "<cidrIpv4>10.0.0.0/8</cidrIpv4>") + "</securityGroupRuleSet>");

    RuleNotFoundException e = assertThrows(RuleNotFoundException.class,
        () -> rules.revokeByIds(GROUP, List.of("sgr-0in", "sgr-0gone")));

    assertTrue(e.getMessage().contains("sgr-0gone"), e.getMessage());
    assertEquals(1, ec2.requests().size());
  }

  // ---- read-back of rules the model cannot represent ----

  private static final String OPAQUE_RULES = "<securityGroupRuleSet>"
      + ruleItem("sgr-0ok", false, "tcp", 22, 22, "<cidrIpv4>10.0.0.0/8</cidrIpv4>")
      + ruleItem("sgr-0v6", false, "icmpv6", -1, -1,
          "<referencedGroupInfo><groupId>sg-0peer</groupId><userId>123456789012</userId></referencedGroupInfo>")
      + ruleItem("sgr-0all", true, "-1", -1, -1, "<prefixListId>pl-0123</prefixListId>")
      + ruleItem("sgr-0bad", false, "tcp", 80, 22, "<cidrIpv4>10.0.0.0/8</cidrIpv4>")
      + ruleItem("sgr-0bad6", true, "udp", 53, 53, "<cidrIpv6>::/0</cidrIpv6><description>two\nlines</description>")
      + "</securityGroupRuleSet>";

  @Test
  void readReturnsEveryRepresentableRuleAndTheOthersAsOpaqueEntries() {
    ec2.reply("DescribeSecurityGroupRules", OPAQUE_RULES);

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
    ec2.reply("DescribeSecurityGroupRules", OPAQUE_RULES);
    assertEquals(listing.rules(), rules.list(GROUP));
  }

  @Test
  void anAdditivePlanKeepsOpaqueRulesAndChangesNothing() {
    ec2.reply("DescribeSecurityGroupRules", OPAQUE_RULES);

    RulePlan plan = rules.plan(GROUP, List.of(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")),
        PlanMode.ADDITIVE);

    assertFalse(plan.hasChanges());
    assertEquals(List.of("sgr-0bad", "sgr-0bad6"), plan.opaqueKept().stream().map(OpaqueRule::providerId).toList());
    assertEquals(List.of(), plan.opaqueToDelete());
    assertEquals("No changes. 1 unchanged, 2 not managed (kept), 2 not representable (kept).", plan.render());
  }

  @Test
  void anAuthoritativePlanRevokesOpaqueRulesByIdWithTheDeletesOfTheirDirection() {
    ec2.reply("DescribeSecurityGroupRules", OPAQUE_RULES);
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
    ApplyResult result = rules.apply(GROUP, plan);

    // The stale-plan check's listing, the ordinary delete, then the opaque rules by id, per direction.
    assertEquals(4, ec2.requests().size());
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0all"), form(ec2.requests().get(1)));
    assertEquals(params("Action=RevokeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0bad"), form(ec2.requests().get(2)));
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0bad6"), form(ec2.requests().get(3)));
    assertTrue(result.isComplete(), result.render());
    assertEquals(List.of("sgr-0bad", "sgr-0bad6"), result.opaqueOutcomes().stream()
        .filter(o -> o.status() == Status.APPLIED).map(o -> o.rule().providerId()).toList());
  }

  // ---- list ----

  @Test
  void listFiltersOnGroupIdAndFollowsNextTokenToTheEnd() {
    ec2.reply("DescribeSecurityGroupRules", notContaining("NextToken"), "<securityGroupRuleSet>"
        + ruleItem("sgr-01", false, "tcp", 0, 65535,
            "<referencedGroupInfo><groupId>sg-0peer</groupId><userId>123456789012</userId></referencedGroupInfo>")
        + "</securityGroupRuleSet><nextToken>page-2</nextToken>");
    ec2.reply("DescribeSecurityGroupRules", containing("NextToken=page-2"), "<securityGroupRuleSet>"
        + ruleItem("sgr-02", true, "icmpv6", -1, -1, "<cidrIpv6>::/0</cidrIpv6>") + "</securityGroupRuleSet>");

    List<ProvisionedRule> listed = rules.list(GROUP);

    assertEquals(2, ec2.requests().size());
    assertEquals(params("Action=DescribeSecurityGroupRules", "Version=2016-11-15", "Filter.1.Name=group-id",
        "Filter.1.Value.1=sg-0abc123"), form(ec2.requests().get(0)));
    assertEquals(params("Action=DescribeSecurityGroupRules", "Version=2016-11-15", "Filter.1.Name=group-id",
        "Filter.1.Value.1=sg-0abc123", "NextToken=page-2"), form(ec2.requests().get(1)));
    assertEquals(List.of(
        "sgr-01: ingress allow tcp from sg-0peer owner 123456789012",
        "sgr-02: egress allow icmpv6 to ::/0"), listed.stream().map(ProvisionedRule::toString).toList());
    assertEquals(Optional.of("sg-0abc123"), listed.get(0).groupId());
  }

  // ---- dry run ----

  @Test
  void dryRunOperationMeansTheCallWouldSucceed() {
    ec2.error("AuthorizeSecurityGroupIngress", 412, "DryRunOperation", "req-dry");

    List<DryRunResult> results = rules.dryRunAuthorize(GROUP, parse("ingress allow tcp 22 from 10.0.0.0/8"));

    assertEquals(List.of(new DryRunResult("aws-ec2", "AuthorizeSecurityGroupIngress", Optional.of("req-dry"))),
        results);
    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "DryRun=true", "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=22", "IpPermissions.1.ToPort=22",
        "IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8"), ec2.onlyForm());
  }

  @Test
  void dryRunWithoutPermissionIsUnauthorized() {
    ec2.error("RevokeSecurityGroupEgress", 403, "UnauthorizedOperation", "req-denied");

    UnauthorizedException e = assertThrows(UnauthorizedException.class,
        () -> rules.dryRunRevoke(GROUP, parse("egress allow any to 0.0.0.0/0")));

    assertEquals(Optional.of("UnauthorizedOperation"), e.errorCode());
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "DryRun=true", "IpPermissions.1.IpProtocol=-1", "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0"),
        ec2.onlyForm());
  }

  @Test
  void dryRunRevokeByIdsSendsRuleIdsWithDryRun() {
    ec2.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet>"
        + ruleItem("sgr-0in", false, "tcp", 22, 22, "<cidrIpv4>10.0.0.0/8</cidrIpv4>") + "</securityGroupRuleSet>");
    ec2.error("RevokeSecurityGroupIngress", 412, "DryRunOperation", "req-dry");

    List<DryRunResult> results = rules.dryRunRevokeByIds(GROUP, List.of("sgr-0in"));

    assertEquals(List.of("RevokeSecurityGroupIngress"), results.stream().map(DryRunResult::operation).toList());
    assertEquals(params("Action=RevokeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "DryRun=true", "SecurityGroupRuleId.1=sgr-0in"), form(ec2.requests().get(1)));
  }

  @Test
  void dryRunThatIsAnsweredWithARealErrorThrowsThatError() {
    ec2.error("AuthorizeSecurityGroupIngress", 400, "InvalidGroup.NotFound", "req-nf");

    assertThrows(GroupNotFoundException.class,
        () -> rules.dryRunAuthorize(GROUP, parse("ingress allow tcp 22 from 10.0.0.0/8")));
  }

  // ---- errors ----

  @ParameterizedTest
  @CsvSource({
      "InvalidPermission.Duplicate, 400, io.portcullis.core.DuplicateRuleException",
      "InvalidPermission.NotFound, 400, io.portcullis.core.RuleNotFoundException",
      "InvalidSecurityGroupRuleId.NotFound, 400, io.portcullis.core.RuleNotFoundException",
      "InvalidGroup.NotFound, 400, io.portcullis.core.GroupNotFoundException",
      "InvalidGroupId.NotFound, 400, io.portcullis.core.GroupNotFoundException",
      "InvalidGroupId.Malformed, 400, io.portcullis.core.GroupNotFoundException",
      "RulesPerSecurityGroupLimitExceeded, 400, io.portcullis.core.QuotaExceededException",
      "InvalidPermission.Malformed, 400, io.portcullis.core.MalformedRequestException",
      "InvalidParameterValue, 400, io.portcullis.core.MalformedRequestException",
      "InvalidParameterCombination, 400, io.portcullis.core.MalformedRequestException",
      "RequestLimitExceeded, 503, io.portcullis.core.ThrottledException",
      "UnauthorizedOperation, 403, io.portcullis.core.UnauthorizedException",
      "SomethingElse, 400, io.portcullis.core.ProviderException",
  })
  void ec2ErrorsMapToTypedExceptionsKeepingCodeRequestIdAndStatus(String code, int status, String type)
      throws ClassNotFoundException {
    ec2.error("AuthorizeSecurityGroupIngress", status, code, "req-" + code);

    ProviderException e = assertThrows(ProviderException.class,
        () -> rules.authorize(GROUP, parse("ingress allow tcp 22 from 10.0.0.0/8")));

    assertEquals(Class.forName(type), e.getClass());
    assertEquals(Optional.of(code), e.errorCode());
    assertEquals(Optional.of("req-" + code), e.requestId());
    assertEquals(OptionalInt.of(status), e.httpStatus());
    assertEquals("aws-ec2", e.provider());
    assertEquals("message of " + code, e.error().message());
    assertEquals(1, ec2.requests().size());
  }

  @Test
  void throttlingIsReportedAfterTheSdkRetries() {
    // A client with the SDK's default retries: RequestLimitExceeded is retried, then surfaces as ThrottledException.
    try (Ec2Client retrying = Ec2Client.builder()
        .endpointOverride(URI.create(ec2.server.baseUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(o -> o.retryStrategy(StandardRetryStrategy.builder().maxAttempts(3)
            .backoffStrategy(BackoffStrategy.retryImmediately())
            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
            .circuitBreakerEnabled(false).build()))
        .build()) {
      ec2.error("RevokeSecurityGroupIngress", 503, "RequestLimitExceeded", "req-slow");

      ThrottledException e = assertThrows(ThrottledException.class, () -> new Ec2SecurityGroupRules(retrying)
          .revoke(GROUP, parse("ingress allow tcp 22 from 10.0.0.0/8")));

      assertEquals(Optional.of("req-slow"), e.requestId());
      assertEquals(3, ec2.requests().size());
    }
  }

  @Test
  void noAnswerFromEc2IsAProviderExceptionToo() {
    ec2.server.stop();

    ProviderException e = assertThrows(ProviderException.class,
        () -> rules.authorize(GROUP, parse("ingress allow tcp 22 from 10.0.0.0/8")));

    assertEquals(Optional.empty(), e.errorCode());
  }

  // ---- apply a plan ----

  private static ProvisionedRule existing(String id, String rule) {
    return ProvisionedRule.builder().providerId(id).rule(SecurityRule.parse(rule)).groupId("sg-0abc123").build();
  }

  /** A DescribeSecurityGroupRules item of sg-0abc123, as EC2 writes it. */
  private static String item(String id, boolean egress, String protocol, int from, int to, String cidr,
      String description) {
    return "<item><securityGroupRuleId>" + id + "</securityGroupRuleId><groupId>sg-0abc123</groupId><isEgress>"
        + egress + "</isEgress><ipProtocol>" + protocol + "</ipProtocol><fromPort>" + from + "</fromPort><toPort>" + to
        + "</toPort><cidrIpv4>" + cidr + "</cidrIpv4>" + (description == null ? "" : "<description>" + description
        + "</description>") + "</item>";
  }

  @Test
  void authorizesFirstThenUpdatesDescriptionsByIdsThenRevokesByIds() {
    // The group as planned: apply lists it first to check that the plan is not stale.
    ec2.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet>"
        + item("sgr-0a", false, "tcp", 22, 22, "10.0.0.0/8", "old")
        + item("sgr-0b", false, "tcp", 80, 80, "10.0.0.0/8", "to remove")
        + item("sgr-0c", true, "-1", -1, -1, "0.0.0.0/0", null)
        + item("sgr-0d", true, "udp", 53, 53, "10.0.0.2/32", null) + "</securityGroupRuleSet>");
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

    assertEquals(4, ec2.requests().size());
    assertEquals(params("Action=DescribeSecurityGroupRules", "Version=2016-11-15", "Filter.1.Name=group-id",
        "Filter.1.Value.1=sg-0abc123"), form(ec2.requests().get(0)));
    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443",
        "IpPermissions.1.Ipv6Ranges.1.CidrIpv6=2001:db8::/32"), form(ec2.requests().get(1)));
    // The removed description is left out, which is how EC2 removes one.
    assertEquals(params("Action=UpdateSecurityGroupRuleDescriptionsIngress", "Version=2016-11-15",
        "GroupId=sg-0abc123", "SecurityGroupRuleDescription.1.SecurityGroupRuleId=sgr-0a",
        "SecurityGroupRuleDescription.1.Description=ops", "SecurityGroupRuleDescription.2.SecurityGroupRuleId=sgr-0b"),
        form(ec2.requests().get(2)));
    assertEquals(params("Action=RevokeSecurityGroupEgress", "Version=2016-11-15", "GroupId=sg-0abc123",
        "SecurityGroupRuleId.1=sgr-0c", "SecurityGroupRuleId.2=sgr-0d"), form(ec2.requests().get(3)));
    assertEquals(List.of(Optional.of("sgr-0new1"), Optional.of("sgr-0a"), Optional.of("sgr-0b"), Optional.of("sgr-0c"),
        Optional.of("sgr-0d")), result.outcomes().stream().map(RuleOutcome::providerId).toList());
    assertEquals(3, result.mutatingCalls());
  }

  @Test
  void aCallAnsweredFalseIsSettledByReadingTheGroup() {
    ec2.reply("RevokeSecurityGroupIngress", "<return>false</return>");
    ec2.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet>"
        + item("sgr-0a", false, "tcp", 22, 22, "10.0.0.0/8", null) + "</securityGroupRuleSet>");
    RulePlan plan = RulePlan.between(List.of(),
        List.of(existing("sgr-0a", "ingress allow tcp 22 from 10.0.0.0/8")), PlanMode.AUTHORITATIVE);

    ApplyException e = assertThrows(ApplyException.class, () -> rules.apply(GROUP, plan));

    assertEquals(List.of(Status.FAILED), e.result().outcomes().stream().map(RuleOutcome::status).toList(),
        e.result().render());
    assertInstanceOf(ProviderReplyException.class, e.getCause());
    assertEquals(List.of("DescribeSecurityGroupRules", "RevokeSecurityGroupIngress", "DescribeSecurityGroupRules"),
        ec2.requests().stream().map(r -> form(r).stream().filter(f -> f.startsWith("Action=")).findFirst()
            .orElseThrow().substring(7)).toList());
  }
}
