package io.portcullis.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * A security group rule as {@link FakeEc2} keeps it, with the fields of EC2's {@code SecurityGroupRule}.
 * Exactly one of the four remotes is present.
 *
 * @param id the rule id, {@code sgr-...}
 * @param groupId the group the rule belongs to
 * @param egress whether it is an outbound rule
 * @param ipProtocol {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code -1} (all) or another
 *     protocol number
 * @param fromPort the first port, or the ICMP type; -1 when the protocol has no ports
 * @param toPort the last port, or the ICMP code; -1 when the protocol has no ports
 * @param cidrIpv4 the canonical IPv4 CIDR block
 * @param cidrIpv6 the canonical IPv6 CIDR block
 * @param prefixListId the managed prefix list
 * @param referencedGroup the referenced security group
 * @param description the description
 * @param tags the rule's tags
 */
public record FakeEc2Rule(
    String id,
    String groupId,
    boolean egress,
    String ipProtocol,
    int fromPort,
    int toPort,
    Optional<String> cidrIpv4,
    Optional<String> cidrIpv6,
    Optional<String> prefixListId,
    Optional<FakeEc2GroupReference> referencedGroup,
    Optional<String> description,
    Map<String, String> tags) {

  /** Copies the tags. */
  public FakeEc2Rule {
    tags = Map.copyOf(tags);
  }

  /** The remote as text: the CIDR block, the prefix list id or the referenced group id. */
  public String remote() {
    return cidrIpv4.or(() -> cidrIpv6).or(() -> prefixListId)
        .orElseGet(() -> referencedGroup.map(FakeEc2GroupReference::groupId).orElseThrow());
  }

  /**
   * What makes two rules the same to EC2: group, direction, protocol, ports and remote (not the id, the
   * description or the tags).
   */
  String matchKey() {
    return groupId + '|' + egress + '|' + ipProtocol + '|' + fromPort + '|' + toPort + '|' + remoteKind() + ':'
        + remote();
  }

  /** {@code cidr}, {@code prefix-list} or {@code group}: the kind of remote, which a modify cannot change. */
  String remoteKind() {
    if (cidrIpv4.isPresent() || cidrIpv6.isPresent()) {
      return "cidr";
    }
    return prefixListId.isPresent() ? "prefix-list" : "group";
  }

  /** Whether the rule counts towards the IPv4 quota (group and prefix-list rules count for both families). */
  boolean countsForIpv4() {
    return cidrIpv6.isEmpty();
  }

  /** Whether the rule counts towards the IPv6 quota. */
  boolean countsForIpv6() {
    return cidrIpv4.isEmpty();
  }

  /** This rule with another id, group and tags. */
  FakeEc2Rule stored(String newId, String newGroupId, Map<String, String> newTags) {
    return new FakeEc2Rule(newId, newGroupId, egress, ipProtocol, fromPort, toPort, cidrIpv4, cidrIpv6,
        prefixListId, referencedGroup, description, newTags);
  }

  /** This rule with another description (empty removes it). */
  FakeEc2Rule withDescription(Optional<String> newDescription) {
    return new FakeEc2Rule(id, groupId, egress, ipProtocol, fromPort, toPort, cidrIpv4, cidrIpv6, prefixListId,
        referencedGroup, newDescription, tags);
  }
}
