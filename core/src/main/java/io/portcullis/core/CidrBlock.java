package io.portcullis.core;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block, held in canonical form ({@code 10.0.0.0/16}, {@code 2001:db8::/32}). A block
 * with host bits set ({@code 10.0.0.1/16}) is rejected, and the error shows the canonical block; a bare
 * address is the single-address block ({@code /32} or {@code /128}).
 *
 * @param cidr the canonical text of the block
 */
public record CidrBlock(String cidr) implements Remote {
  private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
      .allowEmpty(false)
      .allowAll(false)
      .allowMask(false)
      .allowSingleSegment(false)
      .allowPrefixOnly(false)
      .allowWildcardedSeparator(false)
      .allow_inet_aton(false)
      .setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
      .getIPv4AddressParametersBuilder().allowLeadingZeros(false).getParentBuilder()
      .getIPv6AddressParametersBuilder().allowZone(false).getParentBuilder()
      .toParams();

  // The IP library (5.5.1) can fail with an ArrayIndexOutOfBoundsException on a prefix length of many digits
  // (found by fuzzing); no valid prefix length has more than three.
  private static final Pattern OVERLONG_PREFIX = Pattern.compile("/\\d{4,}");

  static final String ALLOWED = "an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32";

  /** All IPv4 addresses. */
  public static final CidrBlock ANY_IPV4 = new CidrBlock("0.0.0.0/0");
  /** All IPv6 addresses. */
  public static final CidrBlock ANY_IPV6 = new CidrBlock("::/0");

  /**
   * Parses and canonicalises the block.
   *
   * @throws InvalidRuleException if {@code cidr} is not a CIDR block or has host bits set
   */
  public CidrBlock {
    cidr = toAddress(cidr).toCanonicalString();
  }

  /** Parses a CIDR block; the same as the constructor. */
  public static CidrBlock parse(String cidr) {
    return new CidrBlock(cidr);
  }

  /**
   * The block for an address of the IPAddress library, which must be a prefix block (no host bits set). One of
   * the two places where a third-party type is part of the API, on purpose: it is the bridge for code that
   * computes on blocks with that library (compaction, the test kit's fakes); everything else takes a {@code
   * CidrBlock} or its text.
   */
  public static CidrBlock of(IPAddress block) {
    return new CidrBlock(block.toCanonicalString());
  }

  /** Whether {@code text} parses as a CIDR block or an IP address, ignoring host bits. */
  static boolean looksLikeCidr(String text) {
    return !OVERLONG_PREFIX.matcher(text).find() && new IPAddressString(text, STRICT).isValid();
  }

  private static IPAddress toAddress(String text) {
    Objects.requireNonNull(text, "cidr");
    if (OVERLONG_PREFIX.matcher(text).find()) {
      throw new InvalidRuleException(Violation.of("remote", text, ALLOWED));
    }
    IPAddress address;
    try {
      address = new IPAddressString(text, STRICT).toAddress();
    } catch (AddressStringException e) {
      throw new InvalidRuleException(Violation.of("remote", text, ALLOWED));
    }
    if (address.getNetworkPrefixLength() == null) {
      address = address.setPrefixLength(address.getBitCount(), false);
    }
    if (!address.isPrefixBlock()) {
      throw new InvalidRuleException(Violation.of("remote", text,
          "a CIDR block without host bits set: did you mean " + address.toPrefixBlock().toCanonicalString() + "?"));
    }
    return address;
  }

  /**
   * The block as an address of the IPAddress library (a prefix block), for containment and merging; with {@link
   * #of(IPAddress)} the deliberate bridge to that library (see there).
   */
  public IPAddress toIpAddress() {
    return toAddress(cidr);
  }

  /** The prefix length, 0-32 or 0-128. */
  public int prefixLength() {
    return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
  }

  /** Whether this block covers every address of its family ({@code 0.0.0.0/0} or {@code ::/0}). */
  public boolean isAnyAddress() {
    return prefixLength() == 0;
  }

  /** Whether every address of {@code other} lies in this block (false across IP families). */
  public boolean contains(CidrBlock other) {
    return ipVersion() == other.ipVersion() && toIpAddress().contains(other.toIpAddress());
  }

  @Override
  public RemoteKind kind() {
    return RemoteKind.CIDR;
  }

  @Override
  public IpVersion ipVersion() {
    return cidr.indexOf(':') >= 0 ? IpVersion.IPV6 : IpVersion.IPV4;
  }

  @Override
  public String toText() {
    return cidr;
  }

  @Override
  public String toString() {
    return cidr;
  }
}
