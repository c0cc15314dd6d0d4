package io.portcullis.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A security-group rule as {@link FakeHuaweiVpc} keeps it, in the fields of the Huawei Cloud VPC v3 {@code
 * SecurityGroupRule}. Optional fields are empty where the API replies {@code null}.
 *
 * @param id the rule id (a UUID)
 * @param securityGroupId the group the rule belongs to
 * @param direction {@code ingress} or {@code egress}
 * @param ethertype {@code IPv4} or {@code IPv6}
 * @param protocol {@code icmp}, {@code tcp}, {@code udp}, {@code icmpv6} or an IP protocol number; empty
 *     for all protocols
 * @param multiport the ports as sent ({@code 80}, {@code 1-30}, {@code 22,3389,80}); empty for all ports
 * @param remoteIpPrefix the remote CIDR block, canonical; empty when another remote or none is set
 * @param remoteGroupId the remote security group
 * @param remoteAddressGroupId the remote IP address group
 * @param action {@code allow} or {@code deny}
 * @param priority 1 (highest) to 100
 * @param description the description, empty if none
 * @param createdAt when the rule was created (to the second)
 */
public record FakeHuaweiVpcRule(
    String id,
    String securityGroupId,
    String direction,
    String ethertype,
    Optional<String> protocol,
    Optional<String> multiport,
    Optional<String> remoteIpPrefix,
    Optional<String> remoteGroupId,
    Optional<String> remoteAddressGroupId,
    String action,
    int priority,
    String description,
    Instant createdAt) {

  /** The fields of a {@code BatchCreateSecurityGroupRulesOption}; a create option adds security_group_id. */
  static final Set<String> OPTION_FIELDS = Set.of("description", "direction", "ethertype", "protocol",
      "multiport", "remote_ip_prefix", "remote_group_id", "remote_address_group_id", "action", "priority");
  /** The fields of a {@code CreateSecurityGroupRuleOption}. */
  static final Set<String> CREATE_OPTION_FIELDS =
      Stream.concat(OPTION_FIELDS.stream(), Stream.of("security_group_id")).collect(Collectors.toUnmodifiableSet());

  private static final int MAX_PORT_ENTRIES = 20;
  private static final Pattern PORT_ENTRY = Pattern.compile("[0-9]{1,5}(-[0-9]{1,5})?");

  /** Checks that every part is present. */
  public FakeHuaweiVpcRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(securityGroupId, "securityGroupId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(ethertype, "ethertype");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(multiport, "multiport");
    Objects.requireNonNull(remoteIpPrefix, "remoteIpPrefix");
    Objects.requireNonNull(remoteGroupId, "remoteGroupId");
    Objects.requireNonNull(remoteAddressGroupId, "remoteAddressGroupId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Validates the fields of a rule option the way the API does and builds the rule. Whether the remote
   * groups exist is for the caller to check.
   */
  static FakeHuaweiVpcRule fromOption(JsonNode option, String groupId, String id, Instant now) {
    String direction = oneOf(option, "direction", null, "ingress", "egress");
    String ethertype = oneOf(option, "ethertype", "IPv4", "IPv4", "IPv6");
    Optional<String> protocol = FakeHuaweiVpcJson.text(option, "protocol").filter(p -> !p.isEmpty());
    protocol.ifPresent(p -> checkProtocol(p, ethertype));
    Optional<String> multiport = FakeHuaweiVpcJson.text(option, "multiport").filter(p -> !p.isEmpty());
    if (multiport.isPresent()) {
      if (!protocol.equals(Optional.of("tcp")) && !protocol.equals(Optional.of("udp"))) {
        throw FakeHuaweiVpcError.invalid("Invalid multiport: ports need protocol tcp or udp.");
      }
      ports(multiport.get());
    }
    Optional<String> prefix = FakeHuaweiVpcJson.text(option, "remote_ip_prefix").filter(p -> !p.isEmpty());
    Optional<String> group = FakeHuaweiVpcJson.text(option, "remote_group_id").filter(p -> !p.isEmpty());
    Optional<String> addressGroup =
        FakeHuaweiVpcJson.text(option, "remote_address_group_id").filter(p -> !p.isEmpty());
    if (Stream.of(prefix, group, addressGroup).filter(Optional::isPresent).count() > 1) {
      throw FakeHuaweiVpcError.invalid(
          "remote_ip_prefix, remote_group_id and remote_address_group_id are mutually exclusive.");
    }
    prefix = prefix.map(p -> canonicalPrefix(p, ethertype));
    String action = oneOf(option, "action", "allow", "allow", "deny");
    int priority = FakeHuaweiVpcJson.integer(option, "priority").orElse(1);
    if (priority < 1 || priority > 100) {
      throw FakeHuaweiVpcError.invalid("Invalid priority " + priority + ": it must be 1-100.");
    }
    return new FakeHuaweiVpcRule(id, groupId, direction, ethertype, protocol, multiport, prefix, group,
        addressGroup, action, priority, FakeHuaweiVpcJson.description(option), now);
  }

  /** A string field with one of the allowed values; {@code fallback} when absent (null: required). */
  private static String oneOf(JsonNode option, String field, String fallback, String... allowed) {
    Optional<String> value = FakeHuaweiVpcJson.text(option, field);
    if (value.isEmpty() && fallback != null) {
      return fallback;
    }
    if (value.isPresent() && List.of(allowed).contains(value.get())) {
      return value.get();
    }
    throw FakeHuaweiVpcError.invalid("Invalid " + field + " " + value.orElse("(missing)") + ": it must be one of "
        + String.join(", ", allowed) + ".");
  }

  private static void checkProtocol(String protocol, String ethertype) {
    boolean number = protocol.matches("[0-9]{1,3}") && Integer.parseInt(protocol) <= 255;
    if (!number && !List.of("icmp", "tcp", "udp", "icmpv6").contains(protocol)) {
      throw FakeHuaweiVpcError.invalid(
          "Invalid protocol " + protocol + ": it must be icmp, tcp, udp, icmpv6 or a number 0-255.");
    }
    if (protocol.equals("icmp") && !ethertype.equals("IPv4")
        || protocol.equals("icmpv6") && !ethertype.equals("IPv6")) {
      throw FakeHuaweiVpcError.invalid("Invalid protocol " + protocol + " for ethertype " + ethertype + ".");
    }
  }

  /** Parses a multiport value: at most 20 entries of ports 1-65535 that do not overlap. */
  private static PortSet ports(String multiport) {
    String[] entries = multiport.split(",", -1);
    if (entries.length > MAX_PORT_ENTRIES) {
      throw FakeHuaweiVpcError.invalid("Invalid multiport " + multiport + ": at most 20 entries.");
    }
    List<PortRange> ranges = new ArrayList<>();
    for (String entry : entries) {
      if (!PORT_ENTRY.matcher(entry).matches()) {
        throw FakeHuaweiVpcError.invalid("Invalid multiport " + multiport + ": entries are N or N-M.");
      }
      int dash = entry.indexOf('-');
      int from = Integer.parseInt(dash < 0 ? entry : entry.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(entry.substring(dash + 1));
      if (from < 1 || to > PortRange.MAX_PORT || from > to) {
        throw FakeHuaweiVpcError.invalid("Invalid multiport " + multiport + ": ports are 1-65535.");
      }
      ranges.add(PortRange.of(from, to));
    }
    ranges.sort(Comparator.naturalOrder());
    for (int i = 1; i < ranges.size(); i++) {
      if (ranges.get(i).from() <= ranges.get(i - 1).to()) {
        throw FakeHuaweiVpcError.invalid("Invalid multiport " + multiport + ": entries overlap.");
      }
    }
    return PortSet.of(ranges);
  }

  private static String canonicalPrefix(String prefix, String ethertype) {
    CidrBlock block;
    try {
      block = CidrBlock.parse(prefix);
    } catch (InvalidRuleException e) {
      throw FakeHuaweiVpcError.invalid("Invalid remote_ip_prefix " + prefix + ": an IP address or CIDR block.");
    }
    if ((block.ipVersion() == IpVersion.IPV4) != ethertype.equals("IPv4")) {
      throw FakeHuaweiVpcError.invalid(
          "Invalid remote_ip_prefix " + prefix + ": it does not match ethertype " + ethertype + ".");
    }
    return block.cidr();
  }

  /**
   * Whether the API would call {@code other} a duplicate of this rule: same group, direction, ethertype,
   * protocol, ports (as a set: {@code 80,22} is {@code 22,80}, and {@code 1-65535} is no ports), remote,
   * action and priority. The description does not count.
   */
  public boolean sameRuleAs(FakeHuaweiVpcRule other) {
    return key().equals(other.key());
  }

  /** What makes two rules the same rule to the API (see {@link #sameRuleAs}); equal keys are duplicates. */
  Object key() {
    return new Key(securityGroupId, direction, ethertype, protocol, multiport.map(FakeHuaweiVpcRule::ports)
        .orElse(PortSet.all()), remoteIpPrefix, remoteGroupId, remoteAddressGroupId, action, priority);
  }

  /** What makes two rules the same rule to the API. */
  private record Key(String group, String direction, String ethertype, Optional<String> protocol, PortSet ports,
      Optional<String> prefix, Optional<String> remoteGroup, Optional<String> remoteAddressGroup, String action,
      int priority) {}

  /** The rule as the API replies it ({@code SecurityGroupRule}). */
  ObjectNode toJson(String projectId) {
    String time = createdAt.toString();
    ObjectNode json = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    json.put("id", id);
    json.put("project_id", projectId);
    json.put("security_group_id", securityGroupId);
    json.put("remote_group_id", remoteGroupId.orElse(null));
    json.put("direction", direction);
    json.put("protocol", protocol.orElse(null));
    json.put("description", description);
    json.put("created_at", time);
    json.put("updated_at", time);
    json.put("ethertype", ethertype);
    json.put("remote_ip_prefix", remoteIpPrefix.orElse(null));
    json.put("multiport", multiport.orElse(null));
    json.put("remote_address_group_id", remoteAddressGroupId.orElse(null));
    json.put("action", action);
    json.put("priority", priority);
    return json;
  }
}
