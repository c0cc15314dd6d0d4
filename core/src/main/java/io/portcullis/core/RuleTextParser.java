package io.portcullis.core;

import com.google.common.base.Ascii;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the one-line text form. Shape errors stop at once with a {@link RuleSyntaxException} (column and
 * what was expected); bad values of a well-formed rule (a port of 70000, a CIDR with host bits) are collected
 * and reported together with the cross-field problems. Keywords match ignoring ASCII case only: {@code
 * İNGRESS} and {@code ingreſs} are not {@code ingress}, although Java's case-insensitive comparison says so.
 *
 * <p>No lambda, string concatenation or record's generated method on the way to a parsed rule: each bootstraps
 * method handles once, which would be most of a first parse (see {@code FirstParseTest}).
 */
final class RuleTextParser {
  /**
   * A word of the input, compared with keywords in place; its text is cut out only when asked for, since most
   * words are keywords.
   */
  private static final class Token {
    final String input;
    final int start;
    final int end;
    final boolean quoted;
    String text;

    Token(String input, int start, int end, boolean quoted, String text) {
      this.input = input;
      this.start = start;
      this.end = end;
      this.quoted = quoted;
      this.text = text;
    }

    int column() {
      return start + 1;
    }

    String text() {
      String t = text;
      if (t == null) {
        t = input.substring(start, end);
        text = t;
      }
      return t;
    }

    /** Whether this unquoted word is {@code keyword} (lower case) ignoring ASCII case only. */
    boolean is(String keyword) {
      if (quoted || end - start != keyword.length()) {
        return false;
      }
      for (int i = 0; i < keyword.length(); i++) {
        char c = input.charAt(start + i);
        if (c != keyword.charAt(i) && (c < 'A' || c > 'Z' || c + ('a' - 'A') != keyword.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<String> GROUP_PARTS = List.of("name", "owner", "vpc", "peering", "ipv4", "ipv6");
  private static final String PROTOCOL = "a protocol: " + Protocol.ALLOWED;
  private static final String REMOTE =
      "a remote: a CIDR block, sg-ID, group ID, group-name NAME, address-group ID, prefix-list ID or pl-ID";

  private final String input;
  private final List<Token> tokens;
  private final List<Violation> violations = new ArrayList<>();
  private int next;

  RuleTextParser(String input) {
    if (input == null) {
      throw new RuleSyntaxException("", 1, "a rule", "");
    }
    this.input = input;
    this.tokens = tokenize(input);
  }

  SecurityRule parse() {
    Direction direction = parseDirection();
    Action action = Action.ALLOW;
    if (peekIs("allow") || peekIs("deny")) {
      action = tokens.get(next++).is("deny") ? Action.DENY : Action.ALLOW;
    }
    Protocol protocol = parseProtocol();
    PortSet ports = PortSet.all();
    IcmpMatch icmp = IcmpMatch.any();
    Token t = expect(direction == Direction.INGRESS ? "ports (e.g. 22,8000-8080), 'type' or 'from'"
        : "ports (e.g. 22,8000-8080), 'type' or 'to'");
    if (!t.quoted && Character.isDigit(input.charAt(t.start))) {
      try {
        ports = PortSet.parse(t.text());
      } catch (InvalidRuleException e) {
        ports = invalid(e);
      }
    } else if (t.is("type") || t.is("code")) {
      icmp = parseIcmp(t);
    } else {
      next--;
    }
    Token keyword = expect(direction == Direction.INGRESS ? "'from'" : "'to'");
    if (!keyword.is(direction.remoteKeyword())) {
      throw syntax(keyword, (keyword.is("from") || keyword.is("to")
          ? "'" + direction.remoteKeyword() + "' (an " + direction.keyword() + " rule's remote)"
          : "'" + direction.remoteKeyword() + "'"));
    }
    Remote remote = parseRemote();
    Optional<Integer> priority = Optional.empty();
    if (peekIs("priority")) {
      next++;
      Integer p = number(expect("a priority 1-100"), "priority", "a priority 1-100 (1 is the highest)");
      priority = Optional.ofNullable(p);
    }
    Optional<String> description = Optional.empty();
    if (next < tokens.size() && tokens.get(next).quoted) {
      description = Optional.of(tokens.get(next++).text());
    }
    if (next < tokens.size()) {
      throw syntax(tokens.get(next), priority.isEmpty() && description.isEmpty()
          ? "'priority', a quoted description or the end of the rule"
          : description.isEmpty() ? "a quoted description or the end of the rule" : "the end of the rule");
    }
    if (!violations.isEmpty()) {
      RuleValidator.check(violations, protocol, ports, icmp, remote, priority, description);
      throw new InvalidRuleException(violations);
    }
    // Building checks the combination (RuleValidator) and reports it as above: no need to check it twice.
    return SecurityRule.builder().direction(direction).action(action).protocol(protocol).ports(ports)
        .icmp(icmp).remote(remote).priority(priority).description(description).build();
  }

  private Direction parseDirection() {
    Token t = expect("'ingress' or 'egress'");
    if (t.is("ingress")) {
      return Direction.INGRESS;
    }
    if (t.is("egress")) {
      return Direction.EGRESS;
    }
    throw syntax(t, "'ingress' or 'egress'");
  }

  private Protocol parseProtocol() {
    Token t = expect(PROTOCOL);
    try {
      if (!t.quoted) {
        return Protocol.parse(t.text());
      }
    } catch (InvalidRuleException e) {
      // reported below with the column
    }
    throw new RuleSyntaxException(input, t.column(), PROTOCOL, found(t), "protocol");
  }

  /** {@code type T [code C]}; a {@code code} without a type is reported as a violation. */
  private IcmpMatch parseIcmp(Token first) {
    if (first.is("code")) {
      Token code = expect("an ICMP code 0-255");
      number(code, "icmp code", IcmpMatch.ALLOWED);
      violations.add(Violation.of("icmp code", code.text(), "a code only together with a type"));
      return IcmpMatch.any();
    }
    Integer type = number(expect("an ICMP type 0-255"), "icmp type", IcmpMatch.ALLOWED);
    Integer code = null;
    if (peekIs("code")) {
      next++;
      code = number(expect("an ICMP code 0-255"), "icmp code", IcmpMatch.ALLOWED);
    }
    if (type == null) {
      return IcmpMatch.any();
    }
    try {
      return new IcmpMatch(OptionalInt.of(type), code == null ? OptionalInt.empty() : OptionalInt.of(code));
    } catch (InvalidRuleException e) {
      return invalid(e);
    }
  }

  private Remote parseRemote() {
    Token t = expect(REMOTE);
    if (t.is("group")) {
      return parseGroup(SecurityGroupRemote.builder().groupId(expect("a group id").text()), "id");
    }
    if (t.is("group-name")) {
      // 'name' after group-name would silently replace the name just given
      return parseGroup(SecurityGroupRemote.builder().groupName(expect("a group name").text()), "name");
    }
    if (t.is("address-group")) {
      String id = expect("an address group id").text();
      IpVersion v = parseIpVersion();
      try {
        return new AddressGroupRemote(id, v);
      } catch (InvalidRuleException e) {
        return invalid(e);
      }
    }
    if (t.is("prefix-list")) {
      return parsePrefixList(expect("a prefix list id").text());
    }
    if (!t.quoted && t.text().startsWith("sg-")) {
      return parseGroup(SecurityGroupRemote.builder().groupId(t.text()), "id");
    }
    if (!t.quoted && t.text().startsWith("pl-")) {
      return parsePrefixList(t.text());
    }
    if (!t.quoted && isCidrLike(t.text())) {
      try {
        return CidrBlock.parse(t.text());
      } catch (InvalidRuleException e) {
        return invalid(e);
      }
    }
    throw syntax(t, REMOTE);
  }

  /**
   * Whether a remote is meant as a CIDR block, to be parsed once by {@link CidrBlock} (a bad one is a value
   * error): hex digits, dots and colons with a dot or colon among them, or any such start followed by a slash.
   */
  private static boolean isCidrLike(String text) {
    boolean separator = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == ':') {
        separator = true;
      } else if (c == '/') {
        return i > 0;
      } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return separator;
  }

  private Remote parsePrefixList(String id) {
    IpVersion v = parseIpVersion();
    try {
      return new PrefixListRemote(id, v);
    } catch (InvalidRuleException e) {
      return invalid(e);
    }
  }

  private Remote parseGroup(SecurityGroupRemote.Builder group, String given) {
    List<String> seen = new ArrayList<>(List.of(given));
    while (next < tokens.size() && !tokens.get(next).quoted) {
      Token t = tokens.get(next);
      String key = Ascii.toLowerCase(t.text());
      if (!GROUP_PARTS.contains(key)) {
        break;
      }
      if (seen.contains(key) || (key.startsWith("ipv") && (seen.contains("ipv4") || seen.contains("ipv6")))) {
        throw syntax(t, "each of name, owner, vpc, peering and ipv4/ipv6 at most once");
      }
      seen.add(key);
      next++;
      switch (key) {
        case "name" -> group.groupName(expect("a group name").text());
        case "owner" -> group.ownerId(expect("an owner account id").text());
        case "vpc" -> group.vpcId(expect("a VPC id").text());
        case "peering" -> group.vpcPeeringConnectionId(expect("a VPC peering connection id").text());
        default -> group.ipVersion(key.equals("ipv6") ? IpVersion.IPV6 : IpVersion.IPV4);
      }
    }
    try {
      return group.build();
    } catch (InvalidRuleException e) {
      return invalid(e);
    }
  }

  private IpVersion parseIpVersion() {
    if (peekIs("ipv6")) {
      next++;
      return IpVersion.IPV6;
    }
    if (peekIs("ipv4")) {
      next++;
    }
    return IpVersion.IPV4;
  }

  /** A whole number token; a value out of range is a violation (null returned), not a syntax error. */
  private Integer number(Token t, String field, String allowed) {
    if (t.quoted || !isAsciiNumber(t.text())) {
      throw syntax(t, allowed);
    }
    if (t.text().length() > 6) {
      violations.add(Violation.of(field, t.text(), allowed));
      return null;
    }
    return Integer.parseInt(t.text());
  }

  /** Whether {@code s} is one or more ASCII digits: Character.isDigit would let parseInt read other scripts. */
  static boolean isAsciiNumber(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** Null, for a value whose violations are collected. */
  private <T> T invalid(InvalidRuleException e) {
    violations.addAll(e.violations());
    return null;
  }

  private boolean peekIs(String keyword) {
    return next < tokens.size() && tokens.get(next).is(keyword);
  }

  private Token expect(String expected) {
    if (next >= tokens.size()) {
      throw new RuleSyntaxException(input, input.length() + 1, expected, "");
    }
    return tokens.get(next++);
  }

  private RuleSyntaxException syntax(Token t, String expected) {
    return new RuleSyntaxException(input, t.column(), expected, found(t));
  }

  private static String found(Token t) {
    return t.quoted ? RuleTextFormat.quote(t.text()) : t.text();
  }

  private static List<Token> tokenize(String input) {
    List<Token> out = new ArrayList<>(12);
    int i = 0;
    int n = input.length();
    while (i < n) {
      char c = input.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '"') {
        int start = i;
        StringBuilder s = null;
        int from = ++i;
        while (true) {
          if (i >= n) {
            throw new RuleSyntaxException(input, start + 1, "a closing '\"' for the quote opened here", "");
          }
          char d = input.charAt(i);
          if (d == '"') {
            break;
          }
          if (d == '\\') {
            if (i + 1 >= n || (input.charAt(i + 1) != '"' && input.charAt(i + 1) != '\\')) {
              throw new RuleSyntaxException(input, i + 1, "\\\" or \\\\ after a backslash",
                  i + 1 < n ? input.substring(i, i + 2) : "\\");
            }
            s = (s == null ? new StringBuilder() : s).append(input, from, i).append(input.charAt(i + 1));
            i += 2;
            from = i;
          } else {
            i++;
          }
        }
        String text = s == null ? input.substring(from, i) : s.append(input, from, i).toString();
        i++;
        out.add(new Token(input, start, i, true, text));
      } else {
        int start = i;
        while (i < n && input.charAt(i) != ' ' && input.charAt(i) != '\t' && input.charAt(i) != '"') {
          i++;
        }
        out.add(new Token(input, start, i, false, null));
      }
    }
    return out;
  }
}
