package io.portcullis.core.analysis;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.IpVersion;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;

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

  /** A block as numbers. */
  private record Span(long high, long low, int prefixLength) {
    static final Comparator<Span> ORDER = (a, b) -> {
      int c = Long.compareUnsigned(a.high, b.high);
      if (c == 0) {
        c = Long.compareUnsigned(a.low, b.low);
      }
      return c != 0 ? c : Integer.compare(a.prefixLength, b.prefixLength);
    };
  }

  private final IpVersion version;
  private final int bits;
  // The blocks added: IPv4 as address << 6 | prefix length, since sorting primitives is several times faster;
  // IPv6 as copies made one after the other, which lie together in memory where the blocks may not.
  private final long[] keys;
  private final Span[] spans;
  private int size;
  private Consumer<CidrBlock> out;
  private boolean open;
  private long startHigh;
  private long startLow;
  private long endHigh;
  private long endLow;

  /** A cover of at most {@code capacity} blocks of {@code version}. */
  PrefixCover(IpVersion version, int capacity) {
    this.version = version;
    this.bits = version.bits();
    this.keys = version == IpVersion.IPV4 ? new long[capacity] : null;
    this.spans = version == IpVersion.IPV4 ? null : new Span[capacity];
  }

  /** Adds a block of the cover's family. */
  void add(CidrBlock block) {
    if (keys != null) {
      keys[size++] = block.low() << 6 | block.prefixLength();
    } else {
      spans[size++] = new Span(block.high(), block.low(), block.prefixLength());
    }
  }

  /** Gives {@code out} the fewest blocks covering exactly the addresses of the blocks added, in address order. */
  void cover(Consumer<CidrBlock> out) {
    this.out = out;
    if (keys != null) {
      Arrays.sort(keys, 0, size);
      for (int i = 0; i < size; i++) {
        extend(0, keys[i] >>> 6, (int) keys[i] & 63);
      }
    } else {
      Arrays.sort(spans, 0, size, Span.ORDER);
      for (int i = 0; i < size; i++) {
        extend(spans[i].high, spans[i].low, spans[i].prefixLength);
      }
    }
    if (open) {
      cut();
    }
  }

  /** Takes the next block in address order: extends the current range, or closes it and opens another. */
  private void extend(long high, long low, int prefixLength) {
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
      out.accept(CidrBlock.of(version, high, low, bits - host));
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
