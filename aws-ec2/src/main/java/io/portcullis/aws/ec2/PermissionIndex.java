package io.portcullis.aws.ec2;

import io.portcullis.core.Protocol;
import java.util.Arrays;

/**
 * Numbers the permissions of a batch in the order they first appear, by a key packing direction, protocol,
 * FromPort, ToPort and kind of remote into a long ({@link #key}). Open addressing over primitive arrays, so a
 * lookup reads one slot rather than a map entry, its key and the key's boxed ports.
 */
final class PermissionIndex {
  private long[] keys; // 0 is a free slot; keys are never 0
  private int[] ids;
  private int size;

  /** An index with room for about {@code expected} permissions before it grows. */
  PermissionIndex(int expected) {
    keys = new long[Integer.highestOneBit(Math.max(32, Math.min(expected, 1 << 16))) * 2];
    ids = new int[keys.length];
  }

  /** Forgets every permission, keeping the room. */
  void clear() {
    if (size > 0) {
      Arrays.fill(keys, 0);
      size = 0;
    }
  }

  /** The key of a permission; {@code from} and {@code to} are -1 to 65535, or {@code Ec2RuleTranslator.NO_PORT}. */
  static long key(boolean ingress, Protocol protocol, int from, int to, boolean groups) {
    int number = protocol.isAny() ? -1 : protocol.number().getAsInt();
    return 1L << 50 | (ingress ? 1L << 49 : 0) | (groups ? 1L << 48 : 0) | (long) (number + 2) << 36
        | (long) port(from) << 18 | port(to);
  }

  private static int port(int port) {
    return port == Ec2RuleTranslator.NO_PORT ? 0 : port + 2;
  }

  /** The FromPort of a key. */
  static int from(long key) {
    return unport((int) (key >>> 18) & 0x3FFFF);
  }

  /** The ToPort of a key. */
  static int to(long key) {
    return unport((int) key & 0x3FFFF);
  }

  private static int unport(int port) {
    return port == 0 ? Ec2RuleTranslator.NO_PORT : port - 2;
  }

  /** The number of the permission with this key: the number of permissions seen before it, if it is new. */
  int idOf(long key) {
    int mask = keys.length - 1;
    for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return ids[i];
      }
      if (keys[i] == 0) {
        keys[i] = key;
        ids[i] = size;
        if (++size * 2 > keys.length) {
          grow();
        }
        return size - 1;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[keys.length];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int i = spread(oldKeys[j]) & mask;
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        ids[i] = oldIds[j];
      }
    }
  }

  private static int spread(long key) {
    long h = (key ^ key >>> 33) * 0xff51afd7ed558ccdL;
    return (int) (h ^ h >>> 33);
  }
}
