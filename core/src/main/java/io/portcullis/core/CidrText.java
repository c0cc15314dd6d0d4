package io.portcullis.core;

/**
 * The canonical text of a numeric CIDR block, the same as the IP library's canonical string: dotted decimal for
 * IPv4; for IPv6 lower-case hex without leading zeros, the longest run of two or more zero groups (the first of
 * equal runs) written {@code ::} (RFC 5952, without the mixed IPv4 notation).
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
}
