package io.portcullis.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The reference for compaction: the textbook minimal prefix cover of CIDR blocks held as numbers (a 128-bit
 * value in two longs; IPv4 in the low 32 bits). Sort by first address, sweep into maximal ranges, joining
 * overlapping and adjacent blocks, and cut each range into the largest aligned blocks. IPv4 blocks are sorted as
 * primitive keys (address and prefix length in one long), as a careful implementation would, so that the
 * reference is as fast as the representation allows.
 */
final class SortAndSweep {
  /** A block: its first address ({@code high}, {@code low}) and prefix length. */
  record Block(long high, long low, int prefix) {}

  private static final Comparator<Block> BY_START = (a, b) -> {
    int c = Long.compareUnsigned(a.high(), b.high());
    return c != 0 ? c : Long.compareUnsigned(a.low(), b.low());
  };

  private final int bits;
  private final List<Block> out = new ArrayList<>();
  private boolean open;
  private long startHigh;
  private long startLow;
  private long endHigh;
  private long endLow;

  private SortAndSweep(int bits) {
    this.bits = bits;
  }

  /** The minimal prefix cover of {@code blocks} (sorted in place) in address order; {@code bits} is 32 or 128. */
  static List<Block> merge(Block[] blocks, int bits) {
    SortAndSweep sweep = new SortAndSweep(bits);
    if (bits == 32) {
      long[] keys = new long[blocks.length];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = blocks[i].low() << 6 | blocks[i].prefix();
      }
      Arrays.sort(keys);
      for (long key : keys) {
        sweep.add(0, key >>> 6, (int) key & 63);
      }
    } else {
      Arrays.sort(blocks, BY_START);
      for (Block b : blocks) {
        sweep.add(b.high(), b.low(), b.prefix());
      }
    }
    sweep.cut();
    return sweep.out;
  }

  private void add(long high, long low, int prefix) {
    long lastHigh = high | highMask(bits - prefix);
    long lastLow = low | lowMask(bits - prefix);
    boolean joins = open && (endHigh == -1 && endLow == -1
        || Long.compareUnsigned(high, endLow == -1 ? endHigh + 1 : endHigh) < 0
        || high == (endLow == -1 ? endHigh + 1 : endHigh) && Long.compareUnsigned(low, endLow + 1) <= 0);
    if (!joins) {
      if (open) {
        cut();
      }
      open = true;
      startHigh = high;
      startLow = low;
      endHigh = lastHigh;
      endLow = lastLow;
    } else if (compare(lastHigh, lastLow, endHigh, endLow) > 0) {
      endHigh = lastHigh;
      endLow = lastLow;
    }
  }

  private void cut() {
    long high = startHigh;
    long low = startLow;
    while (true) {
      int host = Math.min(bits, low != 0 ? Long.numberOfTrailingZeros(low) : 64 + Long.numberOfTrailingZeros(high));
      while (compare(high | highMask(host), low | lowMask(host), endHigh, endLow) > 0) {
        host--;
      }
      out.add(new Block(high, low, bits - host));
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

  private static long lowMask(int host) {
    return host >= 64 ? -1 : (1L << host) - 1;
  }

  private static long highMask(int host) {
    return host <= 64 ? 0 : host >= 128 ? -1 : (1L << (host - 64)) - 1;
  }
}
