package io.portcullis.rulefile;

import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON value with the 1-based line where it starts: the tree the reader walks. Lines live on the
 * nodes, so nothing is kept per token and deep nesting costs nothing extra.
 */
sealed interface Node {
  int line();

  /** A scalar's text as written (numbers and booleans too); null for a null value. */
  record Scalar(String text, int line) implements Node {}

  /** A list. */
  record Sequence(List<Node> items, int line) implements Node {}

  /** A map with unique keys, in file order. */
  record Mapping(Map<String, Entry> entries, int line) implements Node {}

  /** A key of a map, its line and its value. */
  record Entry(String key, int line, Node value) {}
}
