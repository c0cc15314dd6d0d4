package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrBlockTest {
  @ParameterizedTest
  @CsvSource({
      "203.0.113.0/24, 203.0.113.0/24, IPV4",
      "0.0.0.0/0, 0.0.0.0/0, IPV4",
      "10.1.2.3, 10.1.2.3/32, IPV4",
      "10.1.2.3/32, 10.1.2.3/32, IPV4",
      "2001:DB8::/32, 2001:db8::/32, IPV6",
      "2001:0db8:0000::/48, 2001:db8::/48, IPV6",
      "::/0, ::/0, IPV6",
      "::1, ::1/128, IPV6",
      "2001:db8:0:0:0:0:0:1, 2001:db8::1/128, IPV6",
      "fe80::/10, fe80::/10, IPV6"})
  void canonicalForm(String text, String canonical, IpVersion version) {
    CidrBlock b = new CidrBlock(text);
    assertEquals(canonical, b.cidr());
    assertEquals(canonical, b.toText());
    assertEquals(version, b.ipVersion());
    assertEquals(RemoteKind.CIDR, b.kind());
    assertEquals(new CidrBlock(canonical), b);
    assertEquals(b, CidrBlock.parse(text));
    assertEquals(b, CidrBlock.of(b.toIpAddress()));
  }

  @ParameterizedTest
  @CsvSource({
      "10.0.0.1/16, 10.0.0.0/16",
      "203.0.113.7/24, 203.0.113.0/24",
      "1.2.3.4/0, 0.0.0.0/0",
      "2001:db8::1/32, 2001:db8::/32",
      "1:2:3:4:5:6:7:8/64, 1:2:3:4::/64"})
  void hostBitsAreRejectedShowingTheCanonicalBlock(String text, String canonical) {
    assertSingle(() -> new CidrBlock(text), "remote", text,
        "a CIDR block without host bits set: did you mean " + canonical + "?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "junk", "10.0.0.0/33", "::/129", "256.0.0.0/8", "10.0.0/8", "10", "*", "/24",
      "10.0.0.0/255.0.0.0", "10.0.0.*", "10.0.0.1-5", "010.0.0.0/8", "fe80::1%eth0", "10.0.0.0/8/8", "sg-1"})
  void junkIsRejected(String text) {
    assertSingle(() -> new CidrBlock(text), "remote", text, "an IPv4 or IPv6 CIDR block such as 203.0.113.0/24");
  }

  @Test
  void aPrefixLengthOfManyDigitsIsRefusedNotACrashOfTheIpLibrary() {
    // Found by RuleTextFuzzTest: the IP library threw ArrayIndexOutOfBoundsException for these.
    String huge = "10.0.0.0/66666666666666666666666666666666666666666666668";
    assertThrows(InvalidRuleException.class, () -> CidrBlock.parse(huge));
    assertThrows(InvalidRuleException.class, () -> CidrBlock.parse("::/1431655764"));
    assertThrows(InvalidRuleException.class, () -> SecurityRule.parse("ingress allow tcp 22 from " + huge));
    assertEquals(32, CidrBlock.parse("10.0.0.1/032").prefixLength());
  }

  @Test
  void blockQueries() {
    CidrBlock b = new CidrBlock("10.0.0.0/8");
    assertEquals(8, b.prefixLength());
    assertTrue(CidrBlock.ANY_IPV4.isAnyAddress());
    assertTrue(CidrBlock.ANY_IPV6.isAnyAddress());
    assertFalse(b.isAnyAddress());
    assertTrue(b.contains(new CidrBlock("10.1.0.0/16")));
    assertFalse(b.contains(new CidrBlock("11.0.0.0/16")));
    assertFalse(CidrBlock.ANY_IPV4.contains(CidrBlock.ANY_IPV6));
    assertTrue(CidrBlock.ANY_IPV6.contains(new CidrBlock("2001:db8::/32")));
  }
}
