package io.portcullis.aws.ec2;

import io.portcullis.core.Remote;
import java.util.Arrays;
import java.util.Objects;

/**
 * The EC2 rules of one batch, each a permission (by number) and one remote in it, with the description first
 * given for it. Open addressing over primitive slots: at a million rules a hash map of entry objects made the
 * garbage collector copy and trace three objects per rule, and one call was several times slower per rule
 * than calls of a thousand.
 */
final class WireEntrySet {
  /** What {@link #add} found. */
  enum Outcome {
    /** A new EC2 rule. */
    ADDED,
    /** The same EC2 rule with the same description: a repeat. */
    REPEATED,
    /** The same EC2 rule with another description. */
    CONFLICTING
  }

  // The hash in the high half, the entry's index + 1 in the low half; 0 is a free slot.
  private long[] slots;
  private int[] permissions;
  private Remote[] remotes;
  private String[] descriptions;
  private int size;

  /** A set sized for about {@code expected} entries. */
  WireEntrySet(int expected) {
    int entries = Math.max(8, Math.min(expected, 1 << 26));
    slots = new long[Integer.highestOneBit(entries * 3 - 1) << 1];
    permissions = new int[entries];
    remotes = new Remote[entries];
    descriptions = new String[entries];
  }

  /** Adds the rule for {@code remote} in permission {@code permission} unless the set holds it already. */
  Outcome add(int permission, Remote remote, String description) {
    int hash = hash(permission, remote);
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        slots[i] = (long) hash << 32 | append(permission, remote, description) + 1;
        if (size * 2 > slots.length) {
          grow();
        }
        return Outcome.ADDED;
      }
      int entry = (int) slot - 1;
      if ((int) (slot >>> 32) == hash && permissions[entry] == permission && remotes[entry].equals(remote)) {
        return Objects.equals(descriptions[entry], description) ? Outcome.REPEATED : Outcome.CONFLICTING;
      }
    }
  }

  private int append(int permission, Remote remote, String description) {
    if (size == remotes.length) {
      int capacity = size + (size >> 1);
      permissions = Arrays.copyOf(permissions, capacity);
      remotes = Arrays.copyOf(remotes, capacity);
      descriptions = Arrays.copyOf(descriptions, capacity);
    }
    permissions[size] = permission;
    remotes[size] = remote;
    descriptions[size] = description;
    return size++;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int i = (int) (slot >>> 32) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  /** Spreads both numbers over every bit (murmur3's finaliser), so neighbouring addresses do not cluster. */
  private static int hash(int permission, Remote remote) {
    long h = (long) remote.hashCode() << 32 ^ permission;
    h = (h ^ h >>> 33) * 0xff51afd7ed558ccdL;
    h = (h ^ h >>> 33) * 0xc4ceb9fe1a85ec53L;
    return (int) (h ^ h >>> 33);
  }
}
