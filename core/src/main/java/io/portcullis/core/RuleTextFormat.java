package io.portcullis.core;

import java.util.regex.Pattern;

/** Writes the one-line text form; {@link RuleTextParser} reads it. */
final class RuleTextFormat {
  private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z0-9._:/@+=-]+");

  private RuleTextFormat() {}

  static String format(SecurityRule rule) {
    StringBuilder s = new StringBuilder()
        .append(rule.direction().keyword()).append(' ')
        .append(rule.action().keyword()).append(' ')
        .append(rule.protocol().keyword());
    if (!rule.ports().isAll()) {
      s.append(' ').append(rule.ports());
    }
    if (!rule.icmp().isAny()) {
      s.append(' ').append(rule.icmp());
    }
    s.append(' ').append(rule.direction().remoteKeyword()).append(' ').append(rule.remote().toText());
    rule.priority().ifPresent(p -> s.append(" priority ").append(p));
    rule.description().ifPresent(d -> s.append(' ').append(quote(d)));
    return s.toString();
  }

  /** Whether {@code s} can be written without quotes. */
  static boolean isBareWord(String s) {
    return BARE_WORD.matcher(s).matches();
  }

  /** {@code s} bare where it can be, quoted otherwise. */
  static String word(String s) {
    return isBareWord(s) ? s : quote(s);
  }

  /** {@code s} in double quotes, with {@code \} and {@code "} escaped by a backslash. */
  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static String ipVersionSuffix(IpVersion version) {
    return version == IpVersion.IPV6 ? " ipv6" : "";
  }
}
