package io.portcullis.rulefile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads rule files. The format, in YAML (JSON has the same structure):
 *
 * <pre>
 * groups:
 *   - provider: aws-ec2
 *     group: sg-0abc123            # an id, or {id: ..., name: ...}
 *     mode: authoritative          # optional; additive by default
 *     rules:
 *       - ingress allow tcp 22,8000-8080 from 203.0.113.0/24 "admin ssh"   # the text form
 *       - direction: ingress                                               # or fields
 *         protocol: tcp
 *         ports: 443
 *         remote: 0.0.0.0/0
 *         description: https
 * </pre>
 *
 * Rule fields: {@code direction}, {@code action}, {@code protocol}, {@code ports}, {@code type}, {@code
 * code}, {@code remote} (as in the text form, e.g. {@code sg-1 owner 1234}), {@code priority}, {@code
 * description}. Unknown keys are errors. Every error is a {@link RuleFileException} naming the file, the line
 * and the rule.
 */
public final class RuleFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FILE_KEYS = Set.of("groups");
  private static final Set<String> GROUP_KEYS = Set.of("provider", "group", "mode", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of("direction", "action", "protocol", "ports", "type", "code", "remote", "priority", "description");

  private RuleFiles() {}

  /** Reads a {@code .yaml}, {@code .yml} or {@code .json} file. */
  public static RuleFile read(Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + file, e);
    }
    return parse(content, file.toString());
  }

  /** Parses a rule file's content; {@code source} names it in errors and chooses JSON when it ends in .json. */
  public static RuleFile parse(String content, String source) {
    ObjectMapper mapper = source.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    return new Reader(mapper, content, source).read();
  }

  /** Reads one document, remembering the line of every value by its JSON pointer. */
  private static final class Reader {
    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();
    private final JsonNode root;

    Reader(ObjectMapper mapper, String content, String source) {
      this.source = source;
      try {
        indexLines(mapper.getFactory(), content);
        root = mapper.readTree(content);
      } catch (JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        throw new RuleFileException(source, line, Optional.empty(), "not valid " + formatName(mapper) + ": "
            + e.getOriginalMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String formatName(ObjectMapper mapper) {
      return mapper == JSON ? "JSON" : "YAML";
    }

    private void indexLines(JsonFactory factory, String content) throws IOException {
      try (JsonParser p = factory.createParser(content)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            continue;
          }
          // A container's own context is entered at its start token: its pointer is the parent's.
          String pointer = t.isStructStart()
              ? p.getParsingContext().getParent().pathAsPointer().toString()
              : p.getParsingContext().pathAsPointer().toString();
          lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
        }
      }
    }

    RuleFile read() {
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw error("", "an empty file; expected a 'groups' list");
      }
      requireObject(root, "", "the document", FILE_KEYS);
      JsonNode groups = root.get("groups");
      if (groups == null || !groups.isArray()) {
        throw error("", "expected a 'groups' list at the top level");
      }
      List<GroupRules> out = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        out.add(group(groups.get(i), "/groups/" + i));
      }
      return new RuleFile(source, out);
    }

    private GroupRules group(JsonNode node, String at) {
      requireObject(node, at, "a group entry", GROUP_KEYS);
      String provider = text(node, at, "provider", true);
      SecurityGroupRef group = groupRef(node.get("group"), at + "/group");
      String modeText = Optional.ofNullable(text(node, at, "mode", false)).orElse("additive");
      PlanMode mode;
      try {
        mode = PlanMode.valueOf(modeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error(at + "/mode", "mode '" + modeText + "': expected additive or authoritative");
      }
      JsonNode rules = node.get("rules");
      if (rules == null || !rules.isArray()) {
        throw error(at, "group " + group + ": expected a 'rules' list");
      }
      List<SecurityRule> parsed = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        parsed.add(rule(rules.get(i), at + "/rules/" + i));
      }
      return new GroupRules(provider, group, mode, parsed, line(at));
    }

    private SecurityGroupRef groupRef(JsonNode node, String at) {
      try {
        if (node != null && node.isValueNode() && !node.isNull()) {
          return SecurityGroupRef.ofId(node.asText());
        }
        if (node != null && node.isObject()) {
          requireObject(node, at, "a group", Set.of("id", "name"));
          return new SecurityGroupRef(Optional.ofNullable(text(node, at, "id", false)),
              Optional.ofNullable(text(node, at, "name", false)));
        }
      } catch (InvalidRuleException e) {
        throw error(at, e.getMessage());
      }
      throw error(at, "expected 'group': an id, or an object with 'id' and/or 'name'");
    }

    private SecurityRule rule(JsonNode node, String at) {
      String text;
      Optional<String> description = Optional.empty();
      if (node.isTextual()) {
        text = node.asText();
      } else if (node.isObject()) {
        requireObject(node, at, "a rule", RULE_KEYS);
        text = assemble(node, at);
        description = Optional.ofNullable(text(node, at, "description", false));
      } else {
        throw error(at, "expected a rule: a line in the text form, or an object of rule fields");
      }
      try {
        SecurityRule rule = SecurityRule.parse(text);
        return description.isEmpty() ? rule : rule.toBuilder().description(description).build();
      } catch (InvalidRuleException e) {
        throw new RuleFileException(source, line(at), Optional.of(text), e.getMessage(), e);
      }
    }

    /** The text form of a rule given as fields (without its description, which is set directly). */
    private String assemble(JsonNode node, String at) {
      String direction = text(node, at, "direction", true);
      StringBuilder s = new StringBuilder(direction);
      Optional.ofNullable(text(node, at, "action", false)).ifPresent(a -> s.append(' ').append(a));
      s.append(' ').append(text(node, at, "protocol", true));
      Optional.ofNullable(text(node, at, "ports", false)).ifPresent(p -> s.append(' ').append(p));
      Optional.ofNullable(text(node, at, "type", false)).ifPresent(t -> s.append(" type ").append(t));
      Optional.ofNullable(text(node, at, "code", false)).ifPresent(c -> s.append(" code ").append(c));
      s.append(direction.equalsIgnoreCase("egress") ? " to " : " from ").append(text(node, at, "remote", true));
      Optional.ofNullable(text(node, at, "priority", false)).ifPresent(p -> s.append(" priority ").append(p));
      return s.toString();
    }

    private String text(JsonNode node, String at, String key, boolean required) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        if (required) {
          throw error(at, "missing '" + key + "'");
        }
        return null;
      }
      if (!value.isValueNode()) {
        throw error(at + "/" + key, "'" + key + "' must be a single value");
      }
      return value.asText();
    }

    private void requireObject(JsonNode node, String at, String what, Set<String> keys) {
      if (!node.isObject()) {
        throw error(at, "expected " + what + " with the keys " + new java.util.TreeSet<>(keys));
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!keys.contains(key)) {
          throw error(at + "/" + key, "unknown key '" + key + "' in " + what + "; allowed: "
              + new java.util.TreeSet<>(keys));
        }
      }
    }

    private int line(String pointer) {
      return lines.getOrDefault(pointer, 0);
    }

    private RuleFileException error(String pointer, String problem) {
      return new RuleFileException(source, line(pointer), Optional.empty(), problem, null);
    }
  }
}
