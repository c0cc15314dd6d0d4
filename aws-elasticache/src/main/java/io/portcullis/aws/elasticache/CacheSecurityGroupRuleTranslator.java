package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.IcmpMatch;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RemoteKind;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.TranslationWarning;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;

/**
 * Translates neutral rules to ElastiCache cache-security-group authorisations and back. Pure: no I/O.
 *
 * <p>An authorisation lets a whole EC2 security group, named by its name and owner account, reach the cache. So
 * only {@code ingress allow any from group-name <name> owner <account>} translates exactly. A rule that also names
 * a protocol, ports or an ICMP match, or carries a description or tags, is rejected under {@link
 * TranslationPolicy#STRICT} and, under {@link TranslationPolicy#LENIENT}, widened to every protocol and port
 * (description and tags dropped) with a
 * {@link TranslationWarning}. Everything else (egress, deny, priority, IPv6, a CIDR, prefix list or address group,
 * a group given by id, without an owner, or with a VPC or peering connection) is always rejected.
 */
public final class CacheSecurityGroupRuleTranslator {
  /** The provider name used in exceptions. */
  public static final String PROVIDER = "aws-elasticache";

  /**
   * What ElastiCache can express beyond protocol, ports and description, which {@link #check(SecurityRule)} handles
   * according to the policy: ingress allow rules from a security group, no priority, no IPv6, no description.
   */
  public static final ProviderCapabilities CAPABILITIES = ProviderCapabilities.builder()
      .provider(PROVIDER)
      .displayName("ElastiCache cache security groups")
      .remoteKinds(Set.of(RemoteKind.SECURITY_GROUP))
      .maxDescriptionLength(0)
      .build();

  private static final String WHO = "ElastiCache cache security groups";

  private final TranslationPolicy policy;

  /** A translator with this policy for protocol, ports and description. */
  public CacheSecurityGroupRuleTranslator(TranslationPolicy policy) {
    this.policy = requireNonNull(policy, "policy");
  }

  /** The policy for protocol, ports and description. */
  public TranslationPolicy policy() {
    return policy;
  }

  /** Every reason {@code rule} cannot be translated under this translator's policy; empty when it can. */
  public List<String> check(SecurityRule rule) {
    // The capabilities see the rule without the parts the policy decides on, so each problem is reported once.
    List<String> reasons = new ArrayList<>(CAPABILITIES.check(withoutWidenableParts(rule)));
    if (policy == TranslationPolicy.STRICT) {
      if (namesProtocolOrPorts(rule)) {
        reasons.add(WHO + " authorise an EC2 group for the cache's own port, whatever the protocol: '"
            + protocolPart(rule) + "' cannot be expressed; write 'any' (or translate leniently to widen it)");
      }
      rule.description().ifPresent(d -> reasons.add(
          WHO + " have no descriptions: \"" + d + "\" would be lost (translate leniently to drop it)"));
      if (!rule.tags().isEmpty()) {
        reasons.add(WHO + " have no tags: tags " + new TreeMap<>(rule.tags())
            + " would be lost (translate leniently to drop them)");
      }
    }
    if (rule.remote() instanceof SecurityGroupRemote group) {
      checkGroup(reasons, group);
    }
    return reasons;
  }

  private static void checkGroup(List<String> reasons, SecurityGroupRemote group) {
    if (group.groupName().isEmpty()) {
      reasons.add(WHO + " name an EC2 group by its name, not its id (" + group.groupId().orElse("") + ")");
    } else if (group.groupId().isPresent()) {
      reasons.add(WHO + " take only the EC2 group's name and owner: the id " + group.groupId().get()
          + " cannot be sent (remove it)");
    }
    if (group.ownerId().isEmpty()) {
      reasons.add(WHO + " need the EC2 group's owner account number (owner <account>)");
    }
    group.vpcId().ifPresent(v -> reasons.add(
        WHO + " only apply outside a VPC: the group's VPC (" + v + ") cannot be named"));
    group.vpcPeeringConnectionId().ifPresent(p -> reasons.add(
        WHO + " cannot reference a group through a VPC peering connection (" + p + ")"));
  }

  /**
   * Translates a batch. Every rule is checked first, and one {@link UnsupportedRuleException} names each rule that
   * cannot be translated, so a caller can reject the whole batch before any call. Rules that come down to the same
   * authorisation are grouped into one.
   */
  public CacheSecurityGroupTranslation translate(Collection<SecurityRule> rules) {
    ProviderCapabilities.requireSupported(PROVIDER, rules, this::check);
    Map<CacheSecurityGroupAuthorization, List<SecurityRule>> byAuthorization = new LinkedHashMap<>();
    List<TranslationWarning> warnings = new ArrayList<>();
    for (SecurityRule rule : rules) {
      SecurityGroupRemote group = (SecurityGroupRemote) rule.remote();
      CacheSecurityGroupAuthorization authorization =
          new CacheSecurityGroupAuthorization(group.groupName().get(), group.ownerId().get());
      byAuthorization.computeIfAbsent(authorization, a -> new ArrayList<>()).add(rule);
      warn(rule).ifPresent(warnings::add);
    }
    List<TranslatedAuthorization> authorizations = new ArrayList<>();
    byAuthorization.forEach((a, r) -> authorizations.add(new TranslatedAuthorization(a, r)));
    return new CacheSecurityGroupTranslation(authorizations, warnings);
  }

  /**
   * The rules as ElastiCache will report them once authorised, so that a plan compares like with like: one
   * {@code ingress allow any from group-name <name> owner <account>} per distinct authorisation, in the order of
   * the rules they first came from, with the owner written as ElastiCache reports it (12 digits: {@code
   * 1234-5678-1234} becomes {@code 123456781234}, see {@link CacheSecurityGroupAuthorization#withReportedOwner()}).
   * Under {@code LENIENT} protocol and ports are widened and descriptions dropped, as {@link #translate} does.
   *
   * @throws UnsupportedRuleException naming every rule that cannot be expressed
   */
  public List<SecurityRule> providerForm(Collection<SecurityRule> rules) {
    return translate(rules).authorizations().stream()
        .map(t -> t.authorization().withReportedOwner().toRule())
        .distinct()
        .toList();
  }

  /** Translates one rule, or throws {@link UnsupportedRuleException} with its reasons. */
  public CacheSecurityGroupAuthorization toAuthorization(SecurityRule rule) {
    return translate(List.of(rule)).authorizations().get(0).authorization();
  }

  /** What the (lenient) translation changed in a translatable rule, in plain words. */
  private static Optional<TranslationWarning> warn(SecurityRule rule) {
    List<String> changes = new ArrayList<>();
    if (namesProtocolOrPorts(rule)) {
      changes.add("'" + protocolPart(rule) + "' widened to any protocol and port: the authorisation lets the EC2 "
          + "group reach the cache on the cache's own port");
    }
    if (rule.description().isPresent()) {
      changes.add("description dropped: ElastiCache authorisations have none");
    }
    if (!rule.tags().isEmpty()) {
      changes.add("tags " + new TreeMap<>(rule.tags()) + " dropped: ElastiCache authorisations have none");
    }
    return changes.isEmpty() ? Optional.empty() : Optional.of(new TranslationWarning(rule, String.join("; ", changes)));
  }

  /**
   * The cache security group's EC2 group entries as neutral rules, each with its {@link
   * CacheSecurityGroupAuthorization#providerId()}, the cache group's name as group id, and ElastiCache's status
   * ({@code authorizing}, {@code authorized} or {@code revoking}) as state.
   */
  public static List<ProvisionedRule> toProvisionedRules(CacheSecurityGroup cacheGroup) {
    List<ProvisionedRule> rules = new ArrayList<>();
    for (EC2SecurityGroup entry : cacheGroup.ec2SecurityGroups()) {
      rules.add(toProvisionedRule(cacheGroup.cacheSecurityGroupName(), entry));
    }
    return rules;
  }

  /** One EC2 group entry of cache security group {@code cacheGroupName} as a neutral rule with its status. */
  public static ProvisionedRule toProvisionedRule(String cacheGroupName, EC2SecurityGroup entry) {
    CacheSecurityGroupAuthorization authorization = new CacheSecurityGroupAuthorization(
        replied("EC2SecurityGroupName", entry.ec2SecurityGroupName()),
        replied("EC2SecurityGroupOwnerId", entry.ec2SecurityGroupOwnerId()));
    return ProvisionedRule.builder()
        .providerId(authorization.providerId())
        .rule(authorization.toRule())
        .groupId(Optional.ofNullable(cacheGroupName))
        .state(Optional.ofNullable(entry.status()))
        .build();
  }

  /** A field ElastiCache should always fill in; a reply without it is reported, not read as a rule. */
  private static String replied(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRuleException(Violation.of(field, String.valueOf(value),
          "a value in every EC2SecurityGroup entry (ElastiCache left it out)"));
    }
    return value;
  }

  private static boolean namesProtocolOrPorts(SecurityRule rule) {
    return !rule.protocol().isAny() || !rule.ports().isAll() || !rule.icmp().isAny();
  }

  /** The protocol, ports and ICMP part of the rule's text, e.g. {@code tcp 6379}. */
  private static String protocolPart(SecurityRule rule) {
    StringBuilder s = new StringBuilder(rule.protocol().toString());
    if (!rule.ports().isAll()) {
      s.append(' ').append(rule.ports());
    }
    if (!rule.icmp().isAny()) {
      s.append(' ').append(rule.icmp());
    }
    return s.toString();
  }

  private static SecurityRule withoutWidenableParts(SecurityRule rule) {
    return rule.toBuilder()
        .protocol(Protocol.ANY)
        .ports(PortSet.all())
        .icmp(IcmpMatch.any())
        .description(Optional.empty())
        .tags(Map.of())
        .build();
  }
}
