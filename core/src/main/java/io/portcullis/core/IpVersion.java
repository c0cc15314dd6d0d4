package io.portcullis.core;

/** The IP family a rule applies to. */
public enum IpVersion {
  /** IPv4. */
  IPV4,
  /** IPv6. */
  IPV6;

  /** The lower-case keyword used in the text form ({@code ipv4}, {@code ipv6}). */
  public String keyword() {
    return this == IPV4 ? "ipv4" : "ipv6";
  }

  /** The width of an address in bits: 32 or 128. */
  public int bits() {
    return this == IPV4 ? 32 : 128;
  }
}
