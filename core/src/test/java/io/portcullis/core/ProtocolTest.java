package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolTest {
  @ParameterizedTest
  @CsvSource({"tcp,6", "TCP,6", "6,6", "udp,17", "17,17", "icmp,1", "1,1", "icmpv6,58", "ICMPv6,58", "58,58",
      "0,0", "47,47", "255,255"})
  void namesAndNumbersAreTheSameProtocol(String text, int number) {
    Protocol p = Protocol.parse(text);
    assertEquals(Protocol.of(number), p);
    assertEquals(OptionalInt.of(number), p.number());
    assertEquals(Protocol.of(number).hashCode(), p.hashCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"any", "ANY", "all", "All", "-1"})
  void anySpellings(String text) {
    Protocol p = Protocol.parse(text);
    assertEquals(Protocol.ANY, p);
    assertTrue(p.isAny());
    assertEquals(OptionalInt.empty(), p.number());
    assertEquals("any", p.keyword());
  }

  @Test
  void wellKnownNumbersGiveTheNamedConstants() {
    assertEquals(Protocol.TCP, Protocol.of(6));
    assertEquals(Protocol.UDP, Protocol.of(17));
    assertEquals(Protocol.ICMP, Protocol.of(1));
    assertEquals(Protocol.ICMPV6, Protocol.of(58));
    assertNotEquals(Protocol.TCP, Protocol.UDP);
  }

  @Test
  void keywordIsTheNameOrTheNumber() {
    assertEquals("tcp", Protocol.of(6).keyword());
    assertEquals("icmpv6", Protocol.of(58).keyword());
    assertEquals("47", Protocol.of(47).keyword());
    assertEquals("47", Protocol.of(47).toString());
  }

  @Test
  void classification() {
    assertTrue(Protocol.TCP.hasPorts());
    assertTrue(Protocol.of(17).hasPorts());
    assertFalse(Protocol.ICMP.hasPorts());
    assertFalse(Protocol.ANY.hasPorts());
    assertFalse(Protocol.of(47).hasPorts());
    assertTrue(Protocol.ICMP.isIcmp());
    assertTrue(Protocol.of(58).isIcmp());
    assertFalse(Protocol.TCP.isIcmp());
    assertTrue(Protocol.ANY.isNamed());
    assertTrue(Protocol.ICMPV6.isNamed());
    assertFalse(Protocol.of(47).isNamed());
    assertTrue(Protocol.of(0).compareTo(Protocol.TCP) < 0);
    assertTrue(Protocol.ANY.compareTo(Protocol.of(0)) < 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {-2, 256, 1000, Integer.MIN_VALUE})
  void numbersOutOfRangeAreRejected(int number) {
    assertSingle(() -> Protocol.of(number), "protocol", Integer.toString(number), Protocol.ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"256", "999", "1000", "-2", "tcpp", "", "gre", "6.0", " tcp", "+6", "0x6"})
  void unknownTextIsRejectedWithTheAllowedValues(String text) {
    InvalidRuleException e = assertSingle(() -> Protocol.parse(text), "protocol", text, "tcp, udp, icmp, icmpv6, any");
    assertTrue(e.getMessage().contains("a protocol number 0-255"), e.getMessage());
  }
}
