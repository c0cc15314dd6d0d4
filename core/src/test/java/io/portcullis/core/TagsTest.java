package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {
  private record Pair(String key, String value) {}

  private static Map<String, String> read(List<Pair> tags) {
    return Tags.fromReply("test", "ListThings", "Things[].Tags", tags, Pair::key, Pair::value);
  }

  @Test
  void aReplysTagsReadInOrderWithAMissingValueAsEmpty() {
    assertEquals(List.of("b", "a"), List.copyOf(read(List.of(new Pair("b", "2"), new Pair("a", null))).keySet()));
    assertEquals(Map.of("b", "2", "a", ""), read(List.of(new Pair("b", "2"), new Pair("a", null))));
    assertEquals(Map.of(), read(null));
  }

  @Test
  void aTagWithoutAKeyOrANullTagIsAReplyNotToTrust() {
    for (List<Pair> tags : List.of(List.of(new Pair(null, "v")), Arrays.asList(new Pair("k", "v"), null))) {
      ProviderReplyException e = assertThrows(ProviderReplyException.class, () -> read(tags));
      assertEquals("ListThings", e.operation());
      assertEquals("Things[].Tags", e.field());
    }
  }
}
