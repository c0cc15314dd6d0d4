package io.portcullis.rulefile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupSelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Writes rule files that {@link RuleFiles} reads back to the same groups: each group with its provider, group
 * reference and mode, and each rule in its text form ({@code {rule: ..., tags: {...}}} when it has tags). Used to
 * export live groups.
 *
 * <pre>{@code
 * String yaml = RuleFileWriter.yaml().write(file);
 * RuleFileWriter.json().write(file, Path.of("rules.json"));
 * }</pre>
 */
public final class RuleFileWriter {
  private static final RuleFileWriter YAML = new RuleFileWriter(Format.YAML, new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .stringQuotingChecker(new TextQuotingChecker())
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build()));
  private static final RuleFileWriter JSON =
      new RuleFileWriter(Format.JSON, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT));

  /** The formats a rule file can be written in. */
  public enum Format {
    /** YAML, as in {@code rules.yaml}. */
    YAML,
    /** JSON, as in {@code rules.json}. */
    JSON;

    /**
     * The format called {@code name} ({@code yaml} or {@code json}, any case).
     *
     * @throws IllegalArgumentException naming the formats if there is none by that name
     */
    public static Format of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "yaml", "yml" -> YAML;
        case "json" -> JSON;
        default -> throw new IllegalArgumentException("format '" + name + "': expected yaml or json");
      };
    }
  }

  private final Format format;
  private final ObjectMapper mapper;

  private RuleFileWriter(Format format, ObjectMapper mapper) {
    this.format = format;
    this.mapper = mapper;
  }

  /** A writer of YAML rule files. */
  public static RuleFileWriter yaml() {
    return YAML;
  }

  /** A writer of JSON rule files. */
  public static RuleFileWriter json() {
    return JSON;
  }

  /** A writer of {@code format}. */
  public static RuleFileWriter of(Format format) {
    return requireNonNull(format, "format") == Format.YAML ? YAML : JSON;
  }

  /** The format this writer writes. */
  public Format format() {
    return format;
  }

  /** The rule file's content. */
  public String write(RuleFile file) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode groups = root.putArray("groups");
    for (GroupRules group : file.groups()) {
      ObjectNode g = groups.addObject();
      g.put("provider", group.provider());
      writeGroup(g, group.group());
      group.selector().ifPresent(selector -> writeSelector(g, selector));
      g.put("mode", group.mode().name().toLowerCase(Locale.ROOT));
      ArrayNode rules = g.putArray("rules");
      group.rules().forEach(rule -> writeRule(rules, rule));
    }
    try {
      String text = mapper.writeValueAsString(root);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  /** Writes the rule file to {@code path} in UTF-8, replacing what is there. */
  public void write(RuleFile file, Path path) {
    try {
      Files.writeString(path, write(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rule file " + path, e);
    }
  }

  /**
   * Leaves a rule's text plain wherever YAML reads it back as the same string, so that a rule reads as in a hand
   * written file; the emitter itself still quotes what plain style cannot carry. Quoted: a value not starting with a
   * letter (the reader would take {@code 1e3} or {@code 0x1f} for a number, which Jackson's own check misses), YAML
   * keywords ({@code yes}, {@code null}), a value holding {@code ": "}, {@code " #"} or a Unicode line separator
   * (which the emitter would take for a line break), or ending in {@code :}.
   */
  private static final class TextQuotingChecker extends StringQuotingChecker.Default {
    @Override
    public boolean needToQuoteValue(String value) {
      return value.isEmpty() || !Character.isLetter(value.charAt(0)) || isReservedKeyword(value)
          || value.contains(": ") || value.contains(" #") || value.endsWith(":") || !value.strip().equals(value)
          || value.chars().anyMatch(c -> c == '\u2028' || c == '\u2029' || c == '\u0085');
    }
  }

  private static void writeSelector(ObjectNode g, GroupSelector selector) {
    selector.vpcId().ifPresent(vpc -> ((ObjectNode) g.get("group")).put("vpc", vpc));
    if (selector.create()) {
      g.put("create", true);
    }
    selector.description().ifPresent(d -> g.put("description", d));
    if (!selector.tags().isEmpty()) {
      ObjectNode tags = g.putObject("tags");
      selector.tags().forEach(tags::put);
    }
  }

  /** The text form; a rule with tags as {@code {rule: <text form>, tags: {...}}}, its tags sorted by key. */
  private static void writeRule(ArrayNode rules, SecurityRule rule) {
    if (rule.tags().isEmpty()) {
      rules.add(rule.toText());
      return;
    }
    ObjectNode r = rules.addObject().put("rule", rule.toText());
    ObjectNode tags = r.putObject("tags");
    new TreeMap<>(rule.tags()).forEach(tags::put);
  }

  private static void writeGroup(ObjectNode g, SecurityGroupRef ref) {
    if (ref.name().isEmpty()) {
      g.put("group", ref.id().orElseThrow());
      return;
    }
    ObjectNode group = g.putObject("group");
    ref.id().ifPresent(id -> group.put("id", id));
    group.put("name", ref.name().get());
  }
}
