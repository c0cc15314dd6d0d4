package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static io.portcullis.core.Violations.assertViolation;
import static io.portcullis.core.Violations.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteTest {
  private static final String TOO_LONG = "x".repeat(256);

  @Test
  void securityGroupByIdOrName() {
    SecurityGroupRemote byId = SecurityGroupRemote.ofId("sg-0abc123");
    assertEquals(Optional.of("sg-0abc123"), byId.groupId());
    assertEquals(IpVersion.IPV4, byId.ipVersion());
    assertEquals(RemoteKind.SECURITY_GROUP, byId.kind());
    assertEquals("sg-0abc123", byId.toText());
    assertEquals("group-name default", SecurityGroupRemote.ofName("default").toText());
  }

  @Test
  void securityGroupWithEveryPart() {
    SecurityGroupRemote g = SecurityGroupRemote.builder().groupId("1c8d-uuid").groupName("web servers")
        .ownerId("123456789012").vpcId("vpc-1").vpcPeeringConnectionId("pcx-1").ipVersion(IpVersion.IPV6).build();
    assertEquals("group 1c8d-uuid name \"web servers\" owner 123456789012 vpc vpc-1 peering pcx-1 ipv6", g.toText());
    assertEquals(g.toText(), g.toString());
  }

  @Test
  void securityGroupNeedsIdOrName() {
    assertSingle(() -> SecurityGroupRemote.builder().ownerId("1").build(), "remote", "group",
        "a security group needs an id, a name, or both");
  }

  @Test
  void everyBadGroupPartIsReportedTogether() {
    InvalidRuleException e = invalid(() -> SecurityGroupRemote.builder().groupId(" ").groupName("a\nb")
        .ownerId("").vpcId(TOO_LONG).vpcPeeringConnectionId("\t").build());
    assertEquals(5, e.violations().size(), e.getMessage());
    String allowed = "1-255 characters, no control characters or lone surrogates, not blank";
    assertViolation(e, 0, "group id", " ", allowed);
    assertViolation(e, 1, "group name", "a\nb", allowed);
    assertViolation(e, 2, "owner", "", allowed);
    assertViolation(e, 3, "vpc", TOO_LONG.substring(0, 197) + "...", allowed);
    assertViolation(e, 4, "peering", "\t", allowed);
  }

  @Test
  void addressGroupAndPrefixList() {
    assertEquals("address-group ag-1", AddressGroupRemote.of("ag-1").toText());
    assertEquals("address-group \"my group\" ipv6", new AddressGroupRemote("my group", IpVersion.IPV6).toText());
    assertEquals(RemoteKind.ADDRESS_GROUP, AddressGroupRemote.of("ag-1").kind());
    assertEquals("pl-12345", PrefixListRemote.of("pl-12345").toText());
    assertEquals("pl-12345 ipv6", new PrefixListRemote("pl-12345", IpVersion.IPV6).toText());
    assertEquals("prefix-list my-list", PrefixListRemote.of("my-list").toText());
    assertEquals(RemoteKind.PREFIX_LIST, PrefixListRemote.of("pl-1").kind());
    assertEquals(IpVersion.IPV6, new PrefixListRemote("pl-1", IpVersion.IPV6).ipVersion());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "a\u0000b", "line\nbreak"})
  void badAddressGroupAndPrefixListIds(String id) {
    String allowed = "1-255 characters, no control characters or lone surrogates, not blank";
    assertSingle(() -> AddressGroupRemote.of(id), "address group id", id, allowed);
    assertSingle(() -> PrefixListRemote.of(id), "prefix list id", id, allowed);
  }

  @Test
  void idLengthLimit() {
    assertEquals(255, AddressGroupRemote.of("x".repeat(255)).id().length());
    assertSingle(() -> PrefixListRemote.of(TOO_LONG), "prefix list id", TOO_LONG.substring(0, 197) + "...",
        "1-255 characters");
    assertSingle(() -> AddressGroupRemote.of(null), "address group id", "null", "1-255 characters");
  }

  @Test
  void aPrefixAloneIsNoId() {
    assertThrows(InvalidRuleException.class, () -> SecurityGroupRemote.ofId("sg-"));
    assertThrows(InvalidRuleException.class, () -> PrefixListRemote.of("pl-"));
    assertEquals("sg-0", SecurityGroupRemote.ofId("sg-0").groupId().orElseThrow());
  }
}
