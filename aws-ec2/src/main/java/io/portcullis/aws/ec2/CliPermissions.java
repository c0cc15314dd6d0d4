package io.portcullis.aws.ec2;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.IpVersion;
import io.portcullis.core.Protocol;
import io.portcullis.core.RuleSyntaxException;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * The {@code IpPermissions} the AWS CLI builds from {@code --ip-permissions} words or the simple options (as
 * {@code awscli/argprocess.py}, {@code shorthand.py} and {@code customizations/ec2/secgroupsimplify.py} do, with
 * botocore's type checks), and the neutral rules of a permission where EC2 would accept it exactly.
 */
final class CliPermissions {
  private static final List<String> PERMISSION_KEYS = List.of("IpProtocol", "FromPort", "ToPort", "IpRanges",
      "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs");
  private static final Map<String, List<String>> ITEM_KEYS = Map.of(
      "IpRanges", List.of("CidrIp", "Description"),
      "Ipv6Ranges", List.of("CidrIpv6", "Description"),
      "PrefixListIds", List.of("PrefixListId", "Description"),
      "UserIdGroupPairs", List.of("Description", "GroupId", "GroupName", "PeeringStatus", "UserId", "VpcId",
          "VpcPeeringConnectionId"));
  private static final Set<String> EC2_PROTOCOL_NAMES = Set.of("tcp", "udp", "icmp", "icmpv6");

  private CliPermissions() {}

  /** The permissions of the words after {@code --ip-permissions}: JSON, or one shorthand structure per word. */
  static List<IpPermission> read(List<String> words) {
    if (words.isEmpty()) {
      throw new RuleSyntaxException("", 1, "a permission such as IpProtocol=tcp,FromPort=22,ToPort=22,"
          + "IpRanges=[{CidrIp=203.0.113.0/24}]", "");
    }
    String first = CliShorthand.pythonStrip(words.get(0));
    List<Object> items = new ArrayList<>();
    if (first.startsWith("[") || first.startsWith("{")) {
      if (words.size() == 1 && first.startsWith("[")) {
        Object value = AwsCliRuleParser.json(words.get(0));
        if (!(value instanceof List<?> list)) {
          throw new InvalidRuleException(Violation.of("ip-permissions", String.valueOf(value), "a JSON list"));
        }
        items.addAll(list);
      } else {
        for (String word : words) {
          if (!CliShorthand.pythonStrip(word).startsWith("{")) {
            throw new RuleSyntaxException(word, 1, "a JSON object: after a JSON word every word must be one", word);
          }
          items.add(AwsCliRuleParser.json(word));
        }
      }
      return items.stream().map(item -> permission(item, false)).toList();
    }
    for (String word : words) {
      items.add(CliShorthand.parse(word));
    }
    return items.stream().map(item -> permission(item, true)).toList();
  }

  /** The permission of the simple options, as the CLI's {@code secgroupsimplify} builds it. */
  static IpPermission simple(Map<String, String> options) {
    IpPermission.Builder b = IpPermission.builder();
    String protocol = options.getOrDefault("--protocol", "");
    if (!protocol.isEmpty()) {
      if (!isCliProtocol(protocol)) {
        throw new InvalidRuleException(Violation.of("--protocol", protocol,
            "tcp, udp, icmp, all or a protocol number 0-255 (-1 for all)"));
      }
      b.ipProtocol(protocol.equals("all") ? "-1" : protocol);
    }
    String port = options.getOrDefault("--port", "");
    if (!port.isEmpty()) {
      try {
        String from = port;
        String to = port;
        if (port.equals("-1") || port.equals("all")) {
          from = "-1";
          to = "-1";
        } else if (port.contains("-")) {
          from = port.substring(0, port.indexOf('-'));
          to = port.substring(port.indexOf('-') + 1);
        }
        b.fromPort(port("--port", AwsCliRuleParser.pythonInt(from)))
            .toPort(port("--port", AwsCliRuleParser.pythonInt(to)));
      } catch (NumberFormatException e) {
        throw new InvalidRuleException(Violation.of("--port", port, "a port N, a range FROM-TO, ICMP TYPE-CODE, "
            + "or -1 / all"));
      }
    }
    String cidr = options.getOrDefault("--cidr", "");
    if (!cidr.isEmpty()) {
      b.ipRanges(IpRange.builder().cidrIp(cidr).build());
    }
    String source = options.getOrDefault("--source-group", "");
    String owner = options.getOrDefault("--group-owner", "");
    if (!source.isEmpty() || !owner.isEmpty()) {
      UserIdGroupPair.Builder pair = UserIdGroupPair.builder().userId(owner.isEmpty() ? null : owner);
      // As the CLI does: an sg- value is an id, anything else a name.
      if (source.startsWith("sg-")) {
        pair.groupId(source);
      } else if (!source.isEmpty()) {
        pair.groupName(source);
      }
      b.userIdGroupPairs(pair.build());
    }
    return b.build();
  }

  private static boolean isCliProtocol(String protocol) {
    try {
      BigInteger n = AwsCliRuleParser.pythonInt(protocol);
      if (n.compareTo(BigInteger.valueOf(255)) <= 0 && n.compareTo(BigInteger.valueOf(-1)) >= 0) {
        return true;
      }
    } catch (NumberFormatException e) {
      // a name
    }
    return List.of("tcp", "udp", "icmp", "all").contains(protocol);
  }

  /** One permission: coerced as the CLI's shorthand reader does, then type-checked as botocore does. */
  private static IpPermission permission(Object item, boolean shorthand) {
    Map<String, Object> p = structure("IpPermissions", item, PERMISSION_KEYS);
    IpPermission.Builder b = IpPermission.builder();
    for (Map.Entry<String, Object> e : p.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      switch (key) {
        case "IpProtocol" -> b.ipProtocol(string(key, v));
        case "FromPort" -> b.fromPort(integer(key, v, shorthand));
        case "ToPort" -> b.toPort(integer(key, v, shorthand));
        case "IpRanges" -> b.ipRanges(items(key, v, shorthand).stream().map(m -> IpRange.builder()
            .cidrIp(string(key, m.get("CidrIp"))).description(string(key, m.get("Description"))).build()).toList());
        case "Ipv6Ranges" -> b.ipv6Ranges(items(key, v, shorthand).stream().map(m -> Ipv6Range.builder()
            .cidrIpv6(string(key, m.get("CidrIpv6"))).description(string(key, m.get("Description"))).build())
            .toList());
        case "PrefixListIds" -> b.prefixListIds(items(key, v, shorthand).stream().map(m -> PrefixListId.builder()
            .prefixListId(string(key, m.get("PrefixListId"))).description(string(key, m.get("Description")))
            .build()).toList());
        default -> b.userIdGroupPairs(items(key, v, shorthand).stream().map(m -> UserIdGroupPair.builder()
            .groupId(string(key, m.get("GroupId"))).groupName(string(key, m.get("GroupName")))
            .userId(string(key, m.get("UserId"))).vpcId(string(key, m.get("VpcId")))
            .vpcPeeringConnectionId(string(key, m.get("VpcPeeringConnectionId")))
            .peeringStatus(string(key, m.get("PeeringStatus")))
            .description(string(key, m.get("Description"))).build()).toList());
      }
    }
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> structure(String key, Object value, List<String> keys) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidRuleException(Violation.of(key, String.valueOf(value), "a structure {" + String.join(", ",
          keys) + "}"));
    }
    for (Object k : map.keySet()) {
      if (!keys.contains(k)) {
        throw new InvalidRuleException(Violation.of(key, String.valueOf(k), "one of " + String.join(", ", keys)));
      }
    }
    if (map.containsValue(null)) {
      throw new InvalidRuleException(Violation.of(key, map.toString(), "values, not null"));
    }
    return (Map<String, Object>) map;
  }

  /** A list of structures; shorthand wraps a lone value in a list, as the CLI does. */
  private static List<Map<String, Object>> items(String key, Object value, boolean shorthand) {
    List<?> list = value instanceof List<?> l ? l : shorthand ? List.of(value) : null;
    if (list == null) {
      throw new InvalidRuleException(Violation.of(key, String.valueOf(value), "a list of structures"));
    }
    return list.stream().map(item -> structure(key, item, ITEM_KEYS.get(key))).toList();
  }

  private static String string(String key, Object v) {
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new InvalidRuleException(Violation.of(key, String.valueOf(v), "a string"));
  }

  private static Integer integer(String key, Object v, boolean shorthand) {
    BigInteger n;
    if (shorthand && v instanceof String s) {
      try {
        n = AwsCliRuleParser.pythonInt(s);
      } catch (NumberFormatException e) {
        throw new InvalidRuleException(Violation.of(key, s, "an integer"));
      }
    } else if (v instanceof BigInteger i) {
      n = i;
    } else {
      throw new InvalidRuleException(Violation.of(key, String.valueOf(v), "an integer"));
    }
    return port(key, n);
  }

  private static int port(String key, BigInteger n) {
    if (n.bitLength() > 31) {
      throw new InvalidRuleException(Violation.of(key, n.toString(), "a port 0-65535, an ICMP type or code, or -1"));
    }
    return n.intValue();
  }

  // ---- what EC2 accepts ----

  /**
   * The neutral rules of a permission, refusing what EC2 would reject or what the model would read as something
   * else. The simple options may leave the ports out (all ports, as the CLI documents); {@code --ip-permissions}
   * must give them for tcp, udp and icmp, as EC2 requires.
   */
  static List<SecurityRule> rules(Direction direction, IpPermission p, boolean portsRequired) {
    String word = p.ipProtocol();
    if (word == null || word.isEmpty()) {
      throw new InvalidRuleException(Violation.of("IpProtocol", "", "tcp, udp, icmp, icmpv6, -1 or a number 0-255"));
    }
    boolean number = word.equals("-1") || (word.length() <= 3 && word.chars().allMatch(c -> c >= '0' && c <= '9'));
    if (!number && !EC2_PROTOCOL_NAMES.contains(word.toLowerCase(Locale.ROOT))) {
      throw new InvalidRuleException(Violation.of("IpProtocol", word, "tcp, udp, icmp, icmpv6, -1 (all protocols) "
          + "or a number 0-255" + (word.equalsIgnoreCase("all") || word.equalsIgnoreCase("any")
          ? "; EC2 does not take '" + word + "', write -1 for every protocol" : "")));
    }
    Protocol protocol = Protocol.parse(word);
    Integer from = p.fromPort();
    Integer to = p.toPort();
    String ports = from + "-" + to;
    if (from == null && to == null && !portsRequired) {
      // the simple options without --port: all ports, all ICMP
    } else if (protocol.hasPorts()) {
      boolean all = from != null && to != null && from == -1 && to == -1;
      if (from == null || to == null || !(all || (0 <= from && from <= to && to <= 65535))) {
        throw new InvalidRuleException(Violation.of("FromPort/ToPort", ports, "FromPort and ToPort for " + word
            + ": 0-65535 with FromPort <= ToPort, or both -1"));
      }
    } else if (protocol.isIcmp()) {
      if ((from == null) != (to == null) || (from == null && protocol.equals(Protocol.ICMP))) {
        throw new InvalidRuleException(Violation.of("FromPort/ToPort", ports, "FromPort (type) and ToPort (code) for "
            + word + ", -1 for any"));
      }
      if (from != null && (from < -1 || from > 255 || to < -1 || to > 255 || (from == -1 && to != -1))) {
        throw new InvalidRuleException(Violation.of("FromPort/ToPort", ports, "an ICMP type and code -1-255, a type "
            + "of -1 (any) with a code of -1"));
      }
    } else if (!isMinusOne(from) || !isMinusOne(to)) {
      throw new InvalidRuleException(Violation.of("FromPort/ToPort", ports,
          "no ports with protocol " + word + ": EC2 would ignore them and allow every port"));
    }
    boolean cidrs = !p.ipRanges().isEmpty() || !p.ipv6Ranges().isEmpty();
    if (cidrs && !p.userIdGroupPairs().isEmpty()) {
      throw new InvalidRuleException(Violation.of("UserIdGroupPairs", word, "either CIDR ranges or security groups in"
          + " one permission: EC2 does not take both"));
    }
    for (UserIdGroupPair g : p.userIdGroupPairs()) {
      if (isEmpty(g.groupId()) && isEmpty(g.groupName())) {
        throw new InvalidRuleException(Violation.of("UserIdGroupPairs", g.toString(), "a GroupId or a GroupName"));
      }
    }
    checkDescriptions(p);
    p.ipRanges().forEach(r -> checkCidr("CidrIp", r.cidrIp(), IpVersion.IPV4));
    p.ipv6Ranges().forEach(r -> checkCidr("CidrIpv6", r.cidrIpv6(), IpVersion.IPV6));
    List<SecurityRule> rules = Ec2RuleTranslator.reverse(direction, p);
    if (rules.isEmpty()) {
      throw new InvalidRuleException(Violation.of("ip-permissions", word,
          "a source or destination: IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs"));
    }
    return rules;
  }

  /** A CIDR of the field's family, without the white space or control characters EC2 would refuse. */
  private static void checkCidr(String field, String cidr, IpVersion family) {
    if (cidr == null) {
      return; // reported by the reverse translation
    }
    if (cidr.chars().anyMatch(c -> c <= ' ' || Character.isISOControl(c))
        || CidrBlock.parse(cidr).ipVersion() != family) {
      throw new InvalidRuleException(Violation.of(field, cidr, "an " + (family == IpVersion.IPV4 ? "IPv4" : "IPv6")
          + " CIDR block such as " + (family == IpVersion.IPV4 ? "203.0.113.0/24" : "2001:db8::/32")
          + ", without spaces"));
    }
  }

  private static void checkDescriptions(IpPermission p) {
    List<String> descriptions = new ArrayList<>();
    p.ipRanges().forEach(r -> descriptions.add(r.description()));
    p.ipv6Ranges().forEach(r -> descriptions.add(r.description()));
    p.prefixListIds().forEach(r -> descriptions.add(r.description()));
    p.userIdGroupPairs().forEach(r -> descriptions.add(r.description()));
    for (String d : descriptions) {
      if (d != null && (d.length() > 255 || !d.chars().allMatch(c -> Ec2Capabilities.CAPABILITIES.descriptionCharacters().test((char) c)))) {
        throw new InvalidRuleException(Violation.of("Description", d, "at most 255 of the characters EC2 takes: "
            + Ec2Capabilities.DESCRIPTION_CHARACTERS));
      }
    }
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static boolean isMinusOne(Integer port) {
    return port == null || port == -1;
  }
}
