package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.RuleSyntaxException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AwsCliRuleParserTest {
  private static List<SecurityRule> parse(String... texts) {
    return Arrays.stream(texts).map(SecurityRule::parse).toList();
  }

  @Test
  void seedExample1SimpleOptionsWithGroupName() {
    AwsCliCommand c = AwsCliRuleParser.parseCommand("aws ec2 revoke-security-group-ingress \\\n"
        + "    --group-name mySecurityGroup\n    --protocol tcp \\\n    --port 22 \\\n    --cidr 203.0.113.0/24");

    assertEquals(new AwsCliCommand(true, Direction.INGRESS, Optional.of(SecurityGroupRef.ofName("mySecurityGroup")),
        parse("ingress allow tcp 22 from 203.0.113.0/24"), false), c);
  }

  @Test
  void seedExample2ShorthandWithGroupId() {
    AwsCliCommand c = AwsCliRuleParser.parseCommand("aws ec2 revoke-security-group-ingress \\\n"
        + "    --group-id sg-026c12253ce15eff7 \\\n"
        + "    --ip-permissions IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]");

    assertEquals(new AwsCliCommand(true, Direction.INGRESS, Optional.of(SecurityGroupRef.ofId("sg-026c12253ce15eff7")),
        parse("ingress allow icmp type 3 code 4 from 0.0.0.0/0"), false), c);
  }

  @Test
  void shorthandWithEveryKindOfSourceAndSeveralPermissions() {
    // two permissions are two command-line words, as the CLI takes them
    List<SecurityRule> rules = AwsCliRuleParser.parseIpPermissions(Direction.INGRESS, List.of(
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=\"SSH from office, HQ\"},"
            + "{CidrIp=192.168.0.0/16}],Ipv6Ranges=[{CidrIpv6=2001:db8::/32}]",
        "IpProtocol=udp,FromPort=1000,ToPort=2000,UserIdGroupPairs=[{GroupId=sg-0a,UserId=123456789012,"
            + "Description=peer group}],PrefixListIds=[{PrefixListId=pl-0123}]"));

    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8 \"SSH from office, HQ\"",
        "ingress allow tcp 22 from 192.168.0.0/16", "ingress allow tcp 22 from 2001:db8::/32",
        "ingress allow udp 1000-2000 from pl-0123",
        "ingress allow udp 1000-2000 from sg-0a owner 123456789012 \"peer group\""), rules);
  }

  @Test
  void jsonSyntaxGivesTheSameRulesAsShorthand() {
    String json = "[{\"IpProtocol\": \"icmp\", \"FromPort\": 3, \"ToPort\": 4, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]},"
        + " {\"IpProtocol\": \"-1\", \"Ipv6Ranges\": [{\"CidrIpv6\": \"::/0\", \"Description\": \"all out\"}]},"
        + " {\"IpProtocol\": \"tcp\", \"FromPort\": 0, \"ToPort\": 65535, \"UserIdGroupPairs\": "
        + "[{\"GroupName\": \"default\", \"PeeringStatus\": \"active\"}]}]";

    assertEquals(parse("egress allow icmp type 3 code 4 to 0.0.0.0/0", "egress allow any to ::/0 \"all out\"",
        "egress allow tcp to group-name default"), AwsCliRuleParser.parseIpPermissions(Direction.EGRESS, json));
    assertEquals(AwsCliRuleParser.parseIpPermissions(Direction.INGRESS,
            "IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]"),
        AwsCliRuleParser.parseIpPermissions(Direction.INGRESS,
            "{\"IpProtocol\": \"icmp\", \"FromPort\": 3, \"ToPort\": 4, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}"));
  }

  @Test
  void commandWithJsonPermissionsInQuotesAndDryRun() {
    AwsCliCommand c = AwsCliRuleParser.parseCommand("aws ec2 authorize-security-group-egress --group-id sg-1 "
        + "--region us-east-1 --dry-run --ip-permissions '[{\"IpProtocol\":\"tcp\",\"FromPort\":443,\"ToPort\":443,"
        + "\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\",\"Description\":\"HTTPS out\"}]}]'");

    assertFalse(c.revoke());
    assertTrue(c.dryRun());
    assertEquals(parse("egress allow tcp 443 to 0.0.0.0/0 \"HTTPS out\""), c.rules());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--protocol tcp --port 1000-2000 --cidr 10.0.0.0/8 | ingress allow tcp 1000-2000 from 10.0.0.0/8",
      "--protocol tcp --cidr 10.0.0.0/8                  | ingress allow tcp from 10.0.0.0/8",
      "--protocol all --cidr 10.0.0.0/8                  | ingress allow any from 10.0.0.0/8",
      "--protocol 47 --port -1 --cidr 10.0.0.0/8         | ingress allow 47 from 10.0.0.0/8",
      "--protocol icmp --port 3-4 --cidr 10.0.0.0/8      | ingress allow icmp type 3 code 4 from 10.0.0.0/8",
      "--protocol icmp --port -1 --cidr 10.0.0.0/8       | ingress allow icmp from 10.0.0.0/8",
      "--protocol icmp --port 8 --cidr 10.0.0.0/8        | ingress allow icmp type 8 code 8 from 10.0.0.0/8",
      "--protocol tcp --port 5432 --source-group sg-0db --group-owner 123456789012 "
          + "| ingress allow tcp 5432 from sg-0db owner 123456789012",
      "--protocol tcp --port 22 --source-group web      | ingress allow tcp 22 from group-name web",
  })
  void simpleOptionsMeanWhatTheAwsCliSends(String options, String expected) {
    AwsCliCommand c = AwsCliRuleParser.parseCommand("aws ec2 authorize-security-group-ingress --group-id sg-1 " + options);

    assertEquals(parse(expected), c.rules());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}",
      "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]]",
      "IpProtocol",
      "IpProtocol=tcp,IpProtocol=udp",
      "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=\"10.0.0.0/8}]",
      "[{\"IpProtocol\": \"tcp\",}]",
      "",
      "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}] ",
      "[{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{\"CidrIp\": \"10.0.0.0/8\"}]}] []",
  })
  void malformedTextIsASyntaxErrorWithAColumn(String text) {
    RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
        () -> AwsCliRuleParser.parseIpPermissions(Direction.INGRESS, text));

    assertTrue(e.column() >= 1 && e.column() <= text.length() + 1, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "IpProtocol=tcp,IpRanges=[{CidrIp=10.0.0.0/8}]                             | FromPort",
      "IpProtocol=icmp,IpRanges=[{CidrIp=10.0.0.0/8}]                            | FromPort",
      "IpProtocol=-1,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]        | every port",
      "IpProtocol=tcp,FromPort=22,ToPort=22                                      | source",
      "IpProtocol=tcp,FromPort=x,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]        | integer",
      "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{Cidr=10.0.0.0/8}]         | CidrIp",
      "IpProtocol=tcp,FromPort=22,ToPort=22,Foo=1                                | UserIdGroupPairs",
      "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.1/8}]       | 10.0.0.0/8",
      "IpProtocol=tcp,FromPort=80,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]       | FromPort <= ToPort",
      "IpProtocol=gre,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]       | protocol",
      "IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{UserId=1234}]     | GroupId",
      "IpProtocol=tcp,FromPort=22,,ToPort=22                                     | source",
      "[1, 2]                                                                    | IpPermissions",
      "IpProtocol=all,IpRanges=[{CidrIp=10.0.0.0/8}]                             | write -1 for every protocol",
      "IpProtocol=tcp,FromPort=22,ToPort=-1,IpRanges=[{CidrIp=10.0.0.0/8}]       | FromPort <= ToPort",
  })
  void wellFormedButInvalidPermissionsSayWhatIsWrong(String text, String mentioned) {
    InvalidRuleException e = assertThrows(InvalidRuleException.class,
        () -> AwsCliRuleParser.parseIpPermissions(Direction.INGRESS, text));

    assertFalse(e instanceof RuleSyntaxException, e.getMessage());
    assertTrue(e.getMessage().contains(mentioned), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "aws ec2 describe-security-groups --group-id sg-1",
      "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 10.0.0.0/8 --bogus",
      "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr",
      "aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions 'IpProtocol=tcp",
  })
  void badCommandsAreSyntaxErrors(String command) {
    assertThrows(RuleSyntaxException.class, () -> AwsCliRuleParser.parseCommand(command));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "--protocol tcp --port 22",
      "--protocol tcp --port 22 --cidr 10.0.0.0/8 --source-group sg-1",
      "--port 22 --cidr 10.0.0.0/8",
      "--protocol tcp --port 22 --cidr 10.0.0.0/8 --group-owner 123456789012",
      "--protocol tcp --port a-b --cidr 10.0.0.0/8",
      "--protocol tcp --port 22 --cidr 10.0.0.0/8 --group-name ''",
      "--protocol tcp --port 22 --cidr 10.0.0.0/8 --tag-specifications ResourceType=security-group-rule",
      "--protocol tcp --port 22 --cidr 10.0.0.0/8 --ip-permissions IpProtocol=udp,FromPort=1,ToPort=1,IpRanges=[{CidrIp=10.0.0.0/8}]",
      "",
  })
  void incompleteOrConflictingOptionsAreRejected(String options) {
    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> AwsCliRuleParser.parseCommand(
        "aws ec2 authorize-security-group-ingress --group-id sg-1 " + options));

    assertFalse(e instanceof RuleSyntaxException, e.getMessage());
  }

  /** The reported cases of issue 17, each read as the AWS CLI 1.45 reads it (also in the golden recording). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=env=prod}]' | ingress allow tcp 22 from 10.0.0.0/8 "env=prod"
      --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupName=a=b}]'                 | ingress allow tcp 22 from group-name a=b
      --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=a\\,b}]'   | ingress allow tcp 22 from 10.0.0.0/8 "a,b"
      --ip-permissions 'IpProtocol=tcp , FromPort=22 ,ToPort=22, IpRanges=[{CidrIp=10.0.0.0/8}]'                  | ingress allow tcp 22 from 10.0.0.0/8
      --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges={CidrIp=10.0.0.0/8}'                         | ingress allow tcp 22 from 10.0.0.0/8
      --ip-permissions 'IpProtocol=tcp,FromPort=0,ToPort=0,IpRanges=[{CidrIp=10.0.0.0/8}]'                         | ingress allow tcp 0 from 10.0.0.0/8
      --ip-permissions 'IpProtocol=icmpv6,UserIdGroupPairs=[{GroupId=sg-1}]'                                       | ingress allow icmpv6 from sg-1
      --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]' --ip-permissions 'IpProtocol=udp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=10.0.0.0/8}]' | ingress allow udp 53 from 10.0.0.0/8
      --protocol=tcp --port=22 --cidr=10.0.0.0/8 --region=us-east-1                                                | ingress allow tcp 22 from 10.0.0.0/8
      --protocol tcp --protocol udp --port 53 --cidr 10.0.0.0/8                                                    | ingress allow udp 53 from 10.0.0.0/8
      --protocol tcp --port 0 --cidr 10.0.0.0/8                                                                    | ingress allow tcp 0 from 10.0.0.0/8
      --ip-perm 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]'                              | ingress allow tcp 22 from 10.0.0.0/8
      """)
  void readsTheReportedCasesAsTheCliDoes(String options, String expected) {
    AwsCliCommand c = AwsCliRuleParser.parseCommand("aws --region us-east-1 ec2 authorize-security-group-ingress "
        + "--group-id sg-1 " + options);

    assertEquals(parse(expected), c.rules());
  }

  @Test
  void quotedShorthandValuesUnescapeAsTheCliDoes() {
    // In one word the two would not parse: the CLI's quoted-value regex runs from "\\" to the next bare quote.
    AwsCliRuleParser.CliRequest r = AwsCliRuleParser.read("aws ec2 authorize-security-group-ingress --group-id sg-1 "
        + "--ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=\"\\\\\"}]' "
        + "'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/9,Description=\"say \\\"hi\\\"\"}]' "
        + "--dry-run --no-dry-run");

    assertEquals(List.of("\\", "say \"hi\""),
        r.permissions().stream().map(p -> p.ipRanges().get(0).description()).toList());
    assertFalse(r.dryRun(), "the last of --dry-run and --no-dry-run wins");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      '{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]},{"IpProtocol":"udp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}' | JSON
      '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}] []'                                                                              | JSON
      '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]]'                                                                                | JSON
      'IpProtocol=all,IpRanges=[{CidrIp=10.0.0.0/8}]'                                                                                                                          | IpProtocol
      'IpProtocol=any,IpRanges=[{CidrIp=10.0.0.0/8}]'                                                                                                                          | IpProtocol
      'IpProtocol=tcp,FromPort=22,ToPort=-1,IpRanges=[{CidrIp=10.0.0.0/8}]'                                                                                                    | FromPort/ToPort
      """)
  void whatTheCliRefusesOrEc2WouldMisreadIsATypedError(String permissions, String named) {
    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> AwsCliRuleParser.parseCommand(
        "aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions " + permissions));

    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  @Test
  void deepNestingIsATypedErrorNotAStackOverflow() {
    String text = "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=" + "[{CidrIp=".repeat(200_000);

    RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
        () -> AwsCliRuleParser.parseIpPermissions(Direction.INGRESS, text));

    assertTrue(e.getMessage().contains("at most " + CliShorthand.MAX_DEPTH + " levels"), e.getMessage());
    assertThrows(RuleSyntaxException.class,
        () -> AwsCliRuleParser.parseIpPermissions(Direction.INGRESS, "[".repeat(200_000) + "]".repeat(200_000)));
  }

  @Test
  void nullInputIsATypedErrorNotANullPointer() {
    assertThrows(RuleSyntaxException.class, () -> AwsCliRuleParser.parseIpPermissions(Direction.INGRESS, (String) null));
    assertThrows(RuleSyntaxException.class, () -> AwsCliRuleParser.parseCommand(null));
  }
}
