package io.portcullis.rulefile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.core.group.InvalidGroupException;
import io.portcullis.core.plan.PlanMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads rule files. The format, in YAML (JSON has the same structure):
 *
 * <pre>
 * groups:
 *   - provider: aws-ec2
 *     group: sg-0abc123            # an id, {id: ..., name: ...}, or by name: {name: web, vpc: vpc-1}
 *     create: true                 # by name only: create it when missing (with description and tags)
 *     region: eu-west-1            # optional, as are account, profile and project
 *     mode: authoritative          # optional; additive by default
 *     rules:
 *       - ingress allow tcp 22,8000-8080 from 203.0.113.0/24 "admin ssh"   # the text form
 *       - direction: ingress                                               # or fields
 *         protocol: tcp
 *         ports: 443
 *         remote: 0.0.0.0/0
 *         description: https
 *       - rule: ingress allow tcp 22 from 10.0.0.0/8                      # the text form with tags
 *         tags: {team: edge}
 * </pre>
 *
 * Rule fields: {@code direction}, {@code action}, {@code protocol}, {@code ports}, {@code type}, {@code
 * code}, {@code remote} (as in the text form, e.g. {@code sg-1 owner 1234}), {@code priority}, {@code
 * description} and {@code tags} (a mapping, {@link SecurityRule#tags()}); or {@code rule} (the text form) with
 * {@code tags} beside it. Unknown keys, a key given twice, an unknown provider, a group listed twice and YAML tags
 * beyond plain values are errors. Every error, including a file that cannot be read, is not UTF-8 or is over
 * a {@link RuleFileLimits limit}, is a {@link RuleFileException} naming the file, the line and the rule.
 */
public final class RuleFiles {
  /** The providers of this project, accepted whether or not their adapter is on the class path. */
  public static final Set<String> KNOWN_PROVIDERS = Set.of("aws-ec2", "aws-elasticache", "huaweicloud-vpc");

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = yamlFactory(RuleFileLimits.DEFAULTS);
  private static final Set<String> FILE_KEYS = Set.of("groups");
  private static final Set<String> GROUP_KEYS =
      Set.of("provider", "group", "mode", "rules", "region", "account", "profile", "project", "create", "description",
          "tags");
  private static final Set<String> SELECTOR_KEYS = Set.of("create", "description", "tags");
  private static final Set<String> RULE_KEYS = Set.of("direction", "action", "protocol", "ports", "type", "code",
      "remote", "priority", "description", "rule", "tags");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern SCOPE_VALUE = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private RuleFiles() {}

  /** Reads a {@code .yaml}, {@code .yml} or {@code .json} file within the default limits. */
  public static RuleFile read(Path file) {
    return read(file, RuleFileLimits.DEFAULTS);
  }

  /** Reads a {@code .yaml}, {@code .yml} or {@code .json} file within {@code limits}. */
  public static RuleFile read(Path file, RuleFileLimits limits) {
    String source = file.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE));
    } catch (NoSuchFileException e) {
      throw new RuleFileException(source, 0, Optional.empty(), "cannot read: no such file", e);
    } catch (AccessDeniedException e) {
      throw new RuleFileException(source, 0, Optional.empty(), "cannot read: permission denied", e);
    } catch (IOException e) {
      throw new RuleFileException(source, 0, Optional.empty(), "cannot read: " + e.getMessage(), e);
    }
    if (bytes.length > limits.maxBytes()) {
      throw tooLarge(source, limits, "bytes");
    }
    return parse(decode(bytes, source), source, limits);
  }

  /** Parses a rule file's content; {@code source} names it in errors and chooses JSON when it ends in .json. */
  public static RuleFile parse(String content, String source) {
    return parse(content, source, RuleFileLimits.DEFAULTS);
  }

  /** Parses a rule file's content within {@code limits}; see {@link #parse(String, String)}. */
  public static RuleFile parse(String content, String source, RuleFileLimits limits) {
    if (content.length() > limits.maxBytes()) {
      throw tooLarge(source, limits, "characters");
    }
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    String format = json ? "JSON" : "YAML";
    Optional<Node> root;
    try (JsonParser parser = json ? JSON.createParser(content)
        : (limits.equals(RuleFileLimits.DEFAULTS) ? YAML : yamlFactory(limits)).createParser(content)) {
      root = NodeReader.read(parser, source, limits);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new RuleFileException(source, line, Optional.empty(),
          "not valid " + format + ": " + RuleFileException.echo(String.valueOf(e.getOriginalMessage())), e);
    } catch (IOException e) {
      throw new RuleFileException(source, 0, Optional.empty(), "cannot read " + format + ": " + e.getMessage(), e);
    }
    return new Reader(source).read(root);
  }

  private static YAMLFactory yamlFactory(RuleFileLimits limits) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) limits.maxBytes());
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  private static RuleFileException tooLarge(String source, RuleFileLimits limits, String unit) {
    return new RuleFileException(source, 0, Optional.empty(),
        "larger than " + limits.maxBytes() + " " + unit + " (the limit, RuleFileLimits.maxBytes)", null);
  }

  /** UTF-8 only: a byte that is not UTF-8 is an error with its offset and line, never replaced. */
  private static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new RuleFileException(source, line, Optional.empty(), String.format(Locale.ROOT,
          "not UTF-8 text: byte 0x%02X at offset %d; save the file as UTF-8", bytes[at] & 0xff, at), null);
    }
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The names a rule file may use: this project's and any other adapter's on the class path. */
  private static Set<String> providers() {
    Set<String> names = new TreeSet<>(KNOWN_PROVIDERS);
    try {
      names.addAll(SecurityGroupRulesProvider.available());
    } catch (ServiceConfigurationError e) {
      // a broken registration elsewhere on the class path must not stop reading files
    }
    return names;
  }

  /** Walks one document's tree into a {@link RuleFile}. */
  private static final class Reader {
    private final String source;
    private final Map<Node, SecurityRule> parsed = new IdentityHashMap<>();
    private final Map<List<Object>, Integer> groupLines = new HashMap<>();
    private Set<String> providers;

    Reader(String source) {
      this.source = source;
    }

    RuleFile read(Optional<Node> root) {
      if (root.isEmpty() || isNull(root.get())) {
        throw error(root.map(Node::line).orElse(0), "an empty file; expected a 'groups' list");
      }
      Node.Mapping file = mapping(root.get(), "the document", FILE_KEYS);
      Node groups = value(file, "groups");
      if (!(groups instanceof Node.Sequence list)) {
        throw error(groups == null ? file.line() : groups.line(), "expected a 'groups' list at the top level");
      }
      return new RuleFile(source, list.items().stream().map(this::group).toList());
    }

    private GroupRules group(Node node) {
      Node.Mapping map = mapping(node, "a group entry", GROUP_KEYS);
      String provider = requireText(map, "provider");
      if (providers == null) {
        providers = providers();
      }
      if (!providers.contains(provider)) {
        throw error(value(map, "provider").line(), "unknown provider '" + RuleFileException.echo(provider)
            + "'; known: " + String.join(", ", providers));
      }
      SecurityGroupRef group = groupRef(map);
      Optional<GroupSelector> selector = selector(map, group);
      String modeText = text(map, "mode").orElse("additive");
      // no non-ASCII letter lower-cases into these two words, so toLowerCase cannot admit a look-alike
      PlanMode mode = switch (modeText.toLowerCase(Locale.ROOT)) {
        case "additive" -> PlanMode.ADDITIVE;
        case "authoritative" -> PlanMode.AUTHORITATIVE;
        default -> throw error(value(map, "mode").line(),
            "mode '" + RuleFileException.echo(modeText) + "': expected additive or authoritative");
      };
      String printable = "1-255 printable ASCII characters without spaces";
      Optional<String> region = scope(map, "region", REGION, "a region name: lower-case letters, digits and '-'");
      Optional<String> account = scope(map, "account", SCOPE_VALUE, printable);
      Optional<String> profile = scope(map, "profile", SCOPE_VALUE, printable);
      Optional<String> project = scope(map, "project", SCOPE_VALUE, printable);
      String groupKey = group.id().map(id -> "id " + id).orElseGet(() -> "name " + group.name().get()
          + selector.flatMap(GroupSelector::vpcId).map(v -> " in " + v).orElse(""));
      List<Object> key = List.of(provider, groupKey, region, account, profile, project);
      Integer first = groupLines.putIfAbsent(key, map.line());
      if (first != null) {
        throw error(map.line(), "group " + group + " of " + provider + " is listed twice, at lines " + first + " and "
            + map.line() + ": give all its rules in one entry");
      }
      GroupRules.Builder out = GroupRules.builder().provider(provider).group(group).mode(mode).line(map.line())
          .region(region).account(account).profile(profile).project(project).selector(selector);
      if (!(value(map, "rules") instanceof Node.Sequence rules)) {
        throw error(Optional.ofNullable(value(map, "rules")).orElse(map).line(),
            "group " + group + ": expected a 'rules' list");
      }
      for (Node rule : rules.items()) {
        out.addRule(parsed.computeIfAbsent(rule, this::rule), new SourceLocation(source, rule.line()));
      }
      return out.build();
    }

    private Optional<String> scope(Node.Mapping map, String key, Pattern allowed, String what) {
      Optional<String> value = text(map, key);
      if (value.isPresent() && !allowed.matcher(value.get()).matches()) {
        throw error(value(map, key).line(), key + " '" + RuleFileException.echo(value.get()) + "': expected " + what);
      }
      return value;
    }

    private SecurityGroupRef groupRef(Node.Mapping group) {
      Node node = value(group, "group");
      try {
        if (node instanceof Node.Scalar scalar && scalar.text() != null) {
          return SecurityGroupRef.ofId(scalar.text());
        }
        if (node instanceof Node.Mapping) {
          Node.Mapping ref = mapping(node, "a group", Set.of("id", "name", "vpc"));
          if (value(ref, "vpc") != null && value(ref, "id") != null) {
            throw error(value(ref, "vpc").line(), "'vpc' is for a group given by name, without 'id'");
          }
          return new SecurityGroupRef(text(ref, "id"), text(ref, "name"));
        }
      } catch (InvalidRuleException e) {
        throw error(node.line(), e.getMessage());
      }
      throw error(node == null ? group.line() : node.line(),
          "expected 'group': an id, or an object with 'id' and/or 'name'");
    }

    /** The group by name, when it is given by name without an id; create, description and tags need one. */
    private Optional<GroupSelector> selector(Node.Mapping entry, SecurityGroupRef group) {
      if (group.id().isPresent()) {
        for (String key : new TreeSet<>(SELECTOR_KEYS)) {
          if (value(entry, key) != null) {
            throw error(entry.entries().get(key).line(), "'" + key + "' is for a group given by name, without 'id'");
          }
        }
        return Optional.empty();
      }
      Node.Mapping ref = (Node.Mapping) value(entry, "group");
      GroupSelector.Builder selector = GroupSelector.builder();
      try {
        selector.name(group.name().orElseThrow()).vpcId(text(ref, "vpc")).description(text(entry, "description"));
        Optional<String> create = text(entry, "create");
        if (create.isPresent()) {
          selector.create(switch (create.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(value(entry, "create").line(),
                "create '" + RuleFileException.echo(create.get()) + "': expected true or false");
          });
        }
        Node tags = value(entry, "tags");
        if (tags != null && !isNull(tags)) {
          if (!(tags instanceof Node.Mapping map)) {
            throw error(tags.line(), "'tags' must be a mapping of keys to values");
          }
          for (String key : map.entries().keySet()) {
            selector.putTags(key, text(map, key).orElse(""));
          }
        }
        return Optional.of(selector.build());
      } catch (InvalidGroupException e) {
        throw new RuleFileException(source, ref.line(), Optional.empty(), e.getMessage(), e);
      }
    }

    private SecurityRule rule(Node node) {
      String text;
      Optional<String> description = Optional.empty();
      Map<String, String> tags = Map.of();
      if (node instanceof Node.Scalar scalar && scalar.text() != null) {
        text = scalar.text();
      } else if (node instanceof Node.Mapping) {
        Node.Mapping map = mapping(node, "a rule", RULE_KEYS);
        Optional<String> line = text(map, "rule");
        if (line.isPresent()) {
          for (Node.Entry entry : map.entries().values()) {
            if (!entry.key().equals("rule") && !entry.key().equals("tags")) {
              throw error(entry.line(), "'" + RuleFileException.echo(entry.key())
                  + "' beside 'rule': a rule in the text form takes only 'tags' beside it");
            }
          }
        }
        text = line.isPresent() ? line.get() : assemble(map);
        description = text(map, "description");
        tags = tags(map);
      } else {
        throw error(node.line(), "expected a rule: a line in the text form, or an object of rule fields");
      }
      try {
        SecurityRule rule = SecurityRule.parse(text);
        return description.isEmpty() && tags.isEmpty() ? rule
            : rule.toBuilder().description(description.or(rule::description)).tags(tags).build();
      } catch (InvalidRuleException e) {
        throw new RuleFileException(source, node.line(), Optional.of(text), e.getMessage(), e);
      }
    }

    /** A rule's {@code tags}: a mapping of keys to values (a value left empty is the empty string). */
    private Map<String, String> tags(Node.Mapping rule) {
      Node tags = value(rule, "tags");
      if (tags == null || isNull(tags)) {
        return Map.of();
      }
      if (!(tags instanceof Node.Mapping map)) {
        throw error(tags.line(), "'tags' must be a mapping of keys to values");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String key : map.entries().keySet()) {
        out.put(key, text(map, key).orElse(""));
      }
      return out;
    }

    /** The text form of a rule given as fields (without its description, which is set directly). */
    private String assemble(Node.Mapping map) {
      String direction = requireText(map, "direction");
      StringBuilder s = new StringBuilder(direction);
      text(map, "action").ifPresent(a -> s.append(' ').append(a));
      s.append(' ').append(requireText(map, "protocol"));
      text(map, "ports").ifPresent(p -> s.append(' ').append(p));
      text(map, "type").ifPresent(t -> s.append(" type ").append(t));
      text(map, "code").ifPresent(c -> s.append(" code ").append(c));
      s.append(direction.toLowerCase(Locale.ROOT).equals("egress") ? " to " : " from ").append(requireText(map, "remote"));
      text(map, "priority").ifPresent(p -> s.append(" priority ").append(p));
      return s.toString();
    }

    private String requireText(Node.Mapping map, String key) {
      return text(map, key).orElseThrow(() -> error(map.line(), "missing '" + key + "'"));
    }

    private Optional<String> text(Node.Mapping map, String key) {
      Node value = value(map, key);
      if (value == null || isNull(value)) {
        return Optional.empty();
      }
      if (!(value instanceof Node.Scalar scalar)) {
        throw error(value.line(), "'" + key + "' must be a single value");
      }
      return Optional.of(scalar.text());
    }

    private static Node value(Node.Mapping map, String key) {
      Node.Entry entry = map.entries().get(key);
      return entry == null ? null : entry.value();
    }

    private static boolean isNull(Node node) {
      return node instanceof Node.Scalar scalar && scalar.text() == null;
    }

    private Node.Mapping mapping(Node node, String what, Set<String> keys) {
      if (!(node instanceof Node.Mapping map)) {
        throw error(node.line(), "expected " + what + " with the keys " + new TreeSet<>(keys));
      }
      for (Node.Entry entry : map.entries().values()) {
        if (!keys.contains(entry.key())) {
          throw error(entry.line(), "unknown key '" + RuleFileException.echo(entry.key()) + "' in " + what
              + "; allowed: " + new TreeSet<>(keys));
        }
      }
      return map;
    }

    private RuleFileException error(int line, String problem) {
      return new RuleFileException(source, line, Optional.empty(), problem, null);
    }
  }
}
