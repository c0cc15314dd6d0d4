package io.portcullis.core;

import com.google.common.base.Ascii;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An IP protocol: {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code any}, or an IP protocol
 * number 0-255. Names and numbers denote the same protocol, so {@code Protocol.parse("6")} equals {@link
 * #TCP} and {@code -1}, {@code all} and {@code any} all give {@link #ANY}.
 */
public final class Protocol implements Comparable<Protocol> {
  /** Every protocol. */
  public static final Protocol ANY = new Protocol(-1);
  /** ICMP for IPv4 (protocol 1). */
  public static final Protocol ICMP = new Protocol(1);
  /** TCP (protocol 6). */
  public static final Protocol TCP = new Protocol(6);
  /** UDP (protocol 17). */
  public static final Protocol UDP = new Protocol(17);
  /** ICMP for IPv6 (protocol 58). */
  public static final Protocol ICMPV6 = new Protocol(58);

  static final String ALLOWED = "tcp, udp, icmp, icmpv6, any (also all or -1), or a protocol number 0-255";

  private final int number;

  private Protocol(int number) {
    this.number = number;
  }

  /**
   * The protocol with this IANA number.
   *
   * @throws InvalidRuleException if {@code number} is outside 0-255
   */
  public static Protocol of(int number) {
    switch (number) {
      case 1:
        return ICMP;
      case 6:
        return TCP;
      case 17:
        return UDP;
      case 58:
        return ICMPV6;
      default:
        if (number < 0 || number > 255) {
          throw new InvalidRuleException(Violation.of("protocol", Integer.toString(number), ALLOWED));
        }
        return new Protocol(number);
    }
  }

  /**
   * Parses a protocol name or number, ignoring ASCII case.
   *
   * @throws InvalidRuleException naming the allowed values if {@code text} is none of them
   */
  public static Protocol parse(String text) {
    Objects.requireNonNull(text, "text");
    switch (Ascii.toLowerCase(text)) {
      case "any":
      case "all":
      case "-1":
        return ANY;
      case "tcp":
        return TCP;
      case "udp":
        return UDP;
      case "icmp":
        return ICMP;
      case "icmpv6":
        return ICMPV6;
      default:
        if (text.length() <= 3 && RuleTextParser.isAsciiNumber(text)) {
          return of(Integer.parseInt(text));
        }
        throw new InvalidRuleException(Violation.of("protocol", text, ALLOWED));
    }
  }

  /** Whether this is {@link #ANY}. */
  public boolean isAny() {
    return number < 0;
  }

  /** The IANA protocol number, or empty for {@link #ANY}. */
  public OptionalInt number() {
    return isAny() ? OptionalInt.empty() : OptionalInt.of(number);
  }

  /** Whether rules of this protocol can select ports (tcp and udp only). */
  public boolean hasPorts() {
    return this == TCP || this == UDP;
  }

  /** Whether this is {@link #ICMP} or {@link #ICMPV6}, whose rules can select a type and code. */
  public boolean isIcmp() {
    return this == ICMP || this == ICMPV6;
  }

  /** Whether this protocol has a name ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code any}). */
  public boolean isNamed() {
    return isAny() || hasPorts() || isIcmp();
  }

  /** The text-form keyword: the name where there is one, otherwise the number. */
  public String keyword() {
    switch (number) {
      case -1:
        return "any";
      case 1:
        return "icmp";
      case 6:
        return "tcp";
      case 17:
        return "udp";
      case 58:
        return "icmpv6";
      default:
        return Integer.toString(number);
    }
  }

  @Override
  public int compareTo(Protocol other) {
    return Integer.compare(number, other.number);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Protocol && ((Protocol) o).number == number;
  }

  @Override
  public int hashCode() {
    return number;
  }

  @Override
  public String toString() {
    return keyword();
  }
}
