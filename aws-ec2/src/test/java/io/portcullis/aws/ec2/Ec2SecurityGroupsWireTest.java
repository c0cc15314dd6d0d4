package io.portcullis.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.portcullis.aws.ec2.Ec2WireMock.form;
import static io.portcullis.aws.ec2.Ec2WireMock.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupInUseException;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.plan.PlanMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact EC2 requests {@link Ec2SecurityGroups} sends, and its handling of EC2's replies and errors. */
class Ec2SecurityGroupsWireTest {
  private static final String EMPTY = "<securityGroupInfo/>";
  private static final String WEB = "<item><ownerId>123456789012</ownerId><groupId>sg-1</groupId>"
      + "<groupName>web</groupName><groupDescription>web tier</groupDescription><vpcId>vpc-1</vpcId>"
      + "<ipPermissions/><ipPermissionsEgress/><tagSet><item><key>team</key><value>edge</value></item></tagSet></item>";

  private final Ec2WireMock wire = new Ec2WireMock();
  private final Ec2SecurityGroups groups = new Ec2SecurityGroups(wire.client);

  @AfterEach
  void stop() {
    wire.close();
  }

  @Test
  void createLooksForTheNameInTheVpcThenCreatesWithTagSpecifications() {
    wire.reply("DescribeSecurityGroups", EMPTY);
    wire.reply("CreateSecurityGroup", "<return>true</return><groupId>sg-0new</groupId>"
        + "<tagSet><item><key>team</key><value>edge</value></item></tagSet>");

    SecurityGroupInfo created = groups.create(
        GroupSpec.builder().name("web").description("web tier").vpcId("vpc-1").putTags("team", "edge").build());

    List<LoggedRequest> requests = wire.requests();
    assertEquals(params("Action=DescribeSecurityGroups", "Version=2016-11-15", "Filter.1.Name=group-name",
        "Filter.1.Value.1=web", "Filter.2.Name=vpc-id", "Filter.2.Value.1=vpc-1", "MaxResults=1000"),
        form(requests.get(0)));
    assertEquals(params("Action=CreateSecurityGroup", "Version=2016-11-15", "GroupName=web",
        "GroupDescription=web tier", "VpcId=vpc-1", "TagSpecification.1.ResourceType=security-group",
        "TagSpecification.1.Tag.1.Key=team", "TagSpecification.1.Tag.1.Value=edge"), form(requests.get(1)));
    assertEquals(2, requests.size());
    assertEquals("sg-0new", created.id());
    assertEquals(Map.of("team", "edge"), created.tags());
  }

  @Test
  void createWithoutDescriptionSendsTheNameAndNoVpc() {
    wire.reply("DescribeSecurityGroups", EMPTY);
    wire.reply("CreateSecurityGroup", "<return>true</return><groupId>sg-0new</groupId>");

    groups.create(GroupSpec.builder().name("web").build());

    assertEquals(params("Action=CreateSecurityGroup", "Version=2016-11-15", "GroupName=web", "GroupDescription=web"),
        form(wire.requests().get(1)));
  }

  @Test
  void aDuplicateNameFromEc2IsGroupAlreadyExists() {
    wire.reply("DescribeSecurityGroups", EMPTY);
    wire.error("CreateSecurityGroup", 400, "InvalidGroup.Duplicate", "req-dup");

    GroupAlreadyExistsException e = assertThrows(GroupAlreadyExistsException.class,
        () -> groups.create(GroupSpec.builder().name("web").vpcId("vpc-1").build()));

    assertEquals(Optional.of("InvalidGroup.Duplicate"), e.errorCode());
    assertEquals(Optional.of("req-dup"), e.requestId());
    assertEquals(3, wire.requests().size(), "looked again after the refusal, in case the group is the same");
  }

  @Test
  void listFiltersByTagAndFollowsNextToken() {
    wire.reply("DescribeSecurityGroups", "<securityGroupInfo>" + WEB + "</securityGroupInfo><nextToken>tok-2</nextToken>");
    wire.reply("DescribeSecurityGroups", containing("NextToken=tok-2"), "<securityGroupInfo>"
        + WEB.replace("sg-1", "sg-2").replace("<vpcId>vpc-1</vpcId>", "") + "</securityGroupInfo>");

    List<SecurityGroupInfo> found = groups.list(GroupFilter.builder().putTags("team", "edge").build());

    assertEquals(List.of("sg-1", "sg-2"), found.stream().map(SecurityGroupInfo::id).toList());
    assertEquals(SecurityGroupInfo.builder().id("sg-1").name("web").description("web tier").vpcId("vpc-1")
        .ownerId("123456789012").putTags("team", "edge").build(), found.get(0));
    assertEquals(Optional.empty(), found.get(1).vpcId());
    List<LoggedRequest> requests = wire.requests();
    assertEquals(params("Action=DescribeSecurityGroups", "Version=2016-11-15", "Filter.1.Name=tag:team",
        "Filter.1.Value.1=edge", "MaxResults=1000"), form(requests.get(0)));
    assertEquals(params("Action=DescribeSecurityGroups", "Version=2016-11-15", "Filter.1.Name=tag:team",
        "Filter.1.Value.1=edge", "MaxResults=1000", "NextToken=tok-2"), form(requests.get(1)));
  }

  @Test
  void deleteOnDependencyViolationNamesWhatUsesTheGroup() {
    wire.error("DeleteSecurityGroup", 400, "DependencyViolation", "req-dv");
    wire.reply("DescribeNetworkInterfaces", "<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId>"
        + "<groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet></item>"
        + "</networkInterfaceSet>");
    wire.reply("DescribeSecurityGroups", "<securityGroupInfo>" + WEB.replace("sg-1", "sg-2") + "</securityGroupInfo>");

    GroupInUseException e = assertThrows(GroupInUseException.class, () -> groups.delete("sg-1"));

    assertEquals(Optional.of("DependencyViolation"), e.errorCode());
    assertEquals(Optional.of("req-dv"), e.requestId());
    assertEquals(OptionalInt.of(400), e.httpStatus());
    assertEquals(List.of("network interface eni-1", "rules of security group sg-2"), e.dependents());
    List<LoggedRequest> requests = wire.requests();
    assertEquals(params("Action=DeleteSecurityGroup", "Version=2016-11-15", "GroupId=sg-1"), form(requests.get(0)));
    assertEquals(params("Action=DescribeNetworkInterfaces", "Version=2016-11-15", "Filter.1.Name=group-id",
        "Filter.1.Value.1=sg-1"), form(requests.get(1)));
    assertEquals(params("Action=DescribeSecurityGroups", "Version=2016-11-15",
        "Filter.1.Name=ip-permission.group-id", "Filter.1.Value.1=sg-1", "MaxResults=1000"), form(requests.get(2)));
    assertEquals(params("Action=DescribeSecurityGroups", "Version=2016-11-15",
        "Filter.1.Name=egress.ip-permission.group-id", "Filter.1.Value.1=sg-1", "MaxResults=1000"),
        form(requests.get(3)));
  }

  @Test
  void updateTagsCreatesThenDeletesByKey() {
    wire.reply("CreateTags", "<return>true</return>");
    wire.reply("DeleteTags", "<return>true</return>");

    groups.updateTags("sg-1", Map.of("env", "prod"), List.of("team"));

    List<LoggedRequest> requests = wire.requests();
    assertEquals(params("Action=CreateTags", "Version=2016-11-15", "ResourceId.1=sg-1", "Tag.1.Key=env",
        "Tag.1.Value=prod"), form(requests.get(0)));
    assertEquals(params("Action=DeleteTags", "Version=2016-11-15", "ResourceId.1=sg-1", "Tag.1.Key=team"),
        form(requests.get(1)));
  }

  @Test
  void anApplyWithRuleTagsSendsThemAsTagSpecifications() {
    wire.reply("DescribeSecurityGroupRules", "<securityGroupRuleSet/>");
    wire.reply("AuthorizeSecurityGroupIngress", "<return>true</return><securityGroupRuleSet><item>"
        + "<securityGroupRuleId>sgr-1</securityGroupRuleId><groupId>sg-1</groupId><isEgress>false</isEgress>"
        + "<ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><cidrIpv4>0.0.0.0/0</cidrIpv4>"
        + "<tagSet><item><key>managed-by</key><value>portcullis</value></item></tagSet></item></securityGroupRuleSet>");
    Ec2SecurityGroupRules rules = new Ec2SecurityGroupRules(wire.client).withRuleTags(Map.of("managed-by", "portcullis"));
    SecurityGroupRef group = SecurityGroupRef.ofId("sg-1");

    rules.apply(group, rules.plan(group, List.of(SecurityRule.parse("ingress allow tcp 443 from 0.0.0.0/0")),
        PlanMode.ADDITIVE));

    assertEquals(params("Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15", "GroupId=sg-1",
        "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443",
        "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0", "TagSpecification.1.ResourceType=security-group-rule",
        "TagSpecification.1.Tag.1.Key=managed-by", "TagSpecification.1.Tag.1.Value=portcullis"),
        form(wire.requests().get(2)), "after the plan's listing and the apply's check that the plan is not stale");
  }

  @Test
  void theGroupsOfANetworkInterface() {
    wire.reply("DescribeNetworkInterfaces", "<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId>"
        + "<groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item>"
        + "<item><groupId>sg-2</groupId><groupName>app</groupName></item></groupSet></item></networkInterfaceSet>");

    assertEquals(List.of(new SecurityGroupRef(Optional.of("sg-1"), Optional.of("web")),
        new SecurityGroupRef(Optional.of("sg-2"), Optional.of("app"))), groups.groupsOfNetworkInterface("eni-1"));
    assertEquals(params("Action=DescribeNetworkInterfaces", "Version=2016-11-15", "NetworkInterfaceId.1=eni-1"),
        wire.onlyForm());
  }
}
