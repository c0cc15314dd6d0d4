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

  private final IpVersion version;
  private final int bits;
  private final List<CidrBlock> out = new ArrayList<>();
  private boolean open;
  private long startHigh;
  private long startLow;
  private long endHigh;
  private long endLow;

  private PrefixCover(IpVersion version) {
    this.version = version;
    this.bits = version.bits();
  }

  /** The minimal cover of {@code blocks} (at least one, all of {@code version}; reordered), in address order. */
  static List<CidrBlock> of(IpVersion version, CidrBlock[] blocks) {
    PrefixCover cover = new PrefixCover(version);
    if (version == IpVersion.IPV4) {
      // An IPv4 block fits in a long with room to spare, and sorting primitives is several times faster.
      long[] keys = new long[blocks.length];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = blocks[i].low() << 6 | blocks[i].prefixLength();
      }
      Arrays.sort(keys);
      for (long key : keys) {
        cover.add(0, key >>> 6, (int) key & 63);
      }
    } else {
      Arrays.sort(blocks, ADDRESS_ORDER);
      for (CidrBlock b : blocks) {
        cover.add(b.high(), b.low(), b.prefixLength());
      }
    }
    cover.cut();
    return cover.out;
  }

  /** Takes the next block in address order: extends the current range, or closes it and opens another. */
  private void add(long high, long low, int prefixLength) {
    int host = bits - prefixLength;
    long lastHigh = high | highMask(host);
    long lastLow = low | lowMask(host);
    if (open && startsAtMostOnePastEnd(high, low)) {
      if (compare(lastHigh, lastLow, endHigh, endLow) > 0) {
        endHigh = lastHigh;
        endLow = lastLow;
      }
      return;
    }
    if (open) {
      cut();
    }
    open = true;
    startHigh = high;
    startLow = low;
    endHigh = lastHigh;
    endLow = lastLow;
  }

  private boolean startsAtMostOnePastEnd(long high, long low) {
    if (endLow != -1) {
      return compare(high, low, endHigh, endLow + 1) <= 0;
    }
    return endHigh == -1 || compare(high, low, endHigh + 1, 0) <= 0;
  }

  /** Adds the largest aligned blocks that exactly fill the current range. */
  private void cut() {
    long high = startHigh;
    long low = startLow;
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
