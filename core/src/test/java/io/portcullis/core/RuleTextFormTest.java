package io.portcullis.core;

import static io.portcullis.core.Violations.assertViolation;
import static io.portcullis.core.Violations.invalid;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleTextFormTest {
  private static final String UUID = "1c8d2e1a-aaaa-bbbb-cccc-123456789012";

  @ParameterizedTest
  @ValueSource(strings = {
      "ingress allow tcp 22,8000-8080 from 203.0.113.0/24 priority 10 \"admin ssh\"",
      "egress allow any to ::/0",
      "ingress allow icmp type 3 code 4 from 0.0.0.0/0",
      "ingress allow tcp 5432 from sg-0abc123 owner 123456789012",
      "ingress deny tcp 22 from group " + UUID + " ipv6",
      "ingress allow any from group-name default owner 123456789012"})
  void examplesFormatExactlyAsWritten(String text) {
    SecurityRule rule = SecurityRule.parse(text);
    assertEquals(text, rule.toText());
    assertEquals(text, rule.toString());
    assertEquals(rule, SecurityRule.parse(rule.toText()));
  }

  @Test
  void firstExampleParts() {
    SecurityRule r = SecurityRule.parse("ingress allow tcp 22,8000-8080 from 203.0.113.0/24 priority 10 \"admin ssh\"");
    assertAll(
        () -> assertEquals(Direction.INGRESS, r.direction()),
        () -> assertEquals(Action.ALLOW, r.action()),
        () -> assertEquals(Protocol.TCP, r.protocol()),
        () -> assertEquals(PortSet.of(PortRange.of(22), PortRange.of(8000, 8080)), r.ports()),
        () -> assertEquals(new CidrBlock("203.0.113.0/24"), r.remote()),
        () -> assertEquals(Optional.of(10), r.priority()),
        () -> assertEquals(Optional.of("admin ssh"), r.description()));
  }

  @Test
  void otherExamplesParts() {
    SecurityRule egress = SecurityRule.parse("egress allow any to ::/0");
    assertEquals(Direction.EGRESS, egress.direction());
    assertEquals(Protocol.ANY, egress.protocol());
    assertEquals(CidrBlock.ANY_IPV6, egress.remote());
    assertEquals(IcmpMatch.of(3, 4), SecurityRule.parse("ingress allow icmp type 3 code 4 from 0.0.0.0/0").icmp());
    assertEquals(SecurityGroupRemote.builder().groupId("sg-0abc123").ownerId("123456789012").build(),
        SecurityRule.parse("ingress allow tcp 5432 from sg-0abc123 owner 123456789012").remote());
    assertEquals(SecurityGroupRemote.builder().groupId(UUID).ipVersion(IpVersion.IPV6).build(),
        SecurityRule.parse("ingress deny tcp 22 from group " + UUID + " ipv6").remote());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      // default action, case-insensitive keywords, numeric and alias protocols
      "ingress tcp 22 from 10.0.0.0/8; ingress allow tcp 22 from 10.0.0.0/8",
      "INGRESS ALLOW TCP 22 FROM 10.0.0.0/8; ingress allow tcp 22 from 10.0.0.0/8",
      "ingress allow 6 22 from 10.0.0.0/8; ingress allow tcp 22 from 10.0.0.0/8",
      "ingress allow 17 53 from 10.0.0.0/8; ingress allow udp 53 from 10.0.0.0/8",
      "egress allow -1 to 0.0.0.0/0; egress allow any to 0.0.0.0/0",
      "egress allow all to 0.0.0.0/0; egress allow any to 0.0.0.0/0",
      "ingress allow 47 from 10.0.0.0/8; ingress allow 47 from 10.0.0.0/8",
      "ingress allow 58 type 128 from ::/0; ingress allow icmpv6 type 128 from ::/0",
      // port normalisation
      "ingress allow tcp 8080,22,8000-8079 from 10.0.0.0/8; ingress allow tcp 22,8000-8080 from 10.0.0.0/8",
      "ingress allow tcp 0-65535 from 10.0.0.0/8; ingress allow tcp from 10.0.0.0/8",
      "ingress allow udp 1-65535 from 10.0.0.0/8; ingress allow udp from 10.0.0.0/8",
      // CIDR canonicalisation and bare addresses
      "ingress allow tcp from 2001:DB8:0::/32; ingress allow tcp from 2001:db8::/32",
      "ingress allow tcp from 10.1.2.3; ingress allow tcp from 10.1.2.3/32",
      "ingress allow tcp from ::1; ingress allow tcp from ::1/128",
      // ICMP type alone
      "ingress allow icmp type 8 from 0.0.0.0/0; ingress allow icmp type 8 from 0.0.0.0/0",
      // remotes
      "ingress allow tcp from group sg-1; ingress allow tcp from sg-1",
      "ingress allow tcp from sg-1 ipv4; ingress allow tcp from sg-1",
      "ingress allow tcp from sg-1 vpc vpc-9 peering pcx-2 owner 42 name web; "
          + "ingress allow tcp from sg-1 name web owner 42 vpc vpc-9 peering pcx-2",
      "ingress allow tcp from group-name \"web servers\" ipv6; ingress allow tcp from group-name \"web servers\" ipv6",
      "ingress allow tcp from group \"odd id\"; ingress allow tcp from group \"odd id\"",
      "ingress allow tcp from address-group ag-1 ipv6; ingress allow tcp from address-group ag-1 ipv6",
      "ingress allow tcp from prefix-list pl-1; ingress allow tcp from pl-1",
      "ingress allow tcp from prefix-list my-list ipv6; ingress allow tcp from prefix-list my-list ipv6",
      "ingress allow tcp from pl-1 ipv6; ingress allow tcp from pl-1 ipv6",
      // priority and description, tabs and extra spaces between tokens
      "ingress\tallow   tcp 22   from 10.0.0.0/8   \"x\"; ingress allow tcp 22 from 10.0.0.0/8 \"x\"",
      "ingress allow tcp from 10.0.0.0/8 priority 1; ingress allow tcp from 10.0.0.0/8 priority 1",
      "ingress allow tcp from 10.0.0.0/8 \"\"; ingress allow tcp from 10.0.0.0/8 \"\""})
  void grammarElements(String text, String canonical) {
    SecurityRule rule = SecurityRule.parse(text);
    assertEquals(canonical, rule.toText());
    assertEquals(rule, SecurityRule.parse(canonical));
  }

  @Test
  void descriptionQuotingAndEscaping() {
    String d = "say \"hi\" to C:\\temp — ünïcode 日本";
    SecurityRule r = SecurityRule.builder().direction(Direction.INGRESS).protocol(Protocol.TCP)
        .remote(CidrBlock.ANY_IPV4).description(d).build();
    assertEquals("ingress allow tcp from 0.0.0.0/0 \"say \\\"hi\\\" to C:\\\\temp — ünïcode 日本\"", r.toText());
    assertEquals(r, SecurityRule.parse(r.toText()));
    assertEquals(Optional.of("a\\b\"c"),
        SecurityRule.parse("ingress allow tcp from 0.0.0.0/0 \"a\\\\b\\\"c\"").description());
  }

  @Test
  void namesAreQuotedOnlyWhenNeeded() {
    SecurityGroupRemote g = SecurityGroupRemote.builder().groupId("sg with space").groupName("naïve")
        .ownerId("priority").vpcId("a\"b").build();
    SecurityRule r = SecurityRule.builder().direction(Direction.EGRESS).protocol(Protocol.UDP).remote(g).build();
    assertEquals("egress allow udp to group \"sg with space\" name \"naïve\" owner priority vpc \"a\\\"b\"",
        r.toText());
    assertEquals(r, SecurityRule.parse(r.toText()));
  }

  @Test
  void valuesOfAWellFormedRuleAreReportedTogether() {
    InvalidRuleException e = invalid(
        () -> SecurityRule.parse("ingress allow any 70000 from 10.0.0.1/8 priority 0 \"tab\there\""));
    assertEquals(4, e.violations().size(), e.getMessage());
    assertViolation(e, 0, "ports", "70000", "ports 0-65535");
    assertViolation(e, 1, "remote", "10.0.0.1/8", "did you mean 10.0.0.0/8?");
    assertViolation(e, 2, "priority", "0", "a priority 1-100");
    assertViolation(e, 3, "description", "tab\there", "without control characters");
  }

  @Test
  void crossFieldProblemsFromText() {
    InvalidRuleException e = invalid(() -> SecurityRule.parse("egress allow any 22 to ::/0"));
    assertViolation(e, 0, "ports", "22", "not with any");
    e = invalid(() -> SecurityRule.parse("ingress allow icmp type 3 from ::/0"));
    assertViolation(e, 0, "protocol", "icmp", "icmp needs an IPv4 remote; use icmpv6 for the IPv6 remote ::/0");
    e = invalid(() -> SecurityRule.parse("ingress allow tcp type 3 code 4 from 0.0.0.0/0"));
    assertViolation(e, 0, "icmp", "type 3 code 4", "not with tcp");
    e = invalid(() -> SecurityRule.parse("ingress allow icmp type 300 code 256 from 0.0.0.0/0"));
    assertViolation(e, 0, "icmp type", "300", "0-255");
    e = invalid(() -> SecurityRule.parse("ingress allow icmp code 4 from 0.0.0.0/0"));
    assertViolation(e, 0, "icmp code", "4", "a code only together with a type");
    e = invalid(() -> SecurityRule.parse("ingress allow icmp code 1234567 from 0.0.0.0/0"));
    assertEquals(2, e.violations().size(), e.getMessage());
    assertViolation(e, 0, "icmp code", "1234567", "0-255");
    assertViolation(e, 1, "icmp code", "1234567", "a code only together with a type");
    e = invalid(() -> SecurityRule.parse("ingress allow tcp from 10.0.0.0/8 priority 1234567"));
    assertViolation(e, 0, "priority", "1234567", "a priority 1-100");
    e = invalid(() -> SecurityRule.parse("ingress allow tcp from group \" \" owner \"\""));
    assertViolation(e, 0, "group id", " ", "not blank");
    assertViolation(e, 1, "owner", "", "not blank");
    e = invalid(() -> SecurityRule.parse("ingress allow tcp from address-group \"\""));
    assertViolation(e, 0, "address group id", "", "not blank");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``| 1| 'ingress' or 'egress'| the end of the text",
      "inbound allow tcp from 10.0.0.0/8| 1| 'ingress' or 'egress'| 'inbound'",
      "ingress| 8| a protocol: tcp, udp, icmp, icmpv6, any (also all or -1), or a protocol number 0-255| the end",
      "ingress allow tcpx 22 from 10.0.0.0/8| 15| a protocol: tcp, udp| 'tcpx'",
      "ingress allow 256 from 10.0.0.0/8| 15| a protocol number 0-255| '256'",
      "ingress allow \"tcp\" from 10.0.0.0/8| 15| a protocol| '\"tcp\"'",
      "ingress allow tcp| 18| ports (e.g. 22,8000-8080), 'type' or 'from'| the end of the text",
      "ingress allow tcp 22| 21| 'from'| the end of the text",
      "ingress allow tcp 22 10.0.0.0/8| 22| 'from'| '10.0.0.0/8'",
      "ingress allow tcp 22 to 10.0.0.0/8| 22| 'from' (an ingress rule's remote)| 'to'",
      "egress allow tcp 22 from 10.0.0.0/8| 21| 'to' (an egress rule's remote)| 'from'",
      "ingress allow tcp from| 23| a remote: a CIDR block, sg-ID, group ID, group-name NAME| the end of the text",
      "ingress allow tcp from web-servers| 24| a remote: a CIDR block| 'web-servers'",
      "ingress allow tcp from \"10.0.0.0/8\"| 24| a remote| '\"10.0.0.0/8\"'",
      "ingress allow tcp from group| 29| a group id| the end of the text",
      "ingress allow tcp from group-name| 34| a group name| the end of the text",
      "ingress allow tcp from sg-1 owner| 34| an owner account id| the end of the text",
      "ingress allow tcp from sg-1 owner 1 owner 2| 37| each of name, owner, vpc, peering and ipv4/ipv6| 'owner'",
      "ingress allow tcp from sg-1 ipv4 ipv6| 34| at most once| 'ipv6'",
      "ingress allow any from group-name a name b| 37| each of name, owner, vpc, peering| 'name'",
      "ingress allow tcp from 10.0.0.0/8 priority \u0661\u0660| 44| a priority 1-100| '\u0661\u0660'",
      "ingress allow tcp from address-group| 37| an address group id| the end of the text",
      "ingress allow tcp from prefix-list| 35| a prefix list id| the end of the text",
      "ingress allow tcp from 10.0.0.0/8 priority| 43| a priority 1-100| the end of the text",
      "ingress allow tcp from 10.0.0.0/8 priority high| 44| a priority 1-100| 'high'",
      "ingress allow tcp from 10.0.0.0/8 priority -1| 44| a priority 1-100| '-1'",
      "ingress allow tcp from 10.0.0.0/8 ssh| 35| 'priority', a quoted description or the end of the rule| 'ssh'",
      "ingress allow tcp from 10.0.0.0/8 priority 5 ssh| 46| a quoted description or the end of the rule| 'ssh'",
      "ingress allow tcp from 10.0.0.0/8 \"a\" \"b\"| 39| the end of the rule| '\"b\"'",
      "ingress allow tcp from 10.0.0.0/8 \"a\" priority 5| 39| the end of the rule| 'priority'",
      "ingress allow icmp type| 24| an ICMP type 0-255| the end of the text",
      "ingress allow icmp type x from 0.0.0.0/0| 25| an ICMP type or code 0-255| 'x'",
      "ingress allow icmp type 3 code| 31| an ICMP code 0-255| the end of the text",
      "ingress allow icmp type 3 code -4 from 0.0.0.0/0| 32| an ICMP type or code 0-255| '-4'",
      "ingress allow tcp from 10.0.0.0/8 \"open| 35| a closing '\"' for the quote opened here| the end of the text",
      "ingress allow tcp from 10.0.0.0/8 \"a\\nb\"| 37| \\\" or \\\\ after a backslash| '\\n'",
      "ingress allow tcp from 10.0.0.0/8 \"a\\| 37| \\\" or \\\\ after a backslash| '\\'"})
  void syntaxErrorsGiveTheColumnAndWhatWasExpected(String text, int column, String expected, String found) {
    RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> SecurityRule.parse(text));
    assertAll(
        () -> assertEquals(column, e.column(), e::getMessage),
        () -> assertTrue(e.expected().contains(expected), e::getMessage),
        () -> assertEquals(text, e.input()),
        () -> assertTrue(e.getMessage().startsWith("Cannot parse rule at column " + column + ": expected "),
            e::getMessage),
        () -> assertTrue(e.getMessage().contains(" but found " + found), e::getMessage),
        () -> assertTrue(e.getMessage().endsWith(" in: " + text), e::getMessage),
        () -> assertEquals(List.of(e.expected().startsWith("a protocol") && found.startsWith("'")
            ? Violation.of("protocol", found.substring(1, found.length() - 1), "at column " + column + " expected "
                + e.expected())
            : Violation.of("text", text, "at column " + column + " expected " + e.expected())), e.violations()));
  }

  @Test
  void nullTextIsASyntaxErrorAtColumnOne() {
    RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> SecurityRule.parse(null));
    assertEquals(1, e.column());
    assertEquals("a rule", e.expected());
  }
}
