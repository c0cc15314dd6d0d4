package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The direct reading of the common CIDR forms ({@link CidrText#parse}) against the IP library, the authority: on
 * every text, valid or near-valid, {@link CidrBlock#parse} accepts the same block or rejects with the same
 * violations as the library alone, and the direct reading takes only texts the library reads as the same block.
 */
class CidrTextParseProperties {
  // Characters that make near-valid texts: separators, hex and non-hex letters, zone and range signs, white space,
  // and digits of other scripts (Arabic-Indic three, fullwidth one, Devanagari zero, fullwidth f).
  private static final String NOISE = "0123456789abcdefABCDEFgxX.:/%-*[] \t\n\u00a0\u0663\uff11\u0966\uff46";

  @Property(tries = 10_000)
  void parsingAgreesWithTheLibraryOnEveryText(@ForAll("texts") String text) {
    assertEquals(outcome(() -> CidrBlock.Library.parse(text)), outcome(() -> CidrBlock.parse(text)), text);
    CidrBlock direct = CidrText.parse(text);
    if (direct != null) {
      assertEquals(describe(CidrBlock.Library.parse(text)), describe(direct), text);
    }
  }

  @Property(tries = 3000)
  void theCommonFormsAreReadDirectly(@ForAll("commonForms") String text) {
    CidrBlock direct = CidrText.parse(text);
    assertNotNull(direct, text);
    assertEquals(describe(CidrBlock.Library.parse(text)), describe(direct), text);
  }

  @Example
  void edgeCasesOfTheDirectReading() {
    String[] direct = {"0.0.0.0/0", "255.255.255.255", "255.255.255.255/32", "10.0.0.0/8", "::", "::/0", "1::",
        "::1", "1::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8/128", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
        "1:2:3::6:7:8", "0001:0DB8:0000::/48", "ABCD:ef01::/32", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
    String[] library = {"", "/", "/24", "10.0.0.0/", "010.0.0.0/8", "0.0.0.00", "10.0.0.0/08", "10.0.0.0/032",
        "256.0.0.0/8", "1.2.3.4/33", "10.0.0.1/8", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", " 1.2.3.4",
        "1.2.3.4/8/8", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "fe80::1%eth0", "fe80::%1/64", "1::2::3", ":::",
        ":1::", "1::2:", "1:", ":", "00001::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "::1:2:3:4:5:6:7:8",
        "1:2:3:4::5:6:7:8", "1::/129", "1::/0128", "2001:db8::1/32", "[::1]", "::/\u0663", "\u0661.2.3.4",
        "1.2.3.\uff14", "g::", "0x1.2.3.4", "1.2.3.4/-1", "1.2.3.4/+8", "10.0.0.0/8\n", "*", "10.0.0.*",
        "10.0.0.1-5", "10.0.0.0/255.0.0.0"};
    for (String text : direct) {
      CidrBlock block = CidrText.parse(text);
      assertNotNull(block, text);
      assertEquals(describe(CidrBlock.Library.parse(text)), describe(block), text);
    }
    for (String text : library) {
      assertNull(CidrText.parse(text), text);
      assertEquals(outcome(() -> CidrBlock.Library.parse(text)), outcome(() -> CidrBlock.parse(text)), text);
    }
  }

  @Provide
  Arbitrary<String> commonForms() {
    return Arbitraries.randoms().map(r -> r.nextBoolean() ? ipv4(r, true) : ipv6(r, true));
  }

  /** Valid blocks in every writing, the same with host bits set, and both with a few random edits. */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.randoms().map(r -> {
      String text = r.nextBoolean() ? ipv4(r, r.nextInt(4) > 0) : ipv6(r, r.nextInt(4) > 0);
      switch (r.nextInt(6)) {
        case 0, 1 -> {
          return text;
        }
        case 2 -> {
          return embedded(r);
        }
        default -> {
          for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
            text = edit(r, text);
          }
          return text;
        }
      }
    });
  }

  private static String ipv4(Random r, boolean canonical) {
    int length = r.nextInt(33);
    long address = r.nextInt() & 0xffffffffL;
    if (canonical) {
      address &= ~CidrBlock.lowMask(32 - length);
    }
    String text = (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "."
        + (address & 0xff);
    return length == 32 && r.nextBoolean() ? text : text + "/" + length;
  }

  /** Groups that are often zero, written in any case, with leading zeros or not, any zero run as {@code ::}. */
  private static String ipv6(Random r, boolean canonical) {
    int length = r.nextInt(129);
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = r.nextInt(3) == 0 ? r.nextInt(0x10000) : r.nextInt(4) == 0 ? r.nextInt(16) : 0;
      int hostBits = Math.min(16, Math.max(0, (i + 1) * 16 - length));
      if (canonical) {
        groups[i] &= ~((1 << hostBits) - 1);
      }
    }
    int zeroStart = -1;
    int zeroEnd = -1;
    int start = r.nextInt(8);
    if (groups[start] == 0 && r.nextInt(4) > 0) {
      zeroStart = start;
      zeroEnd = start + 1;
      while (zeroEnd < 8 && groups[zeroEnd] == 0 && r.nextInt(5) > 0) {
        zeroEnd++;
      }
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == zeroStart) {
        s.append("::");
        i = zeroEnd - 1;
        continue;
      }
      if (i > 0 && i != zeroEnd) {
        s.append(':');
      }
      String hex = Integer.toHexString(groups[i]);
      hex = "000".substring(0, r.nextInt(5 - hex.length())) + hex;
      s.append(r.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
    }
    return length == 128 && r.nextBoolean() ? s.toString() : s + "/" + length;
  }

  /** IPv6 with an embedded IPv4 address, or with a zone: the library's alone. */
  private static String embedded(Random r) {
    String v4 = ipv4(r, true);
    String address = v4.contains("/") ? v4.substring(0, v4.indexOf('/')) : v4;
    String[] heads = {"::ffff:", "::", "1:2:3:4:5:6:", "64:ff9b::", "::ffff:0:"};
    String text = r.nextInt(3) > 0 ? heads[r.nextInt(heads.length)] + address : ipv6(r, true).split("/")[0] + "%eth0";
    return r.nextBoolean() ? text : text + "/" + r.nextInt(130);
  }

  /** One random edit: a character inserted, deleted, replaced, or a piece doubled. */
  private static String edit(Random r, String text) {
    int at = r.nextInt(text.length() + 1);
    char c = NOISE.charAt(r.nextInt(NOISE.length()));
    return switch (r.nextInt(4)) {
      case 0 -> text.substring(0, at) + c + text.substring(at);
      case 1 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
      case 2 -> at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text + c;
      default -> {
        int end = at + r.nextInt(text.length() - at + 1);
        yield text.substring(0, end) + text.substring(at, end) + text.substring(end);
      }
    };
  }

  private static String describe(CidrBlock b) {
    return b.ipVersion() + " " + Long.toHexString(b.high()) + ":" + Long.toHexString(b.low()) + "/"
        + b.prefixLength() + " " + b.cidr();
  }

  /** The block, or the violations, or any other exception: what a caller sees. */
  private static String outcome(Supplier<CidrBlock> parse) {
    try {
      return describe(parse.get());
    } catch (InvalidRuleException e) {
      return "rejected " + e.violations();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
