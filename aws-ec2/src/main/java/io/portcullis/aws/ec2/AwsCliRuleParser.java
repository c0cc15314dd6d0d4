package io.portcullis.aws.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.RuleSyntaxException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * Reads the AWS CLI syntax of EC2 security-group rules into neutral rules, for users migrating scripts: the
 * {@code --ip-permissions} value in shorthand ({@code IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]})
 * or JSON ({@code [{"IpProtocol":"tcp",...}]}) syntax, and whole commands with the simple options {@code --protocol
 * tcp --port 22 --cidr 203.0.113.0/24} or {@code --source-group sg-.. --group-owner ..}.
 *
 * <p>It reads what the AWS CLI v1 (1.45) would send, checked against the CLI's own parser on a recorded corpus:
 * the CLI's shorthand grammar, strict JSON (one value, nothing after it), options before or after the service and
 * operation, {@code --option=value}, the last occurrence of a repeated option. Where the CLI would send something
 * EC2 refuses or that the neutral model cannot hold exactly (the protocol words {@code all} and {@code any}, a port
 * range EC2 rejects, a CIDR with host bits, a description EC2 refuses), it fails with an {@link InvalidRuleException}
 * naming the field, never reading it as something wider. Text the CLI cannot read fails with {@link
 * RuleSyntaxException} (column and what was expected).
 */
public final class AwsCliRuleParser {
  // Error messages should point at a column, not repeat the whole input.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();
  private static final Pattern COMMAND = Pattern.compile("(authorize|revoke)-security-group-(ingress|egress)");
  private static final Pattern NEGATIVE_NUMBER = Pattern.compile("^-\\d+$|^-\\d*\\.\\d+$");

  private AwsCliRuleParser() {}

  /**
   * Reads one {@code --ip-permissions} value as the CLI gets it from the shell (one word), shorthand or JSON.
   * Several permissions in shorthand are several words: see {@link #parseIpPermissions(Direction, List)}.
   */
  public static List<SecurityRule> parseIpPermissions(Direction direction, String value) {
    return parseIpPermissions(direction, List.of(value == null ? "" : value));
  }

  /** Reads the words after {@code --ip-permissions}, each one permission in shorthand, or JSON. */
  public static List<SecurityRule> parseIpPermissions(Direction direction, List<String> words) {
    List<SecurityRule> rules = new ArrayList<>();
    for (IpPermission p : CliPermissions.read(words)) {
      rules.addAll(CliPermissions.rules(direction, p, true));
    }
    if (rules.isEmpty()) {
      throw new InvalidRuleException(Violation.of("ip-permissions", String.join(" ", words), "at least one permission"));
    }
    return rules;
  }

  /**
   * Reads a whole command such as {@code aws ec2 revoke-security-group-ingress --group-name mySecurityGroup
   * --protocol tcp --port 22 --cidr 203.0.113.0/24}, with shell quoting and {@code \} line continuations. Global
   * options such as {@code --region} may come anywhere and are ignored.
   */
  public static AwsCliCommand parseCommand(String commandLine) {
    CliRequest request = read(commandLine);
    List<SecurityRule> rules = new ArrayList<>();
    for (IpPermission p : request.permissions()) {
      rules.addAll(CliPermissions.rules(request.direction(), p, !request.simpleOptions()));
    }
    if (rules.isEmpty()) {
      throw new InvalidRuleException(Violation.of("options", "--ip-permissions []", "at least one permission"));
    }
    return new AwsCliCommand(request.revoke(), request.direction(), request.group(), rules, request.dryRun());
  }

  /** What the CLI would send for the command, before any EC2 check: the unit the golden tests compare. */
  static CliRequest read(String commandLine) {
    String line = commandLine == null ? "" : commandLine;
    List<String> words = new ArrayList<>(CliWords.split(line));
    if (!words.isEmpty() && words.get(0).equals("aws")) {
      words.remove(0);
    }
    Options options = new Options(line);
    List<String> positional = options.parse(words);
    String service = positional.isEmpty() ? "" : positional.get(0);
    String command = positional.size() < 2 ? "" : positional.get(1);
    Matcher m = COMMAND.matcher(command);
    if (!service.equals("ec2") || !m.matches()) {
      throw commandError(line, "ec2 authorize-security-group-ingress, authorize-security-group-egress, "
          + "revoke-security-group-ingress or revoke-security-group-egress", service.equals("ec2") ? command : service);
    }
    if (positional.size() > 2) {
      throw commandError(line, "an option of " + command, positional.get(2));
    }
    Direction direction = m.group(2).equals("ingress") ? Direction.INGRESS : Direction.EGRESS;
    options.check(direction, m.group(1).equals("revoke"), command);
    return options.request(direction, m.group(1).equals("revoke"));
  }

  private static RuleSyntaxException commandError(String input, String expected, String found) {
    int at = found.isEmpty() ? input.length() : Math.max(0, input.indexOf(found));
    return new RuleSyntaxException(input, at + 1, expected, found);
  }

  /** The request a command makes, as the CLI builds it. */
  record CliRequest(boolean revoke, Direction direction, Optional<String> groupId, Optional<String> groupName,
      List<IpPermission> permissions, boolean dryRun, boolean simpleOptions) {
    Optional<SecurityGroupRef> group() {
      return groupId.map(SecurityGroupRef::ofId).or(() -> groupName.map(SecurityGroupRef::ofName));
    }
  }

  /** The options of a command line, read the way the CLI's argparse parsers read them. */
  private static final class Options {
    /** Global options (awscli/data/cli.json) that take a value, and their choices where limited. */
    private static final Map<String, List<String>> GLOBAL_WITH_VALUE = Map.of("--endpoint-url", List.of(),
        "--output", List.of("json", "text", "table"), "--query", List.of(), "--profile", List.of(), "--region",
        List.of(), "--color", List.of("on", "off", "auto"), "--ca-bundle", List.of(), "--cli-read-timeout", List.of(),
        "--cli-connect-timeout", List.of());
    private static final List<String> GLOBAL_FLAGS =
        List.of("--debug", "--no-verify-ssl", "--no-paginate", "--no-sign-request", "--v2-debug");
    private static final List<String> SIMPLE = List.of("--protocol", "--port", "--cidr", "--source-group",
        "--group-owner");
    private static final List<String> GLOBAL_OPTIONS = Stream.concat(
        GLOBAL_WITH_VALUE.keySet().stream(), GLOBAL_FLAGS.stream()).sorted().toList();
    /** Options of these operations that the CLI sends but Portcullis does not read. */
    private static final List<String> NOT_READ = List.of("--tag-specifications", "--security-group-rule-ids",
        "--ip-protocol", "--from-port", "--to-port", "--cidr-ip", "--source-security-group-name",
        "--source-security-group-owner-id", "--cli-input-json", "--generate-cli-skeleton");
    /** Every option of the four operations. */
    private static final List<String> ALL_OPTIONS = Stream.of(List.of("--group-id", "--group-name",
        "--ip-permissions", "--dry-run", "--no-dry-run"), SIMPLE, NOT_READ).flatMap(List::stream).sorted().toList();

    private final String line;
    private final Map<String, String> values = new LinkedHashMap<>();
    private List<String> permissions;
    private Boolean dryRun;

    Options(String line) {
      this.line = line;
    }

    /** Reads every option, the last occurrence winning; returns the positional words. */
    List<String> parse(List<String> words) {
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (!isOption(word)) {
          positional.add(word);
          continue;
        }
        int eq = word.indexOf('=');
        String name = expand(eq > 0 ? word.substring(0, eq) : word);
        String inline = eq > 0 ? word.substring(eq + 1) : null;
        if (name.equals("--ip-permissions") || NOT_READ.contains(name)) {
          List<String> list = new ArrayList<>();
          if (inline != null) {
            list.add(inline);
          }
          while (i + 1 < words.size() && !isOption(words.get(i + 1))) {
            list.add(words.get(++i));
          }
          if (name.equals("--ip-permissions")) {
            permissions = list.isEmpty() ? null : list; // the CLI sends no permissions then
          } else {
            values.put(name, String.join(" ", list));
          }
        } else if (name.equals("--dry-run") || name.equals("--no-dry-run") || GLOBAL_FLAGS.contains(name)) {
          if (inline != null) {
            throw commandError(line, name + " without a value", word);
          }
          if (!GLOBAL_FLAGS.contains(name)) {
            dryRun = name.equals("--dry-run");
          }
        } else {
          String value = inline;
          if (value == null) {
            if (i + 1 >= words.size() || isOption(words.get(i + 1))) {
              throw commandError(line, "a value after " + name, "");
            }
            value = words.get(++i);
          }
          List<String> choices = GLOBAL_WITH_VALUE.get(name);
          if (choices != null && !choices.isEmpty() && !choices.contains(value)) {
            throw commandError(line, name + " " + String.join(", ", choices), value);
          }
          values.put(name, value);
        }
      }
      return positional;
    }

    /** argparse's abbreviations: a unique prefix of an option stands for it (global options first). */
    private String expand(String name) {
      if (ALL_OPTIONS.contains(name) || GLOBAL_WITH_VALUE.containsKey(name) || GLOBAL_FLAGS.contains(name)) {
        return name;
      }
      for (List<String> options : List.of(GLOBAL_OPTIONS, ALL_OPTIONS)) {
        List<String> matches = options.stream().filter(o -> o.startsWith(name)).toList();
        if (matches.size() > 1) {
          throw commandError(line, "one of " + String.join(", ", matches) + " (" + name + " is ambiguous)", name);
        }
        if (matches.size() == 1) {
          return matches.get(0);
        }
      }
      return name;
    }

    /** Refuses what the CLI refuses and what Portcullis does not read. */
    void check(Direction direction, boolean revoke, String command) {
      List<String> known = new ArrayList<>(List.of("--group-id", "--ip-permissions"));
      known.addAll(SIMPLE);
      if (direction == Direction.INGRESS) {
        known.add("--group-name");
      }
      known.addAll(NOT_READ);
      known.remove(revoke ? "--tag-specifications" : "--security-group-rule-ids");
      for (String name : values.keySet()) {
        if (!known.contains(name) && !GLOBAL_WITH_VALUE.containsKey(name)) {
          throw commandError(line, "an option of " + command + " (" + String.join(", ", known) + ", --dry-run)",
              name);
        }
      }
      for (String name : values.keySet()) {
        if (NOT_READ.contains(name)) {
          throw new InvalidRuleException(Violation.of(name, values.get(name), "the options Portcullis reads: "
              + "--group-id, --group-name, --ip-permissions, the simple options and --dry-run"));
        }
      }
      if (direction == Direction.EGRESS && !values.containsKey("--group-id")) {
        throw new InvalidRuleException(Violation.of("--group-id", "", "a --group-id: the egress commands need one"));
      }
      for (String name : List.of("--group-id", "--group-name")) {
        if ("".equals(values.get(name))) {
          throw new InvalidRuleException(Violation.of(name, "", "a security group " + name.substring(8)));
        }
      }
      if (values.containsKey("--group-id") && values.containsKey("--group-name")) {
        throw new InvalidRuleException(Violation.of("--group-id/--group-name", values.get("--group-name"),
            "one of --group-id and --group-name"));
      }
      boolean simple = SIMPLE.stream().anyMatch(o -> !values.getOrDefault(o, "").isEmpty());
      if (permissions != null && simple) {
        throw new InvalidRuleException(Violation.of("options", String.join(" ", values.keySet()),
            "either --ip-permissions or the simple options (--protocol, --port, --cidr, --source-group), not both"));
      }
      if (permissions == null && !simple) {
        throw new InvalidRuleException(Violation.of("options", command,
            "--ip-permissions or --protocol with --cidr or --source-group"));
      }
    }

    CliRequest request(Direction direction, boolean revoke) {
      List<IpPermission> perms = permissions != null ? CliPermissions.read(permissions)
          : List.of(CliPermissions.simple(values));
      return new CliRequest(revoke, direction, Optional.ofNullable(values.get("--group-id")),
          Optional.ofNullable(values.get("--group-name")), perms, Boolean.TRUE.equals(dryRun), permissions == null);
    }

    /**
     * argparse: a word starting with '-' is an option unless it is a negative number or holds a space (other than
     * in the value of {@code --option=value}).
     */
    private static boolean isOption(String word) {
      if (word.length() < 2 || word.charAt(0) != '-' || NEGATIVE_NUMBER.matcher(word).matches()) {
        return false;
      }
      int eq = word.indexOf('=');
      return !(eq < 0 ? word : word.substring(0, eq)).contains(" ");
    }
  }

  /** JSON text read as the CLI's Python {@code json.loads} would: one value and nothing after it. */
  static Object json(String text) {
    try {
      return plain(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 1 : Math.max(1, (int) e.getLocation().getCharOffset() + 1);
      throw new RuleSyntaxException(text, column, "one JSON value (" + e.getOriginalMessage() + ")", "");
    }
  }

  private static Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), plain(e.getValue()));
      }
      return fields;
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(v -> items.add(plain(v)));
      return items;
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  /** Python's {@code int(text)}: white space around, a sign, decimal digits of any script, single underscores. */
  static BigInteger pythonInt(String text) {
    String s = CliShorthand.pythonStrip(text);
    StringBuilder digits = new StringBuilder();
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      digits.append(s.charAt(0));
      i++;
    }
    boolean lastDigit = false;
    int count = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_' && lastDigit && i < s.length()) {
        lastDigit = false;
        continue;
      }
      int d = Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(cp, 10) : -1;
      if (d < 0) {
        throw new NumberFormatException(text);
      }
      digits.append((char) ('0' + d));
      lastDigit = true;
      count++;
    }
    if (count == 0 || !lastDigit) {
      throw new NumberFormatException(text);
    }
    return new BigInteger(digits.toString());
  }
}
