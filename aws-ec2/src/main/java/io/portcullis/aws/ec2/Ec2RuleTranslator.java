package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IcmpMatch;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.PrefixListRemote;
import io.portcullis.core.Protocol;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.Remote;
import io.portcullis.core.RuleRejection;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.TranslationWarning;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Translates neutral rules to EC2 {@code IpPermission}s and back. Pure: no I/O.
 *
 * <p>Forward: a rule with a port list becomes one permission per contiguous range (EC2 takes one range per
 * permission), and rules that share protocol and ports are merged into one permission with several ranges or
 * group pairs, so a batch needs the fewest permissions (within blocks of 2,048 rules: a larger batch than any group
 * holds may repeat a permission's protocol and ports, which EC2 reads as the same rules). Group pairs never share
 * a permission with CIDR ranges or prefix lists, because EC2 documents that a group and a CIDR cannot be in the
 * same set of permissions. What EC2 cannot express is rejected for the whole batch with one {@link
 * UnsupportedRuleException}.
 *
 * <p>Reverse: one neutral rule per range, prefix list or group pair; EC2's spellings of "all ports" ({@code
 * 0-65535}, {@code -1}, none) and "any ICMP" ({@code -1}, none) read back as {@link PortSet#all()} and {@link
 * IcmpMatch#any()}.
 */
public final class Ec2RuleTranslator {
  private static final int ANY = -1;

  private final TranslationPolicy policy;

  /** A translator with this policy for priorities: STRICT rejects them, LENIENT drops them with a warning. */
  public Ec2RuleTranslator(TranslationPolicy policy) {
    this.policy = requireNonNull(policy, "policy");
  }

  /** A translator that rejects everything EC2 cannot carry. */
  public static Ec2RuleTranslator strict() {
    return new Ec2RuleTranslator(TranslationPolicy.STRICT);
  }

  /** The policy for parts EC2 cannot carry. */
  public TranslationPolicy policy() {
    return policy;
  }

  /**
   * Translates a batch of rules of either direction.
   *
   * @throws UnsupportedRuleException naming every rule EC2 cannot express and why, before anything is translated
   */
  public Ec2Translation translate(Collection<SecurityRule> rules) {
    List<RuleRejection> rejections = new ArrayList<>();
    List<TranslationWarning> warnings = new ArrayList<>();
    List<SecurityRule> candidates = new ArrayList<>(rules.size());
    Permissions permissions = new Permissions(candidates, rules.size());
    for (SecurityRule given : rules) {
      SecurityRule rule = given;
      if (policy == TranslationPolicy.LENIENT && given.priority().isPresent()) {
        rule = given.toBuilder().priority(Optional.empty()).build();
        warnings.add(new TranslationWarning(given, "priority " + given.priority().get()
            + " dropped: EC2 security groups have no rule priority (all allow rules apply together)"));
      }
      List<String> reasons = Ec2Capabilities.CAPABILITIES.check(rule);
      List<String> ec2Reasons = ec2Reasons(rule);
      if (!ec2Reasons.isEmpty()) {
        reasons = new ArrayList<>(reasons);
        reasons.addAll(ec2Reasons);
      }
      if (reasons.isEmpty()) {
        candidates.add(rule);
        permissions.addEntries(candidates.size() - 1);
      } else {
        rejections.add(new RuleRejection(given, reasons));
      }
    }
    // Then the repeats and conflicts among what EC2 can express, whose rejections follow those above.
    byte[] outcomes = permissions.entries.outcomes();
    List<SecurityRule> accepted = new ArrayList<>(candidates.size());
    Set<SecurityRule> seen = null; // made only once some rule adds no EC2 rule: only such a rule can be a repeat
    int entry = 0;
    for (int c = 0; c < candidates.size(); c++) {
      if (c % Permissions.BLOCK == 0) {
        permissions.endBlock();
      }
      SecurityRule rule = candidates.get(c);
      boolean added = false;
      int conflicting = 0;
      for (; entry < permissions.entries.size() && permissions.entries.rule(entry) == c; entry++) {
        if (outcomes[entry] == WireEntries.ADDED) {
          permissions.add(entry);
          added = true;
        } else if (outcomes[entry] == WireEntries.CONFLICTING) {
          conflicting++;
        }
      }
      if (!added && seen == null) {
        seen = new HashSet<>(accepted);
      }
      if (seen == null || seen.add(rule)) {
        accepted.add(rule);
        if (conflicting > 0) {
          // EC2 would call a second rule for the same remote and ports a duplicate; with another description, a conflict.
          rejections.add(new RuleRejection(rule, Collections.nCopies(conflicting, "another rule of the batch gives"
              + " the same protocol, ports and remote a different description; EC2 keeps one description per rule")));
        }
      }
    }
    permissions.endBlock();
    if (!rejections.isEmpty()) {
      throw new UnsupportedRuleException(Ec2Capabilities.PROVIDER, rejections);
    }
    return new Ec2Translation(permissions.ingress, permissions.egress, accepted, warnings);
  }

  /**
   * The permissions of a batch, in the order they first appear, holding the EC2 rules (permission and remote) that
   * are not repeats. Rules share a permission within blocks of {@value #BLOCK}: a batch of any size a group can
   * hold gets the fewest permissions, and a larger one is built a block at a time while its objects are in the
   * caches (a million rules added to permissions scattered over the heap, then built, ran at half the speed).
   */
  private static final class Permissions {
    static final int BLOCK = 2048;

    private final List<SecurityRule> rules;
    private final WireEntries entries;
    private final PermissionIndex index = new PermissionIndex(BLOCK / 4);
    private final List<PermissionBuilder> block = new ArrayList<>();
    final List<IpPermission> ingress = new ArrayList<>();
    final List<IpPermission> egress = new ArrayList<>();

    /** Permissions for {@code rules}, with room for about {@code expected} EC2 rules at first. */
    Permissions(List<SecurityRule> rules, int expected) {
      this.rules = rules;
      entries = new WireEntries(rules, expected);
    }

    /** Appends the EC2 rules of {@code rules.get(rule)}, one per port range, to the entries. */
    void addEntries(int rule) {
      SecurityRule r = rules.get(rule);
      boolean ingress = r.direction() == Direction.INGRESS;
      boolean group = r.remote() instanceof SecurityGroupRemote;
      forEachWirePorts(r, (from, to) -> entries.add(PermissionIndex.key(ingress, r.protocol(), from, to, group), rule));
    }

    /** Adds the remote of an entry to its permission in the current block. */
    void add(int entry) {
      SecurityRule rule = rules.get(entries.rule(entry));
      long key = entries.key(entry);
      int id = index.idOf(key);
      if (id == block.size()) {
        block.add(new PermissionBuilder(rule.direction() == Direction.INGRESS, protocolName(rule.protocol()),
            boxed(PermissionIndex.from(key)), boxed(PermissionIndex.to(key))));
      }
      block.get(id).add(rule.remote(), rule.description().orElse(null));
    }

    /** Builds the current block's permissions and starts the next block. */
    void endBlock() {
      for (PermissionBuilder b : block) {
        (b.ingress ? ingress : egress).add(b.build());
      }
      block.clear();
      index.clear();
    }
  }

  /**
   * Each rule split into one rule per port range: the unit EC2 holds, revokes and reports, and so the form in which
   * {@link #reverse(Direction, Collection)} gives back translated rules.
   */
  static List<SecurityRule> perPortRange(Collection<SecurityRule> rules) {
    List<SecurityRule> out = new ArrayList<>();
    for (SecurityRule rule : rules) {
      if (rule.ports().isContiguous()) {
        out.add(rule);
      } else {
        rule.ports().ranges().forEach(r -> out.add(rule.toBuilder().ports(PortSet.of(r)).build()));
      }
    }
    return out;
  }

  /**
   * The EC2 rules one neutral rule becomes, as keys: one per port range (or ICMP match) and remote, without the
   * description. Equal keys are one EC2 rule, which is how {@link Ec2RuleCounter} counts.
   */
  static List<WireRule> wireRules(SecurityRule rule) {
    String protocol = protocolName(rule.protocol());
    List<WireRule> out = new ArrayList<>(1);
    forEachWirePorts(rule, (from, to) ->
        out.add(new WireRule(rule.direction(), protocol, boxed(from), boxed(to), rule.remote())));
    return out;
  }

  /** One EC2 rule: direction, protocol, FromPort/ToPort and remote. */
  record WireRule(Direction direction, String protocol, Integer from, Integer to, Remote remote) {}

  /** What EC2 cannot carry beyond the capability flags: the IP family of a group or prefix-list remote. */
  private static List<String> ec2Reasons(SecurityRule rule) {
    Remote remote = rule.remote();
    if (remote instanceof SecurityGroupRemote && remote.ipVersion() == IpVersion.IPV6) {
      return List.of("EC2 security groups cannot mark a security-group remote as IPv6: a group reference carries no"
          + " IP family; leave the remote IPv4");
    }
    if (remote instanceof PrefixListRemote && remote.ipVersion() == IpVersion.IPV6) {
      return List.of("EC2 security groups cannot mark a prefix-list remote as IPv6: the prefix list's own family"
          + " applies and EC2 reports none; leave the remote IPv4");
    }
    return List.of();
  }

  /** FromPort or ToPort of a protocol that takes no ports (left out of the request). */
  static final int NO_PORT = Integer.MIN_VALUE;

  /** Receives FromPort/ToPort pairs; {@link #NO_PORT} for both when the protocol takes no ports. */
  private interface WirePorts {
    void accept(int from, int to);
  }

  /** The FromPort/ToPort pairs of a rule, one per port range, without a list or boxes per rule. */
  private static void forEachWirePorts(SecurityRule rule, WirePorts ports) {
    Protocol protocol = rule.protocol();
    if (protocol.hasPorts()) {
      if (rule.ports().isAll()) {
        ports.accept(0, PortRange.MAX_PORT);
      }
      for (PortRange r : rule.ports().ranges()) {
        ports.accept(r.from(), r.to());
      }
    } else if (protocol.isIcmp()) {
      IcmpMatch icmp = rule.icmp();
      ports.accept(icmp.type().orElse(ANY), icmp.code().orElse(ANY));
    } else {
      ports.accept(NO_PORT, NO_PORT);
    }
  }

  private static Integer boxed(int port) {
    return port == NO_PORT ? null : port;
  }

  /** EC2's protocol spelling: a name for tcp, udp, icmp and icmpv6, {@code -1} for any, otherwise the number. */
  static String protocolName(Protocol protocol) {
    if (protocol.isAny()) {
      return "-1";
    }
    return protocol.isNamed() ? protocol.keyword() : Integer.toString(protocol.number().getAsInt());
  }

  /** Collects the ranges, prefix lists or group pairs of one permission. */
  private static final class PermissionBuilder {
    private final boolean ingress;
    private final String protocol;
    private final Integer from;
    private final Integer to;
    // Made on first use: a batch can have as many permissions as rules, most with one kind of remote.
    private List<IpRange> ipv4;
    private List<Ipv6Range> ipv6;
    private List<PrefixListId> prefixLists;
    private List<UserIdGroupPair> groups;

    PermissionBuilder(boolean ingress, String protocol, Integer from, Integer to) {
      this.ingress = ingress;
      this.protocol = protocol;
      this.from = from;
      this.to = to;
    }

    /** Adds one remote (the caller makes sure each remote is added once). */
    void add(Remote remote, String description) {
      if (remote instanceof CidrBlock cidr) {
        if (cidr.ipVersion() == IpVersion.IPV4) {
          ipv4 = append(ipv4, IpRange.builder().cidrIp(cidr.cidr()).description(description).build());
        } else {
          ipv6 = append(ipv6, Ipv6Range.builder().cidrIpv6(cidr.cidr()).description(description).build());
        }
      } else if (remote instanceof PrefixListRemote list) {
        prefixLists = append(prefixLists,
            PrefixListId.builder().prefixListId(list.id()).description(description).build());
      } else if (remote instanceof SecurityGroupRemote group) {
        groups = append(groups, UserIdGroupPair.builder()
            .groupId(group.groupId().orElse(null))
            .groupName(group.groupName().orElse(null))
            .userId(group.ownerId().orElse(null))
            .vpcId(group.vpcId().orElse(null))
            .vpcPeeringConnectionId(group.vpcPeeringConnectionId().orElse(null))
            .description(description)
            .build());
      } else {
        // Unreachable: the capability check rejects every other kind of remote first.
        throw new IllegalStateException("no EC2 form for remote " + remote.toText());
      }
    }

    private static <T> List<T> append(List<T> list, T item) {
      List<T> out = list == null ? new ArrayList<>(2) : list;
      out.add(item);
      return out;
    }

    IpPermission build() {
      // Leave unused lists out rather than empty, so the request carries only what the rule says.
      return IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to)
          .ipRanges(ipv4).ipv6Ranges(ipv6).prefixListIds(prefixLists).userIdGroupPairs(groups).build();
    }
  }

  // ---- reverse ----

  /**
   * The neutral rules of one permission (as DescribeSecurityGroups or UnknownIpPermissions report it): one
   * rule per IPv4 range, IPv6 range, prefix list and group pair.
   *
   * @throws InvalidRuleException if the permission describes no valid rule (e.g. an unknown protocol)
   */
  public static List<SecurityRule> reverse(Direction direction, IpPermission permission) {
    SecurityRule.Builder template = template(direction, permission.ipProtocol(), permission.fromPort(),
        permission.toPort());
    List<SecurityRule> rules = new ArrayList<>();
    for (IpRange r : permission.ipRanges()) {
      rules.add(rule(template, CidrBlock.parse(required("CidrIp", r.cidrIp())), r.description()));
    }
    for (Ipv6Range r : permission.ipv6Ranges()) {
      rules.add(rule(template, CidrBlock.parse(required("CidrIpv6", r.cidrIpv6())), r.description()));
    }
    for (PrefixListId p : permission.prefixListIds()) {
      rules.add(rule(template, PrefixListRemote.of(required("PrefixListId", p.prefixListId())), p.description()));
    }
    for (UserIdGroupPair g : permission.userIdGroupPairs()) {
      rules.add(rule(template, groupRemote(g.groupId(), g.groupName(), g.userId(), g.vpcId(),
          g.vpcPeeringConnectionId()), g.description()));
    }
    return rules;
  }

  /** The neutral rules of several permissions of one direction, one per range, prefix list or group pair. */
  public static List<SecurityRule> reverse(Direction direction, Collection<IpPermission> permissions) {
    List<SecurityRule> rules = new ArrayList<>();
    permissions.forEach(p -> rules.addAll(reverse(direction, p)));
    return rules;
  }

  /**
   * A rule as DescribeSecurityGroupRules (or an authorize reply) reports it, with its {@code sgr-} id, group and
   * tags.
   *
   * @throws InvalidRuleException if the rule has no remote, describes no valid rule or has a tag without a key
   */
  public static ProvisionedRule reverse(SecurityGroupRule rule) {
    ReferencedSecurityGroup ref = rule.referencedGroupInfo();
    Remote remote = ref == null ? null
        : groupRemote(ref.groupId(), null, ref.userId(), ref.vpcId(), ref.vpcPeeringConnectionId());
    ProvisionedRule read = provisioned(rule.securityGroupRuleId(), rule.groupId(), rule.isEgress(),
        rule.ipProtocol(), rule.fromPort(), rule.toPort(), rule.cidrIpv4(), rule.cidrIpv6(), rule.prefixListId(),
        remote, rule.description());
    if (rule.tags().isEmpty()) {
      return read;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : rule.tags()) {
      if (t == null || t.key() == null) {
        throw new InvalidRuleException(Violation.of("tag key", "null", "every tag of rule "
            + rule.securityGroupRuleId() + " has a key"));
      }
      tags.put(t.key(), t.value() == null ? "" : t.value());
    }
    return ProvisionedRule.builder().from(read).rule(read.rule().toBuilder().tags(tags).build()).build();
  }

  /** A rule as a revoke reply's {@code RevokedSecurityGroupRules} reports it. */
  public static ProvisionedRule reverse(RevokedSecurityGroupRule rule) {
    Remote remote = rule.referencedGroupId() == null ? null : SecurityGroupRemote.ofId(rule.referencedGroupId());
    return provisioned(rule.securityGroupRuleId(), rule.groupId(), rule.isEgress(), rule.ipProtocol(),
        rule.fromPort(), rule.toPort(), rule.cidrIpv4(), rule.cidrIpv6(), rule.prefixListId(), remote,
        rule.description());
  }

  private static ProvisionedRule provisioned(String id, String groupId, Boolean isEgress, String protocol,
      Integer from, Integer to, String cidrIpv4, String cidrIpv6, String prefixListId, Remote groupRemote,
      String description) {
    Direction direction = Boolean.TRUE.equals(isEgress) ? Direction.EGRESS : Direction.INGRESS;
    Remote remote;
    if (cidrIpv4 != null) {
      remote = CidrBlock.parse(cidrIpv4);
    } else if (cidrIpv6 != null) {
      remote = CidrBlock.parse(cidrIpv6);
    } else if (prefixListId != null) {
      remote = PrefixListRemote.of(prefixListId);
    } else if (groupRemote != null) {
      remote = groupRemote;
    } else {
      throw new InvalidRuleException(Violation.of("remote", String.valueOf(id),
          "one of CidrIpv4, CidrIpv6, PrefixListId or a referenced group"));
    }
    SecurityRule rule = rule(template(direction, protocol, from, to), remote, description);
    return ProvisionedRule.builder()
        .providerId(required("SecurityGroupRuleId", id))
        .rule(rule)
        .groupId(Optional.ofNullable(groupId))
        .build();
  }

  private static SecurityRule rule(SecurityRule.Builder template, Remote remote, String description) {
    return template.remote(remote)
        .description(Optional.ofNullable(description).filter(d -> !d.isEmpty()))
        .build();
  }

  private static SecurityGroupRemote groupRemote(String id, String name, String owner, String vpc, String peering) {
    return SecurityGroupRemote.builder()
        .groupId(Optional.ofNullable(id))
        .groupName(Optional.ofNullable(name))
        .ownerId(Optional.ofNullable(owner))
        .vpcId(Optional.ofNullable(vpc))
        .vpcPeeringConnectionId(Optional.ofNullable(peering))
        .build();
  }

  /** Direction, protocol and ports or ICMP match, read the way EC2 means them. */
  private static SecurityRule.Builder template(Direction direction, String ipProtocol, Integer from, Integer to) {
    Protocol protocol = Protocol.parse(required("IpProtocol", ipProtocol));
    SecurityRule.Builder b = SecurityRule.builder().direction(direction).protocol(protocol);
    boolean anyFrom = from == null || from == ANY;
    boolean anyTo = to == null || to == ANY;
    if (protocol.hasPorts()) {
      if (!anyFrom) {
        b.ports(PortSet.range(from, anyTo ? from : to));
      } else if (!anyTo) {
        throw new InvalidRuleException(Violation.of("ports", from + "-" + to, "a FromPort for the ToPort " + to));
      }
    } else if (protocol.isIcmp() && !anyFrom) {
      b.icmp(anyTo ? IcmpMatch.type(from) : IcmpMatch.of(from, to));
    } else if (protocol.isIcmp() && !anyTo) {
      throw new InvalidRuleException(Violation.of("icmp", "type -1 code " + to,
          "an ICMP code only with a type (EC2: a FromPort of -1 needs a ToPort of -1)"));
    }
    // Any other protocol covers every port whatever FromPort/ToPort say: that is what EC2 enforces.
    return b;
  }

  private static String required(String field, String value) {
    if (value == null) {
      throw new InvalidRuleException(Violation.of(field, "", "a value (EC2 left it out)"));
    }
    return value;
  }
}
