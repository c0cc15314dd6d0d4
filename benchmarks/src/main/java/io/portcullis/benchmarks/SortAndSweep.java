package io.portcullis.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The reference for compaction: the textbook minimal prefix cover of CIDR blocks held as numbers (a 128-bit
 * value in two longs; IPv4 in the low 32 bits). Sort by first address, sweep into maximal ranges, joining
 * overlapping and adjacent blocks, and cut each range into the largest aligned blocks.
 */
final class SortAndSweep {
  /** A block: its first address ({@code high}, {@code low}) and prefix length. */
  record Block(long high, long low, int prefix) {}

  private static final Comparator<Block> BY_START = Comparator.<Block>comparingLong(b -> b.high() ^ Long.MIN_VALUE)
      .thenComparingLong(b -> b.low() ^ Long.MIN_VALUE);

  private SortAndSweep() {}

  /** The minimal prefix cover of {@code blocks} (sorted in place) in address order; {@code bits} is 32 or 128. */
  static List<Block> merge(Block[] blocks, int bits) {
    Arrays.sort(blocks, BY_START);
    List<Block> out = new ArrayList<>();
    long startHigh = blocks[0].high();
    long startLow = blocks[0].low();
    long endHigh = startHigh | highMask(bits - blocks[0].prefix());
    long endLow = startLow | lowMask(bits - blocks[0].prefix());
    for (Block b : blocks) {
      boolean joins = endHigh == -1 && endLow == -1
          || Long.compareUnsigned(b.high(), endLow == -1 ? endHigh + 1 : endHigh) < 0
          || b.high() == (endLow == -1 ? endHigh + 1 : endHigh) && Long.compareUnsigned(b.low(), endLow + 1) <= 0;
      long lastHigh = b.high() | highMask(bits - b.prefix());
      long lastLow = b.low() | lowMask(bits - b.prefix());
      if (!joins) {
        cut(startHigh, startLow, endHigh, endLow, bits, out);
        startHigh = b.high();
        startLow = b.low();
        endHigh = lastHigh;
        endLow = lastLow;
      } else if (compare(lastHigh, lastLow, endHigh, endLow) > 0) {
        endHigh = lastHigh;
        endLow = lastLow;
      }
    }
    cut(startHigh, startLow, endHigh, endLow, bits, out);
    return out;
  }

  private static void cut(long high, long low, long endHigh, long endLow, int bits, List<Block> out) {
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
