package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IcmpMatchTest {
  @Test
  void typeAndCodeBounds() {
    assertEquals(OptionalInt.of(0), IcmpMatch.of(0, 0).type());
    assertEquals(OptionalInt.of(255), IcmpMatch.of(255, 255).code());
    assertEquals(OptionalInt.empty(), IcmpMatch.type(8).code());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 256, 1000})
  void typeOutOfRange(int type) {
    assertSingle(() -> IcmpMatch.type(type), "icmp type", Integer.toString(type), "an ICMP type or code 0-255");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 256})
  void codeOutOfRange(int code) {
    assertSingle(() -> IcmpMatch.of(3, code), "icmp code", Integer.toString(code), "an ICMP type or code 0-255");
  }

  @Test
  void codeWithoutTypeIsRejected() {
    assertSingle(() -> new IcmpMatch(OptionalInt.empty(), OptionalInt.of(4)), "icmp code", "4",
        "a code only together with a type");
  }

  @Test
  void textAndMatching() {
    assertEquals("type 3 code 4", IcmpMatch.of(3, 4).toString());
    assertEquals("type 8", IcmpMatch.type(8).toString());
    assertEquals("", IcmpMatch.any().toString());
    assertTrue(IcmpMatch.any().isAny());
    assertFalse(IcmpMatch.type(0).isAny());
    assertTrue(IcmpMatch.any().encloses(IcmpMatch.of(3, 4)));
    assertTrue(IcmpMatch.type(3).encloses(IcmpMatch.of(3, 4)));
    assertFalse(IcmpMatch.of(3, 4).encloses(IcmpMatch.type(3)));
    assertFalse(IcmpMatch.type(3).encloses(IcmpMatch.type(4)));
    assertFalse(IcmpMatch.type(3).encloses(IcmpMatch.any()));
  }
}
