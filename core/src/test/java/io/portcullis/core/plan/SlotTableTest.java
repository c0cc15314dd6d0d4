package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SlotTableTest {
  @Test
  void keepsEveryEntryThroughGrowthAndCollisions() {
    SlotTable table = new SlotTable(1);
    for (int slot = 1; slot <= 1000; slot++) {
      int hash = slot % 3 == 0 ? 42 : slot * 7919; // a third share one hash
      table.put(find(table, hash, slot), hash, slot);
    }
    for (int slot = 1; slot <= 1000; slot++) {
      int hash = slot % 3 == 0 ? 42 : slot * 7919;
      int at = find(table, hash, slot);
      assertFalse(table.isFree(at), "slot " + slot);
      assertEquals(hash, table.hash(at));
    }
    assertEquals(-5, table.slot(put(table, 0, -5)));
  }

  /** Where {@code slot} is, or the free position where it goes. */
  private static int find(SlotTable table, int hash, int slot) {
    int at = table.start(hash);
    while (!table.isFree(at) && table.slot(at) != slot) {
      at = table.next(at);
    }
    return at;
  }

  private static int put(SlotTable table, int hash, int slot) {
    table.put(find(table, hash, slot), hash, slot);
    return find(table, hash, slot);
  }
}
