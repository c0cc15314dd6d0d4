package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text that only looks like a rule: non-ASCII look-alike keywords, empty ids, broken UTF-16, huge inputs. */
class HostileRuleTextTest {
  @ParameterizedTest
  @ValueSource(strings = {"ingre\u017fs allow tcp 22 from 10.0.0.0/8", "\u0130NGRESS allow tcp 22 from 10.0.0.0/8",
      "\u0131ngress allow tcp 22 from 10.0.0.0/8"})
  void keywordsMatchIgnoringAsciiCaseOnly(String text) {
    RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> SecurityRule.parse(text));
    assertEquals(1, e.column());
    assertEquals("'ingress' or 'egress'", e.expected());
  }

  @Test
  void nonAsciiLookAlikesOfOtherKeywordsAreRefusedToo() {
    // U+017F LONG S upper-cases to 'S', U+0130 lower-cases to 'i': equalsIgnoreCase took both for ASCII
    assertThrows(RuleSyntaxException.class,
        () -> SecurityRule.parse("ingress allow tcp 22 from addre\u017fs-group ag-1"));
    assertThrows(RuleSyntaxException.class,
        () -> SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 pr\u0130ority 2"));
    assertThrows(RuleSyntaxException.class, () -> SecurityRule.parse("ingress allow tcp 22 from sg-1 \u0130PV6"));
    assertThrows(InvalidRuleException.class, () -> Protocol.parse("\u0130CMP"));
  }

  @Test
  void asciiCaseIsStillIgnored() {
    assertEquals(SecurityRule.parse("ingress allow tcp 22 from sg-1 ipv6"),
        SecurityRule.parse("INGRESS Allow TCP 22 FROM sg-1 IPV6"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sg-", "pl-"})
  void aPrefixWithoutAnIdIsRefused(String remote) {
    assertSingle(() -> SecurityRule.parse("ingress allow tcp 22 from " + remote), "remote", remote,
        "and the rest of the id");
  }

  @Test
  void aLoneSurrogateInADescriptionIsRefusedByTheParserAndTheBuilder() {
    String lone = "ok \uD83D then";
    assertSingle(() -> SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"" + lone + "\""), "description",
        lone, "well-formed Unicode text");
    assertSingle(() -> SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"\uDE00 first\""), "description",
        "\uDE00 first", "well-formed Unicode text");
    assertSingle(() -> SecurityRule.builder().direction(Direction.INGRESS).protocol(Protocol.TCP)
        .remote(new CidrBlock("10.0.0.0/8")).description(Optional.of("end \uD83D")).build(), "description",
        "end \uD83D", "well-formed Unicode text");
    assertSingle(() -> SecurityGroupRef.ofName("web\uDC00"), "group name", "web\uDC00", "lone surrogates");

    String emoji = "door \uD83D\uDEAA open";
    assertEquals(Optional.of(emoji),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"" + emoji + "\"").description());
  }

  @Test
  void aProtocolErrorNamesTheFieldProtocol() {
    RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
        () -> SecurityRule.parse("ingress allow tcpp 22 from 10.0.0.0/8"));
    assertEquals(1, e.violations().size());
    assertEquals("protocol", e.violations().get(0).field());
    assertEquals("tcpp", e.violations().get(0).value());
  }

  @Test
  void aMegabyteOfInputIsEchoedAsAtMost200Characters() {
    String huge = "ingress allow tcp 22 from 10.0.0.0/8 " + "x".repeat(1 << 20);
    RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> SecurityRule.parse(huge));
    assertTrue(e.getMessage().length() < 600, () -> e.getMessage().length() + " characters");
    assertTrue(e.violations().get(0).value().length() <= 200);
    assertEquals(huge, e.input());

    String longWord = "ingress allow tcp 22 from sg-" + "1".repeat(1 << 20);
    InvalidRuleException tooLong = assertThrows(InvalidRuleException.class, () -> SecurityRule.parse(longWord));
    assertTrue(tooLong.getMessage().length() < 600, () -> tooLong.getMessage().length() + " characters");
  }

  @Test
  void anEchoIsNeverCutInsideASurrogatePair() {
    String emojis = "\uD83D\uDEAA".repeat(150);
    for (int shift = 0; shift < 2; shift++) {
      String text = "x".repeat(shift) + emojis + " allow tcp 22 from 10.0.0.0/8";
      RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> SecurityRule.parse(text));
      String echoed = e.violations().get(0).value();
      assertTrue(echoed.endsWith("..."), echoed);
      assertFalse(Character.isHighSurrogate(echoed.charAt(echoed.length() - 4)), echoed);
      assertTrue(RuleValidator.isWellFormed(e.getMessage()));
    }

    String description = "\uD83D\uDEAA".repeat(200);
    InvalidRuleException e = assertThrows(InvalidRuleException.class,
        () -> SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"" + description + "\""));
    assertTrue(RuleValidator.isWellFormed(e.violations().get(0).value()), e.getMessage());
  }
}
