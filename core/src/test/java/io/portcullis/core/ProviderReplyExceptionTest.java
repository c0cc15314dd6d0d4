package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderReplyExceptionTest {
  private record Thing(String id) {}

  private static List<Thing> check(List<Thing> things) {
    return ProviderReplyException.requireEach("test", "ListThings", "Things", things, "Id", Thing::id);
  }

  @Test
  void requireEachGivesBackItemsThatAllHaveThePart() {
    List<Thing> things = List.of(new Thing("a"), new Thing("b"));
    assertSame(things, check(things));
  }

  @Test
  void requireEachNamesTheNullItemOrTheItemWithoutThePart() {
    ProviderReplyException nullItem = assertThrows(ProviderReplyException.class,
        () -> check(Arrays.asList(new Thing("a"), null)));
    assertEquals("Things[1]", nullItem.field());
    assertEquals("ListThings", nullItem.operation());

    ProviderReplyException noPart = assertThrows(ProviderReplyException.class,
        () -> check(List.of(new Thing("a"), new Thing("b"), new Thing(null))));
    assertEquals("Things[2].Id", noPart.field());
  }
}
