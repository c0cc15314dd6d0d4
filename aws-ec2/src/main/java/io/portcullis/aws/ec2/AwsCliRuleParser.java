package io.portcullis.aws.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.Protocol;
import io.portcullis.core.RuleSyntaxException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Reads the AWS CLI syntax of EC2 security-group rules into neutral rules, for users migrating scripts: the
 * {@code --ip-permissions} value in shorthand ({@code IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]})
 * or JSON ({@code [{"IpProtocol":"tcp",...}]}) syntax, and whole commands with the simple options {@code --protocol
 * tcp --port 22 --cidr 203.0.113.0/24} or {@code --source-group sg-.. --group-owner ..}.
 *
 * <p>The simple options mean what the AWS CLI sends: {@code --port 22} is FromPort=ToPort=22, {@code 1000-2000} a
 * range, {@code -1} or {@code all} everything; for ICMP the two numbers are type and code, so {@code --port 3-4} is
 * type 3 code 4 and {@code --port 8} is type 8 code 8. Without {@code --port} a rule covers all ports.
 *
 * <p>Text that is not in the syntax fails with {@link RuleSyntaxException} (column and what was expected); a
 * well-formed permission EC2 would refuse or misread (no ports for tcp, ports with protocol -1, no source) fails
 * with {@link InvalidRuleException}.
 */
public final class AwsCliRuleParser {
  // Error messages should point at a column, not repeat the whole input.
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
  private static final Pattern COMMAND = Pattern.compile("(authorize|revoke)-security-group-(ingress|egress)");
  private static final Set<String> IGNORED_OPTIONS_WITH_VALUE =
      Set.of("--region", "--profile", "--output", "--endpoint-url", "--query", "--color", "--cli-read-timeout",
          "--cli-connect-timeout");
  private static final Set<String> IGNORED_FLAGS =
      Set.of("--debug", "--no-paginate", "--no-verify-ssl", "--no-sign-request", "--no-cli-pager", "--no-dry-run");

  private AwsCliRuleParser() {}

  /**
   * Reads an {@code --ip-permissions} value, shorthand or JSON (recognised by a leading {@code [} or <code>{</code>).
   * In shorthand, several permissions are separated by spaces.
   */
  public static List<SecurityRule> parseIpPermissions(Direction direction, String value) {
    String text = value == null ? "" : value.strip();
    List<Map<String, Object>> structures = text.startsWith("[") || text.startsWith("{")
        ? json(text) : CliShorthand.parse(text);
    List<SecurityRule> rules = new ArrayList<>();
    for (Map<String, Object> structure : structures) {
      rules.addAll(rules(direction, permission(structure), true));
    }
    return rules;
  }

  /**
   * Reads a whole command such as {@code aws ec2 revoke-security-group-ingress --group-name mySecurityGroup
   * --protocol tcp --port 22 --cidr 203.0.113.0/24}, with shell quoting and {@code \} line continuations.
   * Global options such as {@code --region} are ignored.
   */
  public static AwsCliCommand parseCommand(String commandLine) {
    List<String> words = CliWords.split(commandLine == null ? "" : commandLine);
    int i = 0;
    if (i < words.size() && words.get(i).equals("aws")) {
      i++;
    }
    if (i < words.size() && words.get(i).equals("ec2")) {
      i++;
    }
    String command = i < words.size() ? words.get(i) : "";
    Matcher m = COMMAND.matcher(command);
    if (!m.matches()) {
      throw commandError(commandLine, "authorize-security-group-ingress, authorize-security-group-egress, "
          + "revoke-security-group-ingress or revoke-security-group-egress", command);
    }
    Direction direction = m.group(2).equals("ingress") ? Direction.INGRESS : Direction.EGRESS;
    Map<String, String> simple = new LinkedHashMap<>();
    List<String> permissions = new ArrayList<>();
    Optional<SecurityGroupRef> group = Optional.empty();
    boolean dryRun = false;
    for (i++; i < words.size(); i++) {
      String option = words.get(i);
      switch (option) {
        case "--ip-permissions" -> {
          while (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
            permissions.add(words.get(++i));
          }
        }
        case "--dry-run" -> dryRun = true;
        case "--group-id", "--group-name", "--protocol", "--port", "--cidr", "--source-group", "--group-owner" -> {
          if (i + 1 >= words.size()) {
            throw commandError(commandLine, "a value after " + option, "");
          }
          String value = words.get(++i);
          if (option.equals("--group-id")) {
            group = Optional.of(SecurityGroupRef.ofId(value));
          } else if (option.equals("--group-name")) {
            group = Optional.of(SecurityGroupRef.ofName(value));
          } else {
            simple.put(option, value);
          }
        }
        default -> {
          if (IGNORED_OPTIONS_WITH_VALUE.contains(option)) {
            i++;
          } else if (!IGNORED_FLAGS.contains(option)) {
            throw commandError(commandLine, "an option of " + command + " (--group-id, --group-name, "
                + "--ip-permissions, --protocol, --port, --cidr, --source-group, --group-owner, --dry-run)", option);
          }
        }
      }
    }
    List<SecurityRule> rules = new ArrayList<>();
    if (!permissions.isEmpty() && !simple.isEmpty()) {
      throw new InvalidRuleException(Violation.of("options", String.join(" ", simple.keySet()),
          "either --ip-permissions or the simple options (--protocol, --port, --cidr, --source-group), not both"));
    }
    for (String p : permissions) {
      rules.addAll(parseIpPermissions(direction, p));
    }
    if (!simple.isEmpty()) {
      rules.addAll(rules(direction, simplePermission(simple), false));
    }
    if (rules.isEmpty()) {
      throw new InvalidRuleException(Violation.of("options", command,
          "--ip-permissions or --protocol with --cidr or --source-group"));
    }
    return new AwsCliCommand(m.group(1).equals("revoke"), direction, group, rules, dryRun);
  }

  private static RuleSyntaxException commandError(String input, String expected, String found) {
    String text = input == null ? "" : input;
    int at = found.isEmpty() ? text.length() : Math.max(0, text.indexOf(found));
    return new RuleSyntaxException(text, at + 1, expected, found);
  }

  /** The permission the AWS CLI builds from its simple options. */
  private static IpPermission simplePermission(Map<String, String> options) {
    String protocol = options.get("--protocol");
    if (protocol == null) {
      throw new InvalidRuleException(Violation.of("--protocol", "", "tcp, udp, icmp, all or a protocol number"));
    }
    String cidr = options.get("--cidr");
    String source = options.get("--source-group");
    if ((cidr == null) == (source == null)) {
      throw new InvalidRuleException(Violation.of("--cidr/--source-group", String.valueOf(cidr != null ? cidr : ""),
          "exactly one of --cidr and --source-group"));
    }
    String owner = options.get("--group-owner");
    if (owner != null && source == null) {
      throw new InvalidRuleException(Violation.of("--group-owner", owner, "--group-owner only with --source-group"));
    }
    IpPermission.Builder b = IpPermission.builder()
        .ipProtocol(protocol.equalsIgnoreCase("all") ? "-1" : protocol.toLowerCase(Locale.ROOT));
    String port = options.get("--port");
    if (port != null) {
      int[] range = cliPort(port);
      b.fromPort(range[0]).toPort(range[1]);
    }
    if (cidr != null) {
      b.ipRanges(IpRange.builder().cidrIp(cidr).build());
    } else {
      UserIdGroupPair.Builder pair = UserIdGroupPair.builder().userId(owner);
      // As the CLI does: an sg- value is an id, anything else a name.
      b.userIdGroupPairs((source.startsWith("sg-") ? pair.groupId(source) : pair.groupName(source)).build());
    }
    return b.build();
  }

  private static int[] cliPort(String port) {
    try {
      if (port.equals("-1") || port.equalsIgnoreCase("all")) {
        return new int[] {-1, -1};
      }
      int dash = port.indexOf('-');
      if (dash > 0) {
        return new int[] {Integer.parseInt(port.substring(0, dash)), Integer.parseInt(port.substring(dash + 1))};
      }
      int n = Integer.parseInt(port);
      return new int[] {n, n};
    } catch (NumberFormatException e) {
      throw new InvalidRuleException(Violation.of("--port", port,
          "a port N, a range FROM-TO, ICMP TYPE-CODE, or -1 / all"));
    }
  }

  // ---- JSON ----

  private static List<Map<String, Object>> json(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 1 : Math.max(1, (int) e.getLocation().getCharOffset() + 1);
      throw new RuleSyntaxException(text, column, "JSON (" + e.getOriginalMessage() + ")", "");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    if (root.isObject()) {
      out.add(jsonObject(root, text));
    } else if (root.isArray() && !root.isEmpty()) {
      for (JsonNode item : root) {
        if (!item.isObject()) {
          throw new RuleSyntaxException(text, 1, "a JSON array of permission objects", item.toString());
        }
        out.add(jsonObject(item, text));
      }
    } else {
      throw new RuleSyntaxException(text, 1, "a JSON array of permission objects", root.toString());
    }
    return out;
  }

  private static Map<String, Object> jsonObject(JsonNode node, String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fields.put(e.getKey(), jsonValue(e.getKey(), e.getValue(), text));
    }
    return fields;
  }

  private static Object jsonValue(String key, JsonNode value, String text) {
    if (value.isObject()) {
      return jsonObject(value, text);
    }
    if (value.isArray()) {
      List<Object> items = new ArrayList<>();
      value.forEach(v -> items.add(jsonValue(key, v, text)));
      return items;
    }
    if (value.isTextual() || value.isIntegralNumber()) {
      return value.asText();
    }
    throw new InvalidRuleException(Violation.of(key, value.toString(), "a string or an integer"));
  }

  // ---- structures to permissions ----

  private static IpPermission permission(Map<String, Object> s) {
    IpPermission.Builder b = IpPermission.builder();
    for (Map.Entry<String, Object> e : s.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      switch (key) {
        case "IpProtocol" -> b.ipProtocol(string(key, v));
        case "FromPort" -> b.fromPort(integer(key, v));
        case "ToPort" -> b.toPort(integer(key, v));
        case "IpRanges" -> b.ipRanges(structures(key, v, Set.of("CidrIp", "Description")).stream()
            .map(m -> IpRange.builder().cidrIp(field(key, m, "CidrIp", true)).description(field(key, m, "Description",
                false)).build()).toList());
        case "Ipv6Ranges" -> b.ipv6Ranges(structures(key, v, Set.of("CidrIpv6", "Description")).stream()
            .map(m -> Ipv6Range.builder().cidrIpv6(field(key, m, "CidrIpv6", true))
                .description(field(key, m, "Description", false)).build()).toList());
        case "PrefixListIds" -> b.prefixListIds(structures(key, v, Set.of("PrefixListId", "Description")).stream()
            .map(m -> PrefixListId.builder().prefixListId(field(key, m, "PrefixListId", true))
                .description(field(key, m, "Description", false)).build()).toList());
        case "UserIdGroupPairs" -> b.userIdGroupPairs(structures(key, v, Set.of("Description", "GroupId", "GroupName",
            "PeeringStatus", "UserId", "VpcId", "VpcPeeringConnectionId")).stream()
            .map(AwsCliRuleParser::pair).toList());
        default -> throw new InvalidRuleException(Violation.of("ip-permissions", key,
            "one of IpProtocol, FromPort, ToPort, IpRanges, Ipv6Ranges, PrefixListIds, UserIdGroupPairs"));
      }
    }
    return b.build();
  }

  private static UserIdGroupPair pair(Map<String, Object> m) {
    String key = "UserIdGroupPairs";
    if (m.get("GroupId") == null && m.get("GroupName") == null) {
      throw new InvalidRuleException(Violation.of(key, m.toString(), "a GroupId or a GroupName"));
    }
    // PeeringStatus is read-only state EC2 reports; it does not change what the rule allows.
    return UserIdGroupPair.builder()
        .groupId(field(key, m, "GroupId", false))
        .groupName(field(key, m, "GroupName", false))
        .userId(field(key, m, "UserId", false))
        .vpcId(field(key, m, "VpcId", false))
        .vpcPeeringConnectionId(field(key, m, "VpcPeeringConnectionId", false))
        .description(field(key, m, "Description", false))
        .build();
  }

  /**
   * The neutral rules of a permission given by a user, refusing what EC2 would reject or silently widen. The
   * simple options may leave the ports out (all ports); {@code --ip-permissions} must give them, as EC2 requires.
   */
  private static List<SecurityRule> rules(Direction direction, IpPermission p, boolean portsRequired) {
    if (p.ipProtocol() == null) {
      throw new InvalidRuleException(Violation.of("IpProtocol", "", "tcp, udp, icmp, icmpv6, -1 or a number"));
    }
    Protocol protocol = Protocol.parse(p.ipProtocol());
    Integer from = p.fromPort();
    Integer to = p.toPort();
    if (portsRequired && (protocol.hasPorts() || protocol.equals(Protocol.ICMP)) && (from == null || to == null)) {
      throw new InvalidRuleException(Violation.of("FromPort/ToPort", from + "-" + to, "both FromPort and ToPort for "
          + protocol.keyword() + ": EC2 needs " + (protocol.hasPorts() ? "a port range" : "a type and code (-1 for any)")));
    }
    if (!protocol.hasPorts() && !protocol.isIcmp() && !(isMinusOne(from) && isMinusOne(to))) {
      throw new InvalidRuleException(Violation.of("FromPort/ToPort", from + "-" + to,
          "no ports with protocol " + p.ipProtocol() + ": EC2 would ignore them and allow every port"));
    }
    List<SecurityRule> rules = Ec2RuleTranslator.reverse(direction, p);
    if (rules.isEmpty()) {
      throw new InvalidRuleException(Violation.of("ip-permissions", p.ipProtocol(),
          "a source or destination: IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs"));
    }
    return rules;
  }

  private static boolean isMinusOne(Integer port) {
    return port == null || port == -1;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> structures(String key, Object value, Set<String> keys) {
    if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
      throw new InvalidRuleException(Violation.of(key, String.valueOf(value), "a list of {" + String.join(",", keys)
          + "} structures"));
    }
    List<Map<String, Object>> maps = (List<Map<String, Object>>) value;
    for (Map<String, Object> m : maps) {
      for (String k : m.keySet()) {
        if (!keys.contains(k)) {
          throw new InvalidRuleException(Violation.of(key, k, "one of " + String.join(", ", keys.stream().sorted()
              .toList())));
        }
      }
    }
    return maps;
  }

  private static String field(String key, Map<String, Object> m, String name, boolean required) {
    Object v = m.get(name);
    if (v == null) {
      if (required) {
        throw new InvalidRuleException(Violation.of(key, m.toString(), "a " + name + " in each item"));
      }
      return null;
    }
    return string(key + "." + name, v);
  }

  private static String string(String key, Object v) {
    if (!(v instanceof String s)) {
      throw new InvalidRuleException(Violation.of(key, String.valueOf(v), "a single value, not a list"));
    }
    return s;
  }

  private static int integer(String key, Object v) {
    String s = string(key, v);
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new InvalidRuleException(Violation.of(key, s, "an integer"));
    }
  }
}
