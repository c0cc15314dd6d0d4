package io.portcullis.huaweicloud.vpc;

import com.google.common.collect.Lists;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import io.portcullis.core.Action;
import io.portcullis.core.AddressGroupRemote;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.Remote;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Translates between neutral {@link SecurityRule}s and Huawei Cloud VPC v3 security-group rules, without I/O.
 *
 * <p>Forward: {@code ethertype}, {@code action} and {@code priority} are always sent (the API documents
 * different defaults for requests and replies, so nothing relies on a default); a rule without a priority gets
 * {@link #defaultPriority()}. The protocol is omitted for any protocol and {@code multiport} for all ports; a
 * port list of more than {@value #MAX_PORT_ENTRIES} entries becomes several rules. What v3 cannot express is
 * rejected with {@link UnsupportedRuleException} (see {@link #check(SecurityRule)}).
 *
 * <p>Reverse: an empty protocol is any, an empty or {@code 1-65535} multiport is all ports, and a rule
 * without any remote covers all addresses of its ethertype ({@code 0.0.0.0/0} or {@code ::/0}).
 * {@code reverse(forward(r))} equals {@link #split(SecurityRule)}, which is {@code [normalize(r)]} for a
 * rule of at most {@value #MAX_PORT_ENTRIES} port entries.
 */
public final class HuaweiRuleTranslator {
  /** The priority given to a rule without one: 1, the documented request default. */
  public static final int DEFAULT_PRIORITY = 1;

  /** The most {@code multiport} entries (ports or ranges) one v3 rule accepts. */
  public static final int MAX_PORT_ENTRIES = 20;

  private static final String ALL_PORTS = "1-65535";
  private static final String IPV4 = "IPv4";
  private static final String IPV6 = "IPv6";

  private final int defaultPriority;

  /** A translator that gives rules without a priority {@link #DEFAULT_PRIORITY}. */
  public HuaweiRuleTranslator() {
    this(DEFAULT_PRIORITY);
  }

  /**
   * A translator that gives rules without a priority this one.
   *
   * @throws IllegalArgumentException if {@code defaultPriority} is outside 1-100
   */
  public HuaweiRuleTranslator(int defaultPriority) {
    if (defaultPriority < 1 || defaultPriority > 100) {
      throw new IllegalArgumentException("a default priority 1-100, not " + defaultPriority);
    }
    this.defaultPriority = defaultPriority;
  }

  /** The priority sent for a rule that has none. */
  public int defaultPriority() {
    return defaultPriority;
  }

  /**
   * Every reason v3 cannot express {@code rule}: the {@link HuaweiCapabilities#CAPABILITIES} checks, port 0
   * (v3 ports are 1-65535), icmpv6 with an IPv4 remote (possible in the model for group references), and a security group remote named other than by id alone (v3 takes only
   * {@code remote_group_id}: no name, owner, VPC or peering).
   */
  public List<String> check(SecurityRule rule) {
    List<String> reasons = new ArrayList<>(HuaweiCapabilities.CAPABILITIES.check(rule));
    if (rule.ports().contains(0) && !rule.ports().isAll()) {
      reasons.add("Huawei Cloud VPC v3 ports are 1-65535, not 0 (" + rule.ports() + ")");
    }
    if (rule.protocol().equals(Protocol.ICMPV6) && rule.remote().ipVersion() == IpVersion.IPV4) {
      // v3 takes icmpv6 only with ethertype IPv6, which a group remote gets by being marked ipv6
      reasons.add("Huawei Cloud VPC v3 takes icmpv6 only with ethertype IPv6: mark the remote ipv6 ("
          + rule.remote().toText() + " ipv6)");
    }
    if (rule.remote() instanceof SecurityGroupRemote group) {
      if (group.groupId().isEmpty()) {
        reasons.add("Huawei Cloud VPC v3 references a security group by id only, not by name ("
            + group.toText() + ")");
      } else if (group.groupName().isPresent() || group.ownerId().isPresent() || group.vpcId().isPresent()
          || group.vpcPeeringConnectionId().isPresent()) {
        reasons.add("Huawei Cloud VPC v3 takes only the id of a remote security group; its name, owner, VPC "
            + "or peering connection cannot be expressed (" + group.toText() + ")");
      }
    }
    return reasons;
  }

  /**
   * Checks every rule and throws one {@link UnsupportedRuleException} naming each rule v3 cannot express.
   */
  public void requireSupported(Collection<SecurityRule> rules) {
    ProviderCapabilities.requireSupported(HuaweiCapabilities.PROVIDER, rules, this::check);
  }

  /**
   * The rule as Huawei will store and return it: with the default priority when it has none, and without an
   * empty description. Compare desired rules with listed ones through this, so both sides say the same.
   */
  public SecurityRule normalize(SecurityRule rule) {
    if (rule.priority().isPresent() && !rule.description().filter(String::isEmpty).isPresent()) {
      return rule;
    }
    SecurityRule.Builder b = rule.toBuilder();
    if (rule.priority().isEmpty()) {
      b.priority(defaultPriority);
    }
    if (rule.description().filter(String::isEmpty).isPresent()) {
      b.description(Optional.empty());
    }
    return b.build();
  }

  /**
   * The rules Huawei will hold for {@code rule}: {@link #normalize(SecurityRule) normalised}, and split into
   * one rule per {@value #MAX_PORT_ENTRIES} port entries when it has more.
   *
   * @throws UnsupportedRuleException if v3 cannot express the rule
   */
  public List<SecurityRule> split(SecurityRule rule) {
    List<String> reasons = check(rule);
    if (!reasons.isEmpty()) {
      throw new UnsupportedRuleException(HuaweiCapabilities.PROVIDER, rule, reasons);
    }
    SecurityRule normal = normalize(rule);
    List<PortRange> ranges = normal.ports().ranges();
    if (ranges.size() <= MAX_PORT_ENTRIES) {
      return List.of(normal);
    }
    return Lists.partition(ranges, MAX_PORT_ENTRIES).stream()
        .map(part -> normal.toBuilder().ports(PortSet.of(part)).build())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The create options for {@code rule} in group {@code securityGroupId}: one, or several when its port
   * list is split.
   *
   * @throws UnsupportedRuleException if v3 cannot express the rule
   */
  public List<CreateSecurityGroupRuleOption> toCreateOptions(String securityGroupId, SecurityRule rule) {
    return split(rule).stream().map(part -> WireRule.of(part, defaultPriority).toCreateOption(securityGroupId))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The batch-create items for {@code rule} (the group is in the batch request's path): one, or several when
   * its port list is split.
   *
   * @throws UnsupportedRuleException if v3 cannot express the rule
   */
  public List<BatchCreateSecurityGroupRulesOption> toBatchOptions(SecurityRule rule) {
    if (rule.ports().ranges().size() > MAX_PORT_ENTRIES) {
      return split(rule).stream().map(HuaweiRuleTranslator::toBatchOption).collect(Collectors.toUnmodifiableList());
    }
    List<String> reasons = check(rule);
    if (!reasons.isEmpty()) {
      throw new UnsupportedRuleException(HuaweiCapabilities.PROVIDER, rule, reasons);
    }
    // The item of split(rule)'s one part, without building that normalised rule.
    return List.of(WireRule.of(rule, defaultPriority).toBatchOption());
  }

  /** The batch-create item for one part returned by {@link #split(SecurityRule)}. */
  static BatchCreateSecurityGroupRulesOption toBatchOption(SecurityRule part) {
    return WireRule.of(part, part.priority().orElseThrow()).toBatchOption();
  }

  /**
   * The neutral rule for a rule as v3 returns it, with its id and group. A rule Huawei reports as disabled
   * ({@code enabled: false}) has the state {@code disabled}, so it is not taken for an active one.
   *
   * @throws InvalidRuleException naming the field if the reply describes no valid neutral rule (a missing or
   *     unknown direction, action or ethertype, no id, ports with protocol any, ...)
   */
  public ProvisionedRule fromHuawei(SecurityGroupRule rule) {
    IpVersion ipVersion = ipVersionOf(rule.getEthertype());
    SecurityRule.Builder b = SecurityRule.builder()
        .direction(keyword("direction", rule.getDirection(), Direction.values()))
        // The reply model documents deny as its default; we always send the action, so this is a fallback.
        .action(rule.getAction() == null ? Action.DENY : keyword("action", rule.getAction(), Action.values()))
        .protocol(isBlank(rule.getProtocol()) ? Protocol.ANY : Protocol.parse(rule.getProtocol()))
        .ports(isBlank(rule.getMultiport()) || ALL_PORTS.equals(rule.getMultiport())
            ? PortSet.all() : PortSet.parse(rule.getMultiport()))
        .remote(remoteOf(rule, ipVersion))
        .priority(Optional.ofNullable(rule.getPriority()))
        .description(Optional.ofNullable(rule.getDescription()).filter(d -> !d.isEmpty()));
    if (isBlank(rule.getId())) {
      throw malformed("id", rule.getId(), "the rule's id");
    }
    ProvisionedRule.Builder p = ProvisionedRule.builder().providerId(rule.getId()).rule(b.build())
        .groupId(Optional.ofNullable(rule.getSecurityGroupId()));
    if (Boolean.FALSE.equals(rule.getEnabled())) {
      p.state("disabled");
    }
    return p.build();
  }

  /** IPv4 when the reply leaves the ethertype out (the documented default). */
  private static IpVersion ipVersionOf(String ethertype) {
    if (ethertype == null || IPV4.equalsIgnoreCase(ethertype)) {
      return IpVersion.IPV4;
    }
    if (IPV6.equalsIgnoreCase(ethertype)) {
      return IpVersion.IPV6;
    }
    throw malformed("ethertype", ethertype, IPV4 + " or " + IPV6);
  }

  /** The constant whose keyword is {@code value}, e.g. {@code ingress}; a reply's junk is a typed error. */
  private static <E extends Enum<E>> E keyword(String field, String value, E[] constants) {
    for (E c : constants) {
      if (c.name().equalsIgnoreCase(value)) {
        return c;
      }
    }
    throw malformed(field, value, Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" or ")));
  }

  private static InvalidRuleException malformed(String field, String value, String allowed) {
    return new InvalidRuleException(Violation.of(field, String.valueOf(value), allowed + " in the Huawei reply"));
  }

  private static Remote remoteOf(SecurityGroupRule rule, IpVersion ipVersion) {
    if (!isBlank(rule.getRemoteGroupId())) {
      return SecurityGroupRemote.builder().groupId(rule.getRemoteGroupId()).ipVersion(ipVersion).build();
    }
    if (!isBlank(rule.getRemoteAddressGroupId())) {
      return new AddressGroupRemote(rule.getRemoteAddressGroupId(), ipVersion);
    }
    if (!isBlank(rule.getRemoteIpPrefix())) {
      return CidrBlock.parse(rule.getRemoteIpPrefix());
    }
    return ipVersion == IpVersion.IPV6 ? CidrBlock.ANY_IPV6 : CidrBlock.ANY_IPV4;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** The v3 field values of one expressible, normalised rule; null means "left out of the JSON". */
  private record WireRule(String direction, String ethertype, String protocol, String multiport,
      String remoteIpPrefix, String remoteGroupId, String remoteAddressGroupId, String action, String priority,
      String description) {

    /** The fields of {@code normalize(rule)}, for a translator whose default priority is {@code defaultPriority}. */
    static WireRule of(SecurityRule rule, int defaultPriority) {
      Remote remote = rule.remote();
      return new WireRule(
          rule.direction().keyword(),
          rule.ipVersion() == IpVersion.IPV6 ? IPV6 : IPV4,
          rule.protocol().isAny() ? null : rule.protocol().keyword(),
          rule.ports().isAll() ? null : rule.ports().toString(),
          remote instanceof CidrBlock cidr ? cidr.cidr() : null,
          remote instanceof SecurityGroupRemote group ? group.groupId().orElseThrow() : null,
          remote instanceof AddressGroupRemote addressGroup ? addressGroup.id() : null,
          rule.action().keyword(),
          // The request model takes the priority as a string.
          String.valueOf(rule.priority().orElse(defaultPriority)),
          rule.description().filter(d -> !d.isEmpty()).orElse(null));
    }

    CreateSecurityGroupRuleOption toCreateOption(String securityGroupId) {
      return new CreateSecurityGroupRuleOption().withSecurityGroupId(securityGroupId).withDirection(direction)
          .withEthertype(ethertype).withProtocol(protocol).withMultiport(multiport)
          .withRemoteIpPrefix(remoteIpPrefix).withRemoteGroupId(remoteGroupId)
          .withRemoteAddressGroupId(remoteAddressGroupId).withAction(action).withPriority(priority)
          .withDescription(description);
    }

    BatchCreateSecurityGroupRulesOption toBatchOption() {
      return new BatchCreateSecurityGroupRulesOption().withDirection(direction)
          .withEthertype(ethertype).withProtocol(protocol).withMultiport(multiport)
          .withRemoteIpPrefix(remoteIpPrefix).withRemoteGroupId(remoteGroupId)
          .withRemoteAddressGroupId(remoteAddressGroupId).withAction(action).withPriority(priority)
          .withDescription(description);
    }
  }
}
