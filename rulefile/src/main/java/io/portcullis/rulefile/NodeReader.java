package io.portcullis.rulefile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link Node} tree of one JSON or YAML document from Jackson's token stream, enforcing what
 * Jackson's tree model lets through: a duplicate key is an error naming both lines, nesting is limited, YAML
 * tags other than the core schema's are refused, and a YAML alias of a list or map is the anchored node
 * itself (shared, not copied; limited in number).
 */
final class NodeReader {
  private static final String YAML_TAG = "tag:yaml.org,2002:";
  private static final Set<String> CORE_TAGS = Set.of("", YAML_TAG + "str", YAML_TAG + "int", YAML_TAG + "float",
      YAML_TAG + "bool", YAML_TAG + "null", YAML_TAG + "seq", YAML_TAG + "map");

  private final JsonParser parser;
  private final YAMLParser yaml;
  private final String source;
  private final RuleFileLimits limits;
  private final Map<String, Node> anchors = new HashMap<>();
  private int collectionAliases;

  private NodeReader(JsonParser parser, String source, RuleFileLimits limits) {
    this.parser = parser;
    this.yaml = parser instanceof YAMLParser y ? y : null;
    this.source = source;
    this.limits = limits;
  }

  /** The document's root, or empty for an empty document. */
  static Optional<Node> read(JsonParser parser, String source, RuleFileLimits limits) throws IOException {
    NodeReader reader = new NodeReader(parser, source, limits);
    JsonToken first = parser.nextToken();
    if (first == null) {
      return Optional.empty();
    }
    Node root = reader.value(first, 1);
    if (parser.nextToken() != null) {
      throw reader.error(reader.line(), "more than one document; a rule file holds one");
    }
    return Optional.of(root);
  }

  private Node value(JsonToken token, int depth) throws IOException {
    int line = line();
    if (yaml != null && yaml.isCurrentAlias()) {
      return alias(yaml.getText(), line);
    }
    String anchor = null;
    if (yaml != null) {
      checkTag(yaml.getTypeId(), line);
      anchor = yaml.getObjectId();
    }
    Node node = switch (token) {
      case START_OBJECT -> mapping(depth, line);
      case START_ARRAY -> sequence(depth, line);
      case VALUE_NULL -> new Node.Scalar(null, line);
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          new Node.Scalar(parser.getText(), line);
      default -> throw error(line, "unexpected " + token);
    };
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private Node mapping(int depth, int line) throws IOException {
    checkDepth(depth, line);
    Map<String, Node.Entry> entries = new LinkedHashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String key = parser.currentName();
      int keyLine = line();
      Node value = value(parser.nextToken(), depth + 1);
      Node.Entry prior = entries.putIfAbsent(key, new Node.Entry(key, keyLine, value));
      if (prior != null) {
        throw error(keyLine, "duplicate key '" + RuleFileException.echo(key) + "' (first at line " + prior.line()
            + "): each key at most once");
      }
    }
    return new Node.Mapping(entries, line);
  }

  private Node sequence(int depth, int line) throws IOException {
    checkDepth(depth, line);
    List<Node> items = new ArrayList<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      items.add(value(t, depth + 1));
    }
    return new Node.Sequence(items, line);
  }

  private Node alias(String anchor, int line) {
    Node node = anchors.get(anchor);
    if (node == null) {
      // Jackson 2.15 does not report the anchor of a single value, so only lists and maps can be reused
      throw error(line, "alias *" + RuleFileException.echo(anchor) + " names no anchor of a list or map defined "
          + "before it (an anchor on a single value cannot be reused)");
    }
    if (!(node instanceof Node.Scalar) && ++collectionAliases > limits.maxAliases()) {
      throw error(line, "more than " + limits.maxAliases() + " aliases of lists and maps (the limit)");
    }
    return node;
  }

  private void checkTag(String tag, int line) {
    // Jackson strips the leading '!' of a tag: '!!binary' arrives as tag:yaml.org,2002:binary, '!x' as 'x'
    if (tag != null && !CORE_TAGS.contains(tag)) {
      String shown = tag.startsWith(YAML_TAG) ? "!!" + tag.substring(YAML_TAG.length()) : "!" + tag;
      throw error(line, "unsupported YAML tag '" + RuleFileException.echo(shown)
          + "': a rule file holds plain text, numbers, lists and maps");
    }
  }

  private void checkDepth(int depth, int line) {
    if (depth > limits.maxDepth()) {
      throw error(line, "lists and maps nested more than " + limits.maxDepth() + " deep (the limit)");
    }
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private RuleFileException error(int line, String problem) {
    return new RuleFileException(source, line, Optional.empty(), problem, null);
  }
}
