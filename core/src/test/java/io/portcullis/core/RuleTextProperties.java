package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of the text form: every valid rule survives {@code toText -> parse} unchanged, and no input makes
 * the parser throw anything but an {@link InvalidRuleException}.
 */
class RuleTextProperties {
  /** Words the parser gives meaning to, and values that look like them, so identifiers collide with keywords. */
  private static final List<String> TRICKY_WORDS = List.of("ingress", "egress", "allow", "deny", "from", "to",
      "priority", "name", "owner", "vpc", "peering", "ipv4", "ipv6", "group", "group-name", "address-group",
      "prefix-list", "type", "code", "sg-1", "pl-1", "10.0.0.0/8", "::/0", "22", "any");

  @Property
  void validRulesSurviveTheTextForm(@ForAll("rules") SecurityRule rule) {
    String text = rule.toText();
    SecurityRule parsed = SecurityRule.parse(text);
    assertEquals(rule, parsed, text);
    assertEquals(text, parsed.toText());
  }

  @Property
  void randomTextIsAValidRuleOrAnInvalidRuleException(@ForAll("noise") String text) {
    parseOrReject(text);
  }

  @Property
  void mutatedRulesAreValidRulesOrAnInvalidRuleException(@ForAll("mutants") String text) {
    parseOrReject(text);
  }

  @Property(tries = 300)
  void mutatedLongRulesAreValidRulesOrAnInvalidRuleException(@ForAll("longMutants") String text) {
    parseOrReject(text);
  }

  /** Parses {@code text}; an accepted rule must itself survive the text form, a refusal must say why. */
  static void parseOrReject(String text) {
    SecurityRule rule;
    try {
      rule = SecurityRule.parse(text);
    } catch (InvalidRuleException expected) {
      assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(), text);
      return;
    }
    assertEquals(rule, SecurityRule.parse(rule.toText()), text);
  }

  // ---- valid rules

  @Provide
  Arbitrary<SecurityRule> rules() {
    Arbitrary<Tuple.Tuple3<Protocol, PortSet, IcmpMatch>> matches = Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of(Protocol.TCP, Protocol.UDP), ports()).as((p, s) -> Tuple.of(p, s,
            IcmpMatch.any())),
        Combinators.combine(Arbitraries.of(Protocol.ICMP, Protocol.ICMPV6), icmp()).as((p, i) -> Tuple.of(p,
            PortSet.all(), i)),
        Arbitraries.integers().between(-1, 255).map(n -> Tuple.of(n < 0 ? Protocol.ANY : Protocol.of(n),
            PortSet.all(), IcmpMatch.any())));
    Arbitrary<Optional<Integer>> priority = Arbitraries.integers().between(1, 100).optional(0.5);
    Arbitrary<Optional<String>> description = descriptions().optional(0.6);
    return Combinators.combine(Arbitraries.of(Direction.class), Arbitraries.of(Action.class), matches, remotes(),
        priority, description).as((direction, action, match, remote, prio, desc) -> {
          Protocol protocol = match.get1();
          // icmp and icmpv6 follow the remote's IP family, and ports need tcp or udp (or 6 and 17, the same)
          if (protocol.isIcmp()) {
            protocol = remote.ipVersion() == IpVersion.IPV6 ? Protocol.ICMPV6 : Protocol.ICMP;
          }
          return SecurityRule.builder().direction(direction).action(action).protocol(protocol)
              .ports(protocol.hasPorts() ? match.get2() : PortSet.all()).icmp(match.get3()).remote(remote)
              .priority(prio).description(desc).build();
        });
  }

  private static Arbitrary<PortSet> ports() {
    Arbitrary<PortRange> range = Arbitraries.oneOf(
        Arbitraries.integers().between(1, PortRange.MAX_PORT).map(PortRange::of),
        Combinators.combine(Arbitraries.integers().between(0, PortRange.MAX_PORT),
            Arbitraries.integers().between(0, 2000)).as((from, width) ->
                PortRange.of(from, Math.max(1, Math.min(PortRange.MAX_PORT, from + width)))));
    return Arbitraries.oneOf(Arbitraries.just(PortSet.all()),
        range.list().ofMinSize(1).ofMaxSize(6).map(PortSet::of));
  }

  private static Arbitrary<IcmpMatch> icmp() {
    Arbitrary<Integer> number = Arbitraries.integers().between(0, 255);
    return Arbitraries.oneOf(Arbitraries.just(IcmpMatch.any()), number.map(IcmpMatch::type),
        Combinators.combine(number, number).as(IcmpMatch::of));
  }

  private static Arbitrary<Remote> remotes() {
    Arbitrary<IpVersion> version = Arbitraries.of(IpVersion.class);
    return Arbitraries.oneOf(
        cidr(IpVersion.IPV4), cidr(IpVersion.IPV6),
        groups(),
        Combinators.combine(identifiers(), version).as(AddressGroupRemote::new),
        Combinators.combine(Arbitraries.oneOf(identifiers(), identifiers().map(s -> "pl-" + s)), version)
            .as(PrefixListRemote::new));
  }

  private static Arbitrary<Remote> cidr(IpVersion version) {
    boolean v4 = version == IpVersion.IPV4;
    int segmentBits = v4 ? 8 : 16;
    // small segment values are common, so IPv6 zero compression gets exercised
    Arbitrary<Integer> segment =
        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, v4 ? 255 : 0xffff));
    return Combinators.combine(segment.list().ofSize(v4 ? 4 : 8), Arbitraries.integers().between(0, v4 ? 32 : 128))
        .as((segments, prefix) -> {
          StringBuilder s = new StringBuilder();
          for (int k = 0; k < segments.size(); k++) {
            int networkBits = Math.max(0, Math.min(segmentBits, prefix - k * segmentBits));
            int value = segments.get(k) & ~((1 << (segmentBits - networkBits)) - 1);
            s.append(k == 0 ? "" : v4 ? "." : ":").append(v4 ? Integer.toString(value) : Integer.toHexString(value));
          }
          // a single address is written bare, which the block reads as /32 or /128
          return new CidrBlock(prefix == segments.size() * segmentBits ? s.toString() : s + "/" + prefix);
        });
  }

  private static Arbitrary<Remote> groups() {
    Arbitrary<Optional<String>> optional = identifiers().optional(0.4);
    Arbitrary<Optional<String>> id = Arbitraries.oneOf(optional, identifiers().map(s -> Optional.of("sg-" + s)));
    return Combinators.combine(id, optional, optional, optional, optional, Arbitraries.of(IpVersion.class))
        .filter((groupId, name, owner, vpc, peering, v) -> groupId.isPresent() || name.isPresent())
        .as((groupId, name, owner, vpc, peering, v) -> SecurityGroupRemote.builder().groupId(groupId)
            .groupName(name).ownerId(owner).vpcId(vpc).vpcPeeringConnectionId(peering).ipVersion(v).build());
  }

  /** Valid identifiers: plain ids, keywords, and names with spaces, quotes, backslashes and non-ASCII. */
  private static Arbitrary<String> identifiers() {
    Arbitrary<String> plain = Arbitraries.strings().alpha().numeric().withChars("-_.:/").ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> odd = Arbitraries.strings().alpha().withChars(" \"\\'éß日-").ofMinLength(1).ofMaxLength(20)
        .filter(s -> !s.isBlank());
    return Arbitraries.oneOf(plain, odd, Arbitraries.of(TRICKY_WORDS));
  }

  private static Arbitrary<String> descriptions() {
    Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(RuleValidator.MAX_DESCRIPTION)
        .map(s -> s.codePoints().filter(c -> !Character.isISOControl(c)
            && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    Arbitrary<String> quoting = Arbitraries.strings().alpha().withChars(" \"\\'#=,éñ—日").ofMaxLength(40);
    Arbitrary<String> fixed = Arbitraries.of("", "\\", "\"", "\\\"", "say \"hi\" to C:\\temp", "😀");
    return Arbitraries.oneOf(anyText, quoting, fixed);
  }

  // ---- invalid inputs

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> words = Arbitraries.oneOf(Arbitraries.of(TRICKY_WORDS), Arbitraries.of("tcp", "udp", "icmp",
            "icmpv6", "all", "-1", "300", "0", "0-0", "22,", "1234567", "10.0.0.1/8", "\"", "\"x\"", "\\", "sg-",
            "\t"), Arbitraries.strings().ofMaxLength(6))
        .list().ofMaxSize(12).map(l -> String.join(" ", l));
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withChars("ingresaowtcpfm0123456789./:\" \\-,").ofMaxLength(60), words);
  }

  @Provide
  Arbitrary<String> mutants() {
    return mutants(rules());
  }

  /** Rules of up to 300 port ranges and the longest description, so every mutation lands somewhere different. */
  @Provide
  Arbitrary<String> longMutants() {
    Arbitrary<SecurityRule> longRules = Combinators.combine(rules(),
        Arbitraries.integers().between(1, PortRange.MAX_PORT).list().ofMinSize(20).ofMaxSize(300),
        Arbitraries.strings().alpha().withChars(" \"\\").ofLength(RuleValidator.MAX_DESCRIPTION))
        .as((rule, ports, description) -> rule.toBuilder().protocol(Protocol.TCP).icmp(IcmpMatch.any())
            .ports(PortSet.of(ports.stream().map(PortRange::of).toList())).description(description).build());
    return mutants(longRules).list().ofMinSize(1).ofMaxSize(2).map(l -> String.join(" ", l));
  }

  private static Arbitrary<String> mutants(Arbitrary<SecurityRule> rules) {
    return Combinators.combine(rules, Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 100_000),
        Arbitraries.oneOf(Arbitraries.chars().all().map(String::valueOf), Arbitraries.of(INSERTIONS)))
        .as((rule, kind, a, b, c) -> mutate(rule.toText(), kind, a, b, c));
  }

  /** Control, formatting and non-BMP characters, and numbers too big for an int or a long. */
  private static final List<String> INSERTIONS = List.of("\u0000", "\n", "\u202e", "\ufeff", "\ud800", "😀",
      "2147483648", "99999999999999999999999", "-0", "1e309", "65536");

  /**
   * Deletes, duplicates or swaps space-separated tokens of {@code text}, replaces one character or inserts
   * {@code c}, or truncates it.
   */
  private static String mutate(String text, int kind, int a, int b, String c) {
    int at = a % text.length();
    switch (kind) {
      case 3:
        return text.substring(0, at) + c + text.substring(at + 1);
      case 4:
        return text.substring(0, at) + c + text.substring(at);
      case 5:
        return text.substring(0, at);
      default:
        break;
    }
    List<String> tokens = new ArrayList<>(List.of(text.split(" ")));
    int i = a % tokens.size();
    int j = b % tokens.size();
    switch (kind) {
      case 0 -> tokens.remove(i);
      case 1 -> tokens.add(j, tokens.get(i));
      default -> {
        String t = tokens.get(i);
        tokens.set(i, tokens.get(j));
        tokens.set(j, t);
      }
    }
    return String.join(" ", tokens);
  }
}
