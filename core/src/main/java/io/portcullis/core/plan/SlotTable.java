package io.portcullis.core.plan;

/**
 * An open-addressing hash table of non-zero ints (indices into the caller's lists), at most half full, with no
 * object per entry: planning a million rules through {@code HashMap}s spends most of its time on the entries.
 * The caller tells keys of the same hash apart, walking from {@link #start(int)} by {@link #next(int)} until a
 * free position or its key.
 */
final class SlotTable {
  private long[] entries; // hash in the high half, slot in the low half; 0 where free
  private int shift;
  private int size;

  /** A table for {@code expected} entries, which grows if more are put. */
  SlotTable(int expected) {
    shift = Integer.numberOfLeadingZeros(2 * Math.max(8, expected) - 1);
    entries = new long[1 << (32 - shift)];
  }

  /** The first position to look at for {@code hash}. */
  int start(int hash) {
    return hash * 0x9E3779B9 >>> shift; // Fibonacci hashing: the high bits of the product
  }

  /** The position after {@code position}. */
  int next(int position) {
    return (position + 1) & (entries.length - 1);
  }

  boolean isFree(int position) {
    return entries[position] == 0;
  }

  int hash(int position) {
    return (int) (entries[position] >>> 32);
  }

  int slot(int position) {
    return (int) entries[position];
  }

  /** Sets the entry at {@code position}; {@code slot} is not 0. Positions found before are stale after it. */
  void put(int position, int hash, int slot) {
    if (entries[position] == 0 && ++size > entries.length / 2) {
      entries[position] = entry(hash, slot);
      grow();
    } else {
      entries[position] = entry(hash, slot);
    }
  }

  private static long entry(int hash, int slot) {
    return (long) hash << 32 | (slot & 0xFFFFFFFFL);
  }

  private void grow() {
    long[] old = entries;
    entries = new long[old.length * 2];
    shift--;
    for (long e : old) {
      if (e != 0) {
        int at = start((int) (e >>> 32));
        while (entries[at] != 0) {
          at = next(at);
        }
        entries[at] = e;
      }
    }
  }
}
