package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.FuzzInputs;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated AWS CLI input (shorthand, JSON, whole commands) gives rules that survive the text form, or
 * an {@link InvalidRuleException} (a {@link io.portcullis.core.RuleSyntaxException} included) with a message:
 * never another exception.
 */
class AwsCliRuleParserProperties {
  private static final List<String> PERMISSIONS = List.of(
      "IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]",
      "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=\"SSH from office, HQ\"},"
          + "{CidrIp=192.168.0.0/16}],Ipv6Ranges=[{CidrIpv6=2001:db8::/32}] "
          + "IpProtocol=udp,FromPort=1000,ToPort=2000,UserIdGroupPairs=[{GroupId=sg-0a,UserId=123456789012,"
          + "Description=peer group}],PrefixListIds=[{PrefixListId=pl-0123}]",
      "[{\"IpProtocol\": \"icmp\", \"FromPort\": 3, \"ToPort\": 4, \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]},"
          + " {\"IpProtocol\": \"-1\", \"Ipv6Ranges\": [{\"CidrIpv6\": \"::/0\", \"Description\": \"all out\"}]},"
          + " {\"IpProtocol\": \"tcp\", \"FromPort\": 0, \"ToPort\": 65535, \"UserIdGroupPairs\": "
          + "[{\"GroupName\": \"default\", \"PeeringStatus\": \"active\"}]}]",
      "{\"IpProtocol\": \"58\", \"FromPort\": -1, \"ToPort\": -1, \"Ipv6Ranges\": [{\"CidrIpv6\": \"::/0\"}]}");

  private static final List<String> COMMANDS = List.of(
      "aws ec2 revoke-security-group-ingress \\\n    --group-name mySecurityGroup\n    --protocol tcp \\\n"
          + "    --port 22 \\\n    --cidr 203.0.113.0/24",
      "aws ec2 revoke-security-group-ingress --group-id sg-026c12253ce15eff7 "
          + "--ip-permissions IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]",
      "aws ec2 authorize-security-group-egress --group-id sg-1 --region us-east-1 --dry-run --ip-permissions "
          + "'[{\"IpProtocol\":\"tcp\",\"FromPort\":443,\"ToPort\":443,\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\","
          + "\"Description\":\"HTTPS out\"}]}]'",
      "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol udp --port 1000-2000 "
          + "--source-group sg-2 --group-owner 123456789012",
      "ec2 authorize-security-group-ingress --group-name web --protocol all --cidr 10.1.0.0/16");

  @Property(tries = 400)
  void mutatedPermissionsAreRulesOrTypedErrors(@ForAll("mutatedPermissions") String input,
      @ForAll Direction direction) {
    permissionsOrTypedError(direction, input);
  }

  @Property(tries = 400)
  void mutatedCommandsAreRulesOrTypedErrors(@ForAll("mutatedCommands") String input) {
    commandOrTypedError(input);
  }

  @Property(tries = 300)
  void randomTextIsRulesOrTypedErrors(@ForAll("noise") String input) {
    permissionsOrTypedError(Direction.INGRESS, input);
    commandOrTypedError("aws ec2 authorize-security-group-ingress " + input);
  }

  private static void permissionsOrTypedError(Direction direction, String input) {
    FuzzInputs.attempt(input, () -> AwsCliRuleParser.parseIpPermissions(direction, input),
        InvalidRuleException.class).ifPresent(rules -> rules.forEach(r -> assertRoundTrips(input, r)));
  }

  private static void commandOrTypedError(String input) {
    FuzzInputs.attempt(input, () -> AwsCliRuleParser.parseCommand(input), InvalidRuleException.class)
        .ifPresent(command -> command.rules().forEach(r -> assertRoundTrips(input, r)));
  }

  private static void assertRoundTrips(String input, SecurityRule rule) {
    assertEquals(rule, SecurityRule.parse(rule.toText()), input);
  }

  @Provide
  Arbitrary<String> mutatedPermissions() {
    return mutants(PERMISSIONS);
  }

  @Provide
  Arbitrary<String> mutatedCommands() {
    return mutants(COMMANDS);
  }

  /** One to three mutations of a valid input. */
  static Arbitrary<String> mutants(List<String> valid) {
    Arbitrary<String> insertion = Arbitraries.oneOf(Arbitraries.of(FuzzInputs.INSERTIONS),
        Arbitraries.strings().all().ofMaxLength(3));
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
    return Combinators.combine(Arbitraries.of(valid), Arbitraries.integers().between(0, 1000).list().ofMinSize(1)
        .ofMaxSize(3), position, position, insertion).as(FuzzInputs::mutate);
  }

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> shorthandish = Arbitraries.strings()
        .withChars("IpProtocol=FromPortToRangesCidr[]{},\"' -0123456789./:tcpudpicmp\\").ofMaxLength(80);
    Arbitrary<String> jsonish = Arbitraries.strings().withChars("[]{}\":, 0123456789-eE.IpProtocolFromPort")
        .ofMaxLength(60).map(s -> "[" + s);
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60), shorthandish, jsonish);
  }
}
