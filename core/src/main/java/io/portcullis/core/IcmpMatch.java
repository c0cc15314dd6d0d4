package io.portcullis.core;

import java.util.OptionalInt;

/**
 * Which ICMP (or ICMPv6) messages a rule matches: a type 0-255 or any, and a code 0-255 or any. A code
 * needs a type.
 *
 * @param type the ICMP type, or empty for any type
 * @param code the ICMP code, or empty for any code of the type
 */
public record IcmpMatch(OptionalInt type, OptionalInt code) {
  private static final IcmpMatch ANY = new IcmpMatch(OptionalInt.empty(), OptionalInt.empty());
  static final String ALLOWED = "an ICMP type or code 0-255";

  /** Validates the type and code. */
  public IcmpMatch {
    if (type.isPresent() && (type.getAsInt() < 0 || type.getAsInt() > 255)) {
      throw new InvalidRuleException(Violation.of("icmp type", Integer.toString(type.getAsInt()), ALLOWED));
    }
    if (code.isPresent() && (code.getAsInt() < 0 || code.getAsInt() > 255)) {
      throw new InvalidRuleException(Violation.of("icmp code", Integer.toString(code.getAsInt()), ALLOWED));
    }
    if (code.isPresent() && type.isEmpty()) {
      throw new InvalidRuleException(
          Violation.of("icmp code", Integer.toString(code.getAsInt()), "a code only together with a type"));
    }
  }

  /** Every type and code. */
  public static IcmpMatch any() {
    return ANY;
  }

  /** Every code of one type. */
  public static IcmpMatch type(int type) {
    return new IcmpMatch(OptionalInt.of(type), OptionalInt.empty());
  }

  /** One type and code. */
  public static IcmpMatch of(int type, int code) {
    return new IcmpMatch(OptionalInt.of(type), OptionalInt.of(code));
  }

  /** Whether this matches every ICMP message. */
  public boolean isAny() {
    return type.isEmpty();
  }

  /** Whether every message this matches is also matched by {@code this}. */
  public boolean encloses(IcmpMatch other) {
    if (isAny()) {
      return true;
    }
    if (!type.equals(other.type)) {
      return false;
    }
    return code.isEmpty() || code.equals(other.code);
  }

  /** The text form: {@code type 3 code 4}, {@code type 8}, or empty for any. */
  @Override
  public String toString() {
    if (isAny()) {
      return "";
    }
    return "type " + type.getAsInt() + (code.isPresent() ? " code " + code.getAsInt() : "");
  }
}
