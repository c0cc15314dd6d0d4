package io.portcullis.core.analysis;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.IpVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fewest CIDR blocks covering exactly the addresses of some blocks of one IP family, on their numbers:
 * sort by first address, sweep into maximal ranges (joining overlapping and adjacent blocks), and cut each range
 * into the largest aligned blocks. Addresses are 128-bit values in two longs, IPv4 in the low 32 bits.
 */
final class PrefixCover {
  /** Address order: by first address, then larger blocks first. */
  static final Comparator<CidrBlock> ADDRESS_ORDER = (a, b) -> {
    int c = Long.compareUnsigned(a.high(), b.high());
    if (c == 0) {
      c = Long.compareUnsigned(a.low(), b.low());
    }
    return c != 0 ? c : Integer.compare(a.prefixLength(), b.prefixLength());
  };

  private PrefixCover() {}

  /** The minimal cover of {@code blocks} (at least one, all of {@code version}), in address order. */
  static List<CidrBlock> of(IpVersion version, CidrBlock[] blocks) {
    Arrays.sort(blocks, ADDRESS_ORDER);
    int bits = version.bits();
    List<CidrBlock> out = new ArrayList<>();
    long startHigh = blocks[0].high();
    long startLow = blocks[0].low();
    long endHigh = lastHigh(blocks[0], bits);
    long endLow = lastLow(blocks[0], bits);
    for (CidrBlock b : blocks) {
      if (!startsAtMostOnePast(b, endHigh, endLow)) {
        cut(version, startHigh, startLow, endHigh, endLow, out);
        startHigh = b.high();
        startLow = b.low();
        endHigh = lastHigh(b, bits);
        endLow = lastLow(b, bits);
      } else if (compare(lastHigh(b, bits), lastLow(b, bits), endHigh, endLow) > 0) {
        endHigh = lastHigh(b, bits);
        endLow = lastLow(b, bits);
      }
    }
    cut(version, startHigh, startLow, endHigh, endLow, out);
    return out;
  }

  /** Whether {@code b} starts no later than the address after {@code end}, so that the two join. */
  private static boolean startsAtMostOnePast(CidrBlock b, long endHigh, long endLow) {
    if (endLow != -1) {
      return compare(b.high(), b.low(), endHigh, endLow + 1) <= 0;
    }
    return endHigh == -1 || compare(b.high(), b.low(), endHigh + 1, 0) <= 0;
  }

  /** Adds the largest aligned blocks that exactly fill {@code start..end} (inclusive). */
  private static void cut(IpVersion version, long high, long low, long endHigh, long endLow, List<CidrBlock> out) {
    int bits = version.bits();
    while (true) {
      int host = Math.min(bits, low != 0 ? Long.numberOfTrailingZeros(low) : 64 + Long.numberOfTrailingZeros(high));
      while (compare(high | highMask(host), low | lowMask(host), endHigh, endLow) > 0) {
        host--;
      }
      out.add(CidrBlock.of(version, high, low, bits - host));
      long lastHigh = high | highMask(host);
      long lastLow = low | lowMask(host);
      if (lastHigh == endHigh && lastLow == endLow) {
        return;
      }
      low = lastLow + 1;
      high = low == 0 ? lastHigh + 1 : lastHigh;
    }
  }

  private static long lastHigh(CidrBlock b, int bits) {
    return b.high() | highMask(bits - b.prefixLength());
  }

  private static long lastLow(CidrBlock b, int bits) {
    return b.low() | lowMask(bits - b.prefixLength());
  }

  private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
    int c = Long.compareUnsigned(aHigh, bHigh);
    return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
  }

  private static long lowMask(int hostBits) {
    return hostBits >= 64 ? -1 : (1L << hostBits) - 1;
  }

  private static long highMask(int hostBits) {
    return hostBits <= 64 ? 0 : hostBits >= 128 ? -1 : (1L << (hostBits - 64)) - 1;
  }
}
