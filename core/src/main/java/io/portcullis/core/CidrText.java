package io.portcullis.core;

/**
 * The text of a numeric CIDR block. Writing gives the canonical text, the same as the IP library's canonical
 * string: dotted decimal for IPv4; for IPv6 lower-case hex without leading zeros, the longest run of two or more
 * zero groups (the first of equal runs) written {@code ::} (RFC 5952, without the mixed IPv4 notation). Reading
 * takes only the common forms, straight into numbers; {@link CidrBlock} leaves every other text to the IP library.
 */
final class CidrText {
  private CidrText() {}

  static String format(IpVersion version, long high, long low, int prefixLength) {
    StringBuilder s = new StringBuilder(version == IpVersion.IPV4 ? 18 : 43);
    if (version == IpVersion.IPV4) {
      s.append(low >>> 24 & 0xff).append('.').append(low >>> 16 & 0xff).append('.').append(low >>> 8 & 0xff)
          .append('.').append(low & 0xff);
    } else {
      appendIpv6(s, high, low);
    }
    return s.append('/').append(prefixLength).toString();
  }

  private static void appendIpv6(StringBuilder s, long high, long low) {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      groups[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
  }

  /**
   * The block of {@code text} if it is in a common form with no host bits set, else null: dotted-quad IPv4 without
   * leading zeros, or IPv6 of eight groups (fewer with one {@code ::}) of one to four hex digits, either with an
   * optional {@code /length} of one to three digits without a leading zero. Every text read here is one the IP
   * library accepts as the same block (a differential property test holds it to that); a null leaves the text,
   * valid or not, to the library, which alone decides the rest and words the errors.
   */
  static CidrBlock parse(String text) {
    int end = text.indexOf('/');
    int length = -1;
    if (end >= 0) {
      length = prefixLength(text, end + 1);
      if (length < 0) {
        return null;
      }
    } else {
      end = text.length();
    }
    return text.lastIndexOf(':', end - 1) >= 0 ? ipv6(text, end, length < 0 ? 128 : length)
        : ipv4(text, end, length < 0 ? 32 : length);
  }

  /** One to three ASCII digits from {@code from} to the end, without a leading zero; -1 if not. */
  private static int prefixLength(String text, int from) {
    int digits = text.length() - from;
    if (digits < 1 || digits > 3 || digits > 1 && text.charAt(from) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + c - '0';
    }
    return value;
  }

  private static CidrBlock ipv4(String text, int end, int length) {
    long address = 0;
    int i = 0;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (i >= end || text.charAt(i) != '.') {
          return null;
        }
        i++;
      }
      int start = i;
      int value = 0;
      while (i < end && i - start < 4 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        value = value * 10 + text.charAt(i++) - '0';
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || digits > 1 && text.charAt(start) == '0' || value > 255) {
        return null;
      }
      address = address << 8 | value;
    }
    if (i != end || length > 32 || (address & CidrBlock.lowMask(32 - length)) != 0) {
      return null;
    }
    return CidrBlock.of(IpVersion.IPV4, 0, address, length);
  }

  private static CidrBlock ipv6(String text, int end, int length) {
    // Groups before a '::' go to their places from the left; groups after it are shifted in from the right,
    // which is where they belong whatever their number.
    long high = 0;
    long low = 0;
    long tailHigh = 0;
    long tailLow = 0;
    int groups = 0;
    boolean compressed = end >= 2 && text.charAt(0) == ':' && text.charAt(1) == ':';
    int i = compressed ? 2 : 0;
    while (i < end) {
      int start = i;
      int value = 0;
      int digit;
      while (i < end && i - start < 5 && (digit = hexDigit(text.charAt(i))) >= 0) {
        value = value << 4 | digit;
        i++;
      }
      if (i == start || i - start > 4 || groups == 8) {
        return null;
      }
      if (compressed) {
        tailHigh = tailHigh << 16 | tailLow >>> 48;
        tailLow = tailLow << 16 | value;
      } else if (groups < 4) {
        high |= (long) value << (48 - 16 * groups);
      } else {
        low |= (long) value << (112 - 16 * groups);
      }
      groups++;
      if (i == end) {
        break;
      }
      if (text.charAt(i++) != ':' || i == end) {
        return null;
      }
      if (text.charAt(i) == ':') {
        if (compressed) {
          return null;
        }
        compressed = true;
        i++;
      }
    }
    high |= tailHigh;
    low |= tailLow;
    if ((compressed ? groups > 7 : groups != 8) || length > 128
        || (high & CidrBlock.highMask(128 - length)) != 0 || (low & CidrBlock.lowMask(128 - length)) != 0) {
      return null;
    }
    return CidrBlock.of(IpVersion.IPV6, high, low, length);
  }

  private static int hexDigit(char c) {
    return c >= '0' && c <= '9' ? c - '0'
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : c >= 'A' && c <= 'F' ? c - 'A' + 10
        : -1;
  }
}
