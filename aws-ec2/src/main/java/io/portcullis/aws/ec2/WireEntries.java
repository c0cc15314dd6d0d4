package io.portcullis.aws.ec2;

import io.portcullis.core.SecurityRule;
import java.util.Arrays;
import java.util.List;

/**
 * The EC2 rules of one batch in order, each a permission (by its {@link PermissionIndex#key key}) and the remote of
 * a rule in it, and which of them repeat an earlier one. A hash table over a million entries misses the cache on
 * nearly every lookup (and a table of entry objects adds the garbage collector's work), so {@link #outcomes()}
 * first partitions the entries by hash into runs of about a thousand, in order, and looks for repeats within each
 * run in a small table.
 */
final class WireEntries {
  /** The first entry of its EC2 rule. */
  static final byte ADDED = 0;
  /** A later entry of an EC2 rule, with the description of the first. */
  static final byte REPEATED = 1;
  /** A later entry of an EC2 rule, with another description than the first. */
  static final byte CONFLICTING = 2;

  private static final int RUN = 1024;

  private final List<SecurityRule> rules;
  private long[] keys;
  private int[] ruleIndexes;
  private int[] hashes;
  private int size;

  /** Entries naming their rules by index in {@code rules}, with room for {@code expected} at first. */
  WireEntries(List<SecurityRule> rules, int expected) {
    this.rules = rules;
    int capacity = Math.max(8, expected);
    keys = new long[capacity];
    ruleIndexes = new int[capacity];
    hashes = new int[capacity];
  }

  /** Appends the entry for the remote of {@code rules.get(rule)} in the permission of {@code key}. */
  void add(long key, int rule) {
    if (size == keys.length) {
      int capacity = size + (size >> 1);
      keys = Arrays.copyOf(keys, capacity);
      ruleIndexes = Arrays.copyOf(ruleIndexes, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
    }
    keys[size] = key;
    ruleIndexes[size] = rule;
    hashes[size] = hash(key, rules.get(rule).remote().hashCode());
    size++;
  }

  int size() {
    return size;
  }

  long key(int entry) {
    return keys[entry];
  }

  int rule(int entry) {
    return ruleIndexes[entry];
  }

  /**
   * For each entry: {@link #ADDED} if it is the first of its EC2 rule, otherwise {@link #REPEATED} or {@link
   * #CONFLICTING} as its description is that of the first or not.
   */
  byte[] outcomes() {
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(0, size / RUN - 1)); // 2^bits runs
    int shift = 32 - bits;
    int[] starts = new int[(1 << bits) + 1];
    for (int e = 0; e < size; e++) {
      starts[run(hashes[e], shift) + 1]++;
    }
    for (int r = 0; r < 1 << bits; r++) {
      starts[r + 1] += starts[r];
    }
    // Each run's entries in order: the hash in the high half, the entry in the low half.
    long[] partitioned = new long[size];
    int[] next = Arrays.copyOf(starts, 1 << bits);
    for (int e = 0; e < size; e++) {
      partitioned[next[run(hashes[e], shift)]++] = (long) hashes[e] << 32 | e;
    }
    byte[] outcomes = new byte[size];
    long[] table = new long[16];
    for (int r = 0; r < 1 << bits; r++) {
      int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, starts[r + 1] - starts[r]) * 4 - 1));
      if (table.length < capacity) {
        table = new long[capacity];
      } else {
        Arrays.fill(table, 0, capacity, 0);
      }
      for (int p = starts[r]; p < starts[r + 1]; p++) {
        outcomes[(int) partitioned[p]] = find(table, capacity - 1, partitioned, p);
      }
    }
    return outcomes;
  }

  /** Looks for the EC2 rule of {@code partitioned[p]} in {@code table}, adding it if it is not there. */
  private byte find(long[] table, int mask, long[] partitioned, int p) {
    int hash = (int) (partitioned[p] >>> 32);
    int entry = (int) partitioned[p];
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      long slot = table[i];
      if (slot == 0) {
        table[i] = (long) hash << 32 | p + 1; // a position in partitioned, + 1 so that 0 stays free
        return ADDED;
      }
      int first = (int) partitioned[(int) slot - 1];
      if ((int) (slot >>> 32) == hash && keys[first] == keys[entry]) {
        SecurityRule earlier = rules.get(ruleIndexes[first]);
        SecurityRule later = rules.get(ruleIndexes[entry]);
        if (earlier.remote().equals(later.remote())) {
          return earlier.description().equals(later.description()) ? REPEATED : CONFLICTING;
        }
      }
    }
  }

  private static int run(int hash, int shift) {
    return shift == 32 ? 0 : hash >>> shift;
  }

  /** Spreads both numbers over every bit (murmur3's finaliser), so neighbouring addresses do not cluster. */
  private static int hash(long key, int remote) {
    long h = key * 0x9E3779B97F4A7C15L ^ remote;
    h = (h ^ h >>> 33) * 0xff51afd7ed558ccdL;
    h = (h ^ h >>> 33) * 0xc4ceb9fe1a85ec53L;
    return (int) (h ^ h >>> 33);
  }
}
