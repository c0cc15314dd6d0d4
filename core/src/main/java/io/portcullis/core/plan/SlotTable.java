package io.portcullis.core.plan;

/**
 * An open-addressing hash table of non-zero ints (indices into the caller's lists), at most half full, with no
 * object per entry: planning a million rules through {@code HashMap}s spends most of its time on the entries.
 * The caller tells keys of the same hash apart, walking from {@link #start(int)} by {@link #next(int)} until a
 * free position or its key.
 */
final class SlotTable {
  private final long[] entries; // hash in the high half, slot in the low half; 0 where free
  private final int shift;

  /** A table for up to {@code size} entries. */
  SlotTable(int size) {
    shift = Integer.numberOfLeadingZeros(2 * Math.max(8, size) - 1);
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

  /** Sets the entry at {@code position}; {@code slot} is not 0. */
  void put(int position, int hash, int slot) {
    entries[position] = (long) hash << 32 | (slot & 0xFFFFFFFFL);
  }
}
