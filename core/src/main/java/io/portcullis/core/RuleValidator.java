package io.portcullis.core;

import java.util.List;
import java.util.Optional;

/** The cross-field checks of a rule, shared by {@link SecurityRule}'s builder and the text parser. */
final class RuleValidator {
  static final int MAX_DESCRIPTION = 255;
  static final int MIN_PRIORITY = 1;
  static final int MAX_PRIORITY = 100;

  private RuleValidator() {}

  /**
   * Adds to {@code out} every problem of these parts; a null part was already reported by the caller and
   * its checks are skipped.
   */
  static void check(List<Violation> out, Protocol protocol, PortSet ports, IcmpMatch icmp, Remote remote,
      Optional<Integer> priority, Optional<String> description) {
    if (protocol != null && ports != null && !ports.isAll() && !protocol.hasPorts()) {
      out.add(Violation.of("ports", ports.toString(),
          "ports only with protocol tcp or udp (6, 17), not with " + protocol.keyword()
              + (protocol.isAny() || !protocol.isNamed() ? " (which always covers every port)" : "")));
    }
    if (protocol != null && icmp != null && !icmp.isAny() && !protocol.isIcmp()) {
      out.add(Violation.of("icmp", icmp.toString(),
          "an ICMP type and code only with protocol icmp or icmpv6, not with " + protocol.keyword()));
    }
    if (protocol != null && remote != null) {
      if (protocol.equals(Protocol.ICMP) && remote.ipVersion() == IpVersion.IPV6) {
        out.add(Violation.of("protocol", "icmp", "icmp needs an IPv4 remote; use icmpv6 for the IPv6 remote "
            + remote.toText()));
      } else if (protocol.equals(Protocol.ICMPV6) && remote.ipVersion() == IpVersion.IPV4 && !isReference(remote)) {
        out.add(Violation.of("protocol", "icmpv6", "icmpv6 needs an IPv6 remote; use icmp for the IPv4 remote "
            + remote.toText()));
      }
    }
    // Plain ifs: a lambda's one-time bootstrap would be a good part of a first parse.
    if (priority.isPresent() && (priority.get() < MIN_PRIORITY || priority.get() > MAX_PRIORITY)) {
      out.add(Violation.of("priority", priority.get().toString(), "a priority 1-100 (1 is the highest)"));
    }
    if (description.isPresent()) {
      checkDescription(out, description.get());
    }
  }

  /**
   * A security group or prefix list not marked IPv6: EC2 references carry no IP family and apply to both, so
   * icmpv6 from one is a rule EC2 accepts (the ICMPv6 traffic of the members' IPv6 addresses).
   */
  private static boolean isReference(Remote remote) {
    return remote instanceof SecurityGroupRemote || remote instanceof PrefixListRemote;
  }

  private static void checkDescription(List<Violation> out, String d) {
    if (d.length() > MAX_DESCRIPTION) {
      out.add(Violation.of("description", abbreviate(d), "at most 255 characters (has " + d.length() + ")"));
    }
    if (hasControlCharacter(d)) {
      out.add(Violation.of("description", abbreviate(d), "text without control characters (tabs, line breaks)"));
    }
    if (!isWellFormed(d)) {
      out.add(Violation.of("description", abbreviate(d), "well-formed Unicode text (a lone surrogate is not)"));
    }
  }

  static String abbreviate(String s) {
    return PortcullisException.excerpt(s, 40);
  }

  /** Whether {@code s} has a control character (a loop: this runs for every id and description parsed). */
  static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every surrogate in {@code s} is half of a pair: text that encodes to UTF-8 and back unchanged. */
  static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
