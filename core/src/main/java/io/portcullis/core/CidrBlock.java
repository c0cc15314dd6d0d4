package io.portcullis.core;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block, held in canonical form ({@code 10.0.0.0/16}, {@code 2001:db8::/32}). A block
 * with host bits set ({@code 10.0.0.1/16}) is rejected, and the error shows the canonical block; a bare
 * address is the single-address block ({@code /32} or {@code /128}).
 *
 * <p>The block is held as numbers (the first address as a 128-bit value in two longs, and the prefix length),
 * so comparing, hashing and containment need no text; the text is made once, when first asked for.
 */
public final class CidrBlock implements Remote {
  static final String ALLOWED = "an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32";

  /** All IPv4 addresses. */
  public static final CidrBlock ANY_IPV4 = new CidrBlock("0.0.0.0/0");
  /** All IPv6 addresses. */
  public static final CidrBlock ANY_IPV6 = new CidrBlock("::/0");

  private final IpVersion version;
  private final long high;
  private final long low;
  private final int prefixLength;
  // Made on first use; a race makes the same string twice, which is harmless.
  private String cidr;

  /**
   * Parses and canonicalises the block.
   *
   * @throws InvalidRuleException if {@code cidr} is not a CIDR block or has host bits set
   */
  public CidrBlock(String cidr) {
    this(parseText(cidr));
  }

  private CidrBlock(CidrBlock parsed) {
    this(parsed.version, parsed.high, parsed.low, parsed.prefixLength);
  }

  private CidrBlock(IPAddress block) {
    this.version = block.isIPv4() ? IpVersion.IPV4 : IpVersion.IPV6;
    this.prefixLength = block.getNetworkPrefixLength();
    if (block.isIPv4()) {
      this.high = 0;
      this.low = block.toIPv4().longValue();
    } else {
      BigInteger value = block.getValue();
      this.high = value.shiftRight(64).longValue();
      this.low = value.longValue();
    }
  }

  private CidrBlock(IpVersion version, long high, long low, int prefixLength) {
    this.version = version;
    this.high = high;
    this.low = low;
    this.prefixLength = prefixLength;
  }

  /** Parses a CIDR block; the same as the constructor. */
  public static CidrBlock parse(String cidr) {
    return parseText(cidr);
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

  /**
   * The block with this first address and prefix length. An IPv4 address is the low 32 bits of {@code low}
   * ({@code high} 0); an IPv6 address is {@code high} (its first 64 bits) and {@code low}.
   *
   * @throws IllegalArgumentException if the prefix length is out of range, or an address bit is set beyond the
   *     family's width or in the host part
   */
  public static CidrBlock of(IpVersion version, long high, long low, int prefixLength) {
    int bits = version.bits();
    if (prefixLength < 0 || prefixLength > bits || version == IpVersion.IPV4 && (high != 0 || low >>> 32 != 0)
        || (high & highMask(bits - prefixLength)) != 0 || (low & lowMask(bits - prefixLength)) != 0) {
      throw new IllegalArgumentException("not a " + version + " prefix block: " + Long.toHexString(high) + ":"
          + Long.toHexString(low) + "/" + prefixLength);
    }
    return new CidrBlock(version, high, low, prefixLength);
  }

  /**
   * The common forms straight into numbers ({@link CidrText#parse}); every other text, valid or not, through the
   * IP library, which decides what else is a block and words the errors, so both ways accept, reject and report
   * exactly the same texts. The library is loaded on first need only: it is most of a first parse's cost.
   */
  private static CidrBlock parseText(String text) {
    Objects.requireNonNull(text, "cidr");
    CidrBlock block = CidrText.parse(text);
    return block != null ? block : Library.parse(text);
  }

  /**
   * The uses of the IP library, apart so that it is loaded on first need only: reading its classes is most of a
   * first parse's cost, and the verifier would read some of them with {@code CidrBlock} if these were there.
   */
  static final class Library {
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

    private Library() {}

    /** The IP library's reading of a CIDR text: the authority on every form. */
    static CidrBlock parse(String text) {
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
      return new CidrBlock(address);
    }

    static IPAddress toIpAddress(IpVersion version, long high, long low, int prefixLength) {
      if (version == IpVersion.IPV4) {
        return new IPv4Address((int) low, prefixLength).toPrefixBlock();
      }
      byte[] bytes = new byte[16];
      for (int i = 0; i < 8; i++) {
        bytes[i] = (byte) (high >>> (56 - 8 * i));
        bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
      }
      return new IPv6Address(bytes, prefixLength).toPrefixBlock();
    }
  }

  /** The canonical text of the block, e.g. {@code 10.0.0.0/16} or {@code 2001:db8::/32}. */
  public String cidr() {
    String text = cidr;
    if (text == null) {
      text = CidrText.format(version, high, low, prefixLength);
      cidr = text;
    }
    return text;
  }

  /**
   * The block as an address of the IPAddress library (a prefix block), for containment and merging; with {@link
   * #of(IPAddress)} the deliberate bridge to that library (see there).
   */
  public IPAddress toIpAddress() {
    return Library.toIpAddress(version, high, low, prefixLength);
  }

  /** The first 64 bits of an IPv6 block's first address; 0 for IPv4. */
  public long high() {
    return high;
  }

  /** The last 64 bits of an IPv6 block's first address, or an IPv4 block's first address (unsigned). */
  public long low() {
    return low;
  }

  /** The prefix length, 0-32 or 0-128. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Whether this block covers every address of its family ({@code 0.0.0.0/0} or {@code ::/0}). */
  public boolean isAnyAddress() {
    return prefixLength == 0;
  }

  /** Whether every address of {@code other} lies in this block (false across IP families). */
  public boolean contains(CidrBlock other) {
    int host = version.bits() - prefixLength;
    return version == other.version && prefixLength <= other.prefixLength
        && (other.high & ~highMask(host)) == high && (other.low & ~lowMask(host)) == low;
  }

  /** The mask of the low 64 host bits of a block with {@code hostBits} host bits. */
  static long lowMask(int hostBits) {
    return hostBits >= 64 ? -1 : (1L << hostBits) - 1;
  }

  /** The mask of the high 64 host bits of a block with {@code hostBits} host bits. */
  static long highMask(int hostBits) {
    return hostBits <= 64 ? 0 : hostBits >= 128 ? -1 : (1L << (hostBits - 64)) - 1;
  }

  @Override
  public RemoteKind kind() {
    return RemoteKind.CIDR;
  }

  @Override
  public IpVersion ipVersion() {
    return version;
  }

  @Override
  public String toText() {
    return cidr();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CidrBlock b && b.low == low && b.high == high && b.prefixLength == prefixLength
        && b.version == version;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high * 31 + low) * 131 + prefixLength * 2 + version.ordinal();
  }

  @Override
  public String toString() {
    return cidr();
  }
}
