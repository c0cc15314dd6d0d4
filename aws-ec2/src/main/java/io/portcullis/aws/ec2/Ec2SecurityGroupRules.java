package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.DryRunResult;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.PartiallyAppliedException;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderPages;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.ProvisionedRules;
import io.portcullis.core.Remote;
import io.portcullis.core.RuleListing;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.Violation;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.analysis.RuleQuota;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyPipeline;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.PlannedChange;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RulePlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleDescription;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Manages the rules of one EC2 security group through the neutral model, over an injected {@link Ec2Client}.
 *
 * <p>Every batch is translated and checked before any call ({@link UnsupportedRuleException} names every rule EC2
 * cannot express). A batch makes one call per direction: ingress first, then egress; if the second fails after the
 * first succeeded, a {@link PartiallyAppliedException} says what was and was not applied. EC2 errors become the
 * typed exceptions of the core (see {@link Ec2Errors}). Each mutating call has a {@code dryRun...} variant that
 * returns {@link DryRunResult}s when EC2 answers {@code DryRunOperation}.
 *
 * <p>The group is addressed by id ({@code GroupId}) when the reference has one, otherwise by name ({@code
 * GroupName}), which EC2 accepts for ingress in a default VPC only; egress calls need an id.
 *
 * <p>As a {@link SecurityGroupRules} it plans and applies a desired state with the fewest calls: per direction one
 * revoke by rule ids, one description update in place and one authorize (one per set of rule tags); see {@link
 * #apply}. A desired rule's tags ({@link SecurityRule#tags()}) are sent on authorize; a rule in place whose tags
 * differ is updated in place with CreateTags and DeleteTags on its {@code sgr-} id, never replaced.
 */
public final class Ec2SecurityGroupRules implements SecurityGroupRules {
  /** EC2's default quota of rules per group, direction and IP family (adjustable per account). */
  public static final int DEFAULT_RULES_PER_GROUP = 60;

  private static final Logger LOG = LoggerFactory.getLogger(Ec2SecurityGroupRules.class);
  static final List<Direction> DIRECTIONS = List.of(Direction.INGRESS, Direction.EGRESS);
  private static final String DESCRIBE = "DescribeSecurityGroupRules";

  private final Ec2Client ec2;
  private final Ec2RuleTranslator translator;
  private final int rulesPerGroup;
  private final int maxPages;
  private final Map<String, String> ruleTags;
  private final Ec2RuleCounter counter;
  private final Runnable closer;

  /** A service that rejects everything EC2 cannot carry (strict policy). */
  public Ec2SecurityGroupRules(Ec2Client ec2) {
    this(ec2, TranslationPolicy.STRICT);
  }

  /** A service with this policy for priorities: LENIENT drops them and reports a warning. */
  public Ec2SecurityGroupRules(Ec2Client ec2, TranslationPolicy policy) {
    this(ec2, new Ec2RuleTranslator(policy), DEFAULT_RULES_PER_GROUP, ProviderPages.DEFAULT_MAX_PAGES, Map.of(),
        new Ec2RuleCounter(), () -> { });
  }

  /** A service that closes {@code ec2} when it is closed: for a client it built itself. */
  static Ec2SecurityGroupRules owning(Ec2Client ec2, TranslationPolicy policy) {
    return new Ec2SecurityGroupRules(ec2, new Ec2RuleTranslator(policy), DEFAULT_RULES_PER_GROUP,
        ProviderPages.DEFAULT_MAX_PAGES, Map.of(), new Ec2RuleCounter(), ec2::close);
  }

  private Ec2SecurityGroupRules(Ec2Client ec2, Ec2RuleTranslator translator, int rulesPerGroup, int maxPages,
      Map<String, String> ruleTags, Ec2RuleCounter counter, Runnable closer) {
    this.ec2 = requireNonNull(ec2, "ec2");
    this.closer = closer;
    this.translator = translator;
    this.rulesPerGroup = InvalidSettingException.requireAtLeast("rulesPerGroup", rulesPerGroup, 1);
    this.maxPages = InvalidSettingException.requireAtLeast("maxPages", maxPages, 1);
    this.ruleTags = Map.copyOf(ruleTags);
    this.counter = counter;
  }

  /**
   * This service with another quota of rules per group, direction and IP family (the account's, if raised).
   *
   * @throws io.portcullis.core.InvalidSettingException naming {@code rulesPerGroup} if it is less than 1
   */
  public Ec2SecurityGroupRules withRulesPerGroup(int rulesPerGroup) {
    return new Ec2SecurityGroupRules(ec2, translator, rulesPerGroup, maxPages, ruleTags, counter, closer);
  }

  /**
   * This service following at most {@code maxPages} pages of a listing ({@value ProviderPages#DEFAULT_MAX_PAGES} by
   * default); a listing with more is refused as untrusted.
   */
  public Ec2SecurityGroupRules withMaxPages(int maxPages) {
    return new Ec2SecurityGroupRules(ec2, translator, rulesPerGroup, maxPages, ruleTags, counter, closer);
  }

  /**
   * This service tagging every rule its {@link #apply} creates that has no tags of its own ({@link
   * SecurityRule#tags()}) with {@code tags} ({@code TagSpecifications} of resource type {@code
   * security-group-rule}). Tags take no part in a rule's meaning: rules already in place keep theirs and are not
   * planned again, unless a desired rule gives its own tags.
   */
  public Ec2SecurityGroupRules withRuleTags(Map<String, String> tags) {
    return new Ec2SecurityGroupRules(ec2, translator, rulesPerGroup, maxPages, tags, counter, closer);
  }

  /**
   * This service counting a rule that refers to a prefix list as the list's maximum entries, as EC2 does against
   * the quota ({@code MaxEntries}; read them with {@link Ec2PrefixLists#maxEntries}). Lists not given count as one.
   *
   * @throws io.portcullis.core.InvalidSettingException for a size below 1
   */
  public Ec2SecurityGroupRules withPrefixListSizes(Map<String, Integer> maxEntriesById) {
    return new Ec2SecurityGroupRules(ec2, translator, rulesPerGroup, maxPages, ruleTags,
        new Ec2RuleCounter().withPrefixListSizes(maxEntriesById), closer);
  }

  /** Closes the EC2 client if the provider built it; a client passed to the constructor stays open. */
  @Override
  public void close() {
    closer.run();
  }

  // ---- authorize ----

  /** Adds the rules (AuthorizeSecurityGroupIngress / Egress) and returns the rules EC2 created. */
  public AuthorizeResult authorize(SecurityGroupRef group, Collection<SecurityRule> rules) {
    return authorize(group, rules, Map.of());
  }

  /**
   * Adds the rules and tags each created rule ({@code TagSpecifications}, resource type {@code
   * security-group-rule}) with its own tags ({@link SecurityRule#tags()}) or, if it has none, {@code tags}: one call
   * per direction and set of tags.
   *
   * @throws UnsupportedRuleException before any call, naming every rule EC2 cannot express
   * @throws PartiallyAppliedException if a call failed after an earlier one succeeded
   * @throws ProviderException (a typed subclass where one fits) if EC2 refused the only or first call
   */
  public AuthorizeResult authorize(SecurityGroupRef group, Collection<SecurityRule> rules, Map<String, String> tags) {
    Ec2Translation all = translate(group, rules);
    List<ProvisionedRule> created = new ArrayList<>();
    List<SecurityRule> applied = new ArrayList<>();
    byTags(rules, tags).forEach((callTags, tagged) -> {
      Ec2Translation translation = tagged.size() == rules.size() ? all : translator.translate(tagged);
      for (Direction direction : directions(translation)) {
        List<SecurityGroupRule> reply = partially("authorize", applied, translation.rules(direction),
            () -> authorizeCall(direction, group, translation.permissions(direction), callTags, false));
        applied.addAll(translation.rules(direction));
        String operation = operation("AuthorizeSecurityGroup", direction);
        try {
          for (int i = 0; i < reply.size(); i++) {
            created.add(readBack(operation, "SecurityGroupRules[" + i + "]", reply.get(i)));
          }
        } catch (ProviderReplyException e) {
          Set<SecurityRule> done = new HashSet<>(applied);
          throw new PartiallyAppliedException(operation + " applied " + applied.size() + " rule(s), but its reply"
              + " cannot be read", applied, all.rules().stream().filter(r -> !done.contains(r)).toList(), e);
        }
      }
    });
    return new AuthorizeResult(created, all.warnings());
  }

  /** The rules by the tags they are created with: their own, or else {@code tags}. */
  private static Map<Map<String, String>, List<SecurityRule>> byTags(Collection<SecurityRule> rules,
      Map<String, String> tags) {
    Map<Map<String, String>, List<SecurityRule>> byTags = new LinkedHashMap<>();
    rules.forEach(r -> byTags.computeIfAbsent(r.tags().isEmpty() ? tags : r.tags(), t -> new ArrayList<>()).add(r));
    return byTags;
  }

  /** Checks an authorize with {@code DryRun=true}: one result per call it would make. */
  public List<DryRunResult> dryRunAuthorize(SecurityGroupRef group, Collection<SecurityRule> rules) {
    return dryRunAuthorize(group, rules, Map.of());
  }

  /**
   * Checks an authorize with tags with {@code DryRun=true}.
   *
   * @throws io.portcullis.core.UnauthorizedException if EC2 answers {@code UnauthorizedOperation}
   */
  public List<DryRunResult> dryRunAuthorize(SecurityGroupRef group, Collection<SecurityRule> rules,
      Map<String, String> tags) {
    translate(group, rules);
    List<DryRunResult> results = new ArrayList<>();
    byTags(rules, tags).forEach((callTags, tagged) -> {
      Ec2Translation translation = translator.translate(tagged);
      directions(translation).forEach(d -> results.add(dryRun(operation("AuthorizeSecurityGroup", d),
          () -> authorizeCall(d, group, translation.permissions(d), callTags, true))));
    });
    return results;
  }

  List<SecurityGroupRule> authorizeCall(Direction direction, SecurityGroupRef group,
      List<IpPermission> permissions, Map<String, String> tags, boolean dryRun) {
    LOG.debug("{} {} permission(s) on {}{}", operation("AuthorizeSecurityGroup", direction), permissions.size(),
        group, dryRun ? " (dry run)" : "");
    List<TagSpecification> tagSpecifications = tagSpecifications(tags);
    if (direction == Direction.INGRESS) {
      return send(() -> ec2.authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest.builder()
          .groupId(group.id().orElse(null))
          .groupName(group.id().isPresent() ? null : group.name().orElse(null))
          .ipPermissions(permissions)
          .tagSpecifications(tagSpecifications)
          .dryRun(dryRun ? Boolean.TRUE : null)
          .build()).securityGroupRules());
    }
    return send(() -> ec2.authorizeSecurityGroupEgress(AuthorizeSecurityGroupEgressRequest.builder()
        .groupId(group.id().orElseThrow())
        .ipPermissions(permissions)
        .tagSpecifications(tagSpecifications)
        .dryRun(dryRun ? Boolean.TRUE : null)
        .build()).securityGroupRules());
  }

  private static List<TagSpecification> tagSpecifications(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return null; // no TagSpecifications parameter at all, rather than an empty one
    }
    return List.of(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP_RULE).tags(tagList(tags))
        .build());
  }

  private static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  // ---- revoke by properties ----

  /**
   * Removes rules by their properties (RevokeSecurityGroupIngress / Egress with {@code IpPermissions}). The
   * values must match the existing rules exactly; descriptions need not. Rules EC2 reports back as unknown
   * ({@code UnknownIpPermissions}), and every rule of a call that returned false, are reported as not revoked.
   *
   * @throws UnsupportedRuleException before any call, naming every rule EC2 cannot express
   * @throws PartiallyAppliedException if the ingress call succeeded and the egress call failed
   */
  public RevokeResult revoke(SecurityGroupRef group, Collection<SecurityRule> rules) {
    Ec2Translation translation = translate(group, rules);
    List<SecurityRule> revoked = new ArrayList<>();
    List<SecurityRule> notRevoked = new ArrayList<>();
    List<ProvisionedRule> revokedRules = new ArrayList<>();
    for (Direction direction : directions(translation)) {
      List<SecurityRule> requested = Ec2RuleTranslator.perPortRange(translation.rules(direction));
      RevokeReply reply = partially("revoke", revoked, requested,
          () -> revokeCall(direction, group, translation.permissions(direction), null, false));
      List<SecurityRule> unknown = reply.succeeded() ? unknownRules(direction, reply.unknown()) : null;
      for (SecurityRule rule : requested) {
        if (unknown == null || unknown.stream().anyMatch(u -> sameRule(rule, u))) {
          notRevoked.add(rule);
        } else {
          revoked.add(rule);
        }
      }
      reply.revoked().forEach(r -> revokedRules.add(Ec2RuleTranslator.reverse(r)));
    }
    if (!notRevoked.isEmpty()) {
      LOG.warn("EC2 did not revoke {} of {} rule(s) in {}: {}", notRevoked.size(),
          notRevoked.size() + revoked.size(), group, notRevoked);
    }
    return new RevokeResult(revoked, notRevoked, revokedRules, translation.warnings());
  }

  /** Checks a revoke by properties with {@code DryRun=true}: one result per call it would make. */
  public List<DryRunResult> dryRunRevoke(SecurityGroupRef group, Collection<SecurityRule> rules) {
    Ec2Translation translation = translate(group, rules);
    return directions(translation).stream()
        .map(d -> dryRun(operation("RevokeSecurityGroup", d),
            () -> revokeCall(d, group, translation.permissions(d), null, true)))
        .toList();
  }

  /** The unknown permissions as rules; null (nothing known to be revoked) if EC2's answer cannot be read. */
  private static List<SecurityRule> unknownRules(Direction direction, List<IpPermission> unknown) {
    try {
      return Ec2RuleTranslator.reverse(direction, unknown);
    } catch (InvalidRuleException e) {
      LOG.warn("cannot read EC2's UnknownIpPermissions ({}); reporting every rule of the call as not revoked",
          e.getMessage());
      return null;
    }
  }

  /**
   * Whether an unknown permission EC2 sent back denotes the requested rule. EC2 may answer in another format
   * (no description, an added account id), so descriptions are ignored and groups compare by id, else by name.
   */
  private static boolean sameRule(SecurityRule requested, SecurityRule unknown) {
    return requested.protocol().equals(unknown.protocol())
        && requested.ports().equals(unknown.ports())
        && requested.icmp().equals(unknown.icmp())
        && sameRemote(requested.remote(), unknown.remote());
  }

  private static boolean sameRemote(Remote a, Remote b) {
    if (a instanceof SecurityGroupRemote ga && b instanceof SecurityGroupRemote gb) {
      if (ga.groupId().isPresent() && gb.groupId().isPresent()) {
        return ga.groupId().equals(gb.groupId());
      }
      return ga.groupName().isPresent() && ga.groupName().equals(gb.groupName());
    }
    return a.equals(b);
  }

  // ---- revoke by ids ----

  /**
   * Removes rules by their {@code sgr-} ids ({@code SecurityGroupRuleIds}). The rules are described first, to
   * learn each one's direction (EC2 revokes ingress and egress rules with different calls) and to fail before any
   * change if an id is unknown or belongs to another group.
   *
   * @throws RuleNotFoundException if an id is not a rule of the group
   */
  public RevokeResult revokeByIds(SecurityGroupRef group, Collection<String> ruleIds) {
    Map<Direction, List<ProvisionedRule>> byDirection = describeForRevoke(group, ruleIds);
    List<SecurityRule> revoked = new ArrayList<>();
    List<SecurityRule> notRevoked = new ArrayList<>();
    List<ProvisionedRule> revokedRules = new ArrayList<>();
    for (Map.Entry<Direction, List<ProvisionedRule>> e : byDirection.entrySet()) {
      List<SecurityRule> rules = e.getValue().stream().map(ProvisionedRule::rule).toList();
      RevokeReply reply = partially("revoke", revoked, rules,
          () -> revokeCall(e.getKey(), byId(group, e.getValue()), null, ids(e.getValue()), false));
      (reply.succeeded() ? revoked : notRevoked).addAll(rules);
      if (reply.succeeded()) {
        revokedRules.addAll(e.getValue());
      }
    }
    return new RevokeResult(revoked, notRevoked, revokedRules, List.of());
  }

  /** Checks a revoke by ids with {@code DryRun=true} (after describing the rules, which changes nothing). */
  public List<DryRunResult> dryRunRevokeByIds(SecurityGroupRef group, Collection<String> ruleIds) {
    return describeForRevoke(group, ruleIds).entrySet().stream()
        .map(e -> dryRun(operation("RevokeSecurityGroup", e.getKey()),
            () -> revokeCall(e.getKey(), byId(group, e.getValue()), null, ids(e.getValue()), true)))
        .toList();
  }

  private Map<Direction, List<ProvisionedRule>> describeForRevoke(SecurityGroupRef group,
      Collection<String> ruleIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(ruleIds));
    Map<Direction, List<ProvisionedRule>> byDirection = new EnumMap<>(Direction.class);
    if (ids.isEmpty()) {
      return byDirection;
    }
    List<ProvisionedRule> found =
        describe(DescribeSecurityGroupRulesRequest.builder().securityGroupRuleIds(ids)).rules();
    List<String> missing = new ArrayList<>(ids);
    for (ProvisionedRule rule : found) {
      boolean inGroup = group.id().isEmpty() || rule.groupId().equals(group.id());
      if (inGroup && missing.remove(rule.providerId())) {
        byDirection.computeIfAbsent(rule.rule().direction(), d -> new ArrayList<>()).add(rule);
      }
    }
    if (!missing.isEmpty()) {
      throw new RuleNotFoundException(ProviderError.of(Ec2Capabilities.PROVIDER, null,
          "EC2 lists no rule " + missing + " in security group " + group + "; nothing was revoked", null, 0), null);
    }
    return byDirection;
  }

  private static SecurityGroupRef byId(SecurityGroupRef group, List<ProvisionedRule> rules) {
    return group.id().isPresent() ? group : SecurityGroupRef.ofId(rules.get(0).groupId().orElseThrow());
  }

  private static List<String> ids(List<ProvisionedRule> rules) {
    return rules.stream().map(ProvisionedRule::providerId).toList();
  }

  RevokeReply revokeCall(Direction direction, SecurityGroupRef group, List<IpPermission> permissions,
      List<String> ruleIds, boolean dryRun) {
    LOG.debug("{} {} on {}{}", operation("RevokeSecurityGroup", direction),
        permissions != null ? permissions.size() + " permission(s)" : "rule ids " + ruleIds, group,
        dryRun ? " (dry run)" : "");
    if (direction == Direction.INGRESS) {
      RevokeSecurityGroupIngressResponse r = send(() -> ec2.revokeSecurityGroupIngress(
          RevokeSecurityGroupIngressRequest.builder()
              .groupId(group.id().orElse(null))
              .groupName(group.id().isPresent() ? null : group.name().orElse(null))
              .ipPermissions(permissions)
              .securityGroupRuleIds(ruleIds)
              .dryRun(dryRun ? Boolean.TRUE : null)
              .build()));
      return new RevokeReply(r.returnValue(), r.unknownIpPermissions(), r.revokedSecurityGroupRules());
    }
    RevokeSecurityGroupEgressResponse r = send(() -> ec2.revokeSecurityGroupEgress(
        RevokeSecurityGroupEgressRequest.builder()
            .groupId(group.id().orElseThrow())
            .ipPermissions(permissions)
            .securityGroupRuleIds(ruleIds)
            .dryRun(dryRun ? Boolean.TRUE : null)
            .build()));
    return new RevokeReply(r.returnValue(), r.unknownIpPermissions(), r.revokedSecurityGroupRules());
  }

  /** The parts of a revoke reply, the same for both directions. */
  record RevokeReply(Boolean returnValue, List<IpPermission> unknown, List<RevokedSecurityGroupRule> revoked) {
    /** Only an explicit {@code true} counts as success: a missing or false Return revokes nothing for sure. */
    boolean succeeded() {
      return Boolean.TRUE.equals(returnValue);
    }
  }

  // ---- list ----

  /**
   * Every rule of the group (DescribeSecurityGroupRules filtered on {@code group-id}, following {@code NextToken}
   * to the end), with its {@code sgr-} id.
   *
   * @throws InvalidRuleException if the group reference has no id
   * @throws ProviderReplyException if the listing cannot be trusted: a page token repeats, pages never end, a rule
   *     comes twice or belongs to another group, or a rule is malformed
   */
  @Override
  public List<ProvisionedRule> list(SecurityGroupRef group) {
    return read(group).rules();
  }

  /**
   * Every rule of the group as {@link #list} reads it, and each rule the neutral model cannot represent as an
   * {@link OpaqueRule} (logged as a warning) instead of failing the whole read.
   */
  @Override
  public RuleListing read(SecurityGroupRef group) {
    String groupId = groupId(group, "DescribeSecurityGroupRules filters on group-id");
    RuleListing read = describe(DescribeSecurityGroupRulesRequest.builder()
        .filters(Filter.builder().name("group-id").values(groupId).build()));
    ProvisionedRules.requireTrustworthy(Ec2Capabilities.PROVIDER, DESCRIBE, groupId, read.rules());
    return read;
  }

  private RuleListing describe(DescribeSecurityGroupRulesRequest.Builder request) {
    List<SecurityGroupRule> rules = new ProviderPages(Ec2Capabilities.PROVIDER, DESCRIBE, maxPages).collect(token -> {
      DescribeSecurityGroupRulesRequest page = request.nextToken(token.orElse(null)).build();
      DescribeSecurityGroupRulesResponse reply = send(() -> ec2.describeSecurityGroupRules(page));
      return new ProviderPages.Page<>(reply.securityGroupRules(), Optional.ofNullable(reply.nextToken()),
          Optional.ofNullable(reply.responseMetadata().requestId()));
    });
    List<ProvisionedRule> read = new ArrayList<>();
    List<OpaqueRule> opaque = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      SecurityGroupRule r = rules.get(i);
      try {
        read.add(readBack(DESCRIBE, "SecurityGroupRules[" + i + "]", r));
      } catch (ProviderReplyException e) {
        if (r == null || r.securityGroupRuleId() == null || r.groupId() == null) {
          throw e; // without its id and group it cannot be trusted, or even deleted
        }
        OpaqueRule o = new OpaqueRule(r.securityGroupRuleId(),
            Optional.of(Boolean.TRUE.equals(r.isEgress()) ? Direction.EGRESS : Direction.INGRESS), r.toString(),
            e.getMessage());
        LOG.warn("{}", o.warning());
        opaque.add(o);
      }
    }
    return new RuleListing(read, opaque);
  }

  /** A rule of a reply; a malformed one (a missing id, group or protocol) is a reply that cannot be trusted. */
  static ProvisionedRule readBack(String operation, String field, SecurityGroupRule rule) {
    if (rule == null || rule.securityGroupRuleId() == null || rule.groupId() == null) {
      throw new ProviderReplyException(Ec2Capabilities.PROVIDER, operation, field,
          "a rule without its security group rule id or group id", Optional.empty());
    }
    try {
      return Ec2RuleTranslator.reverse(rule);
    } catch (InvalidRuleException e) {
      throw new ProviderReplyException(Ec2Capabilities.PROVIDER, operation, field, e.getMessage(), Optional.empty());
    }
  }

  // ---- desired state ----

  @Override
  public ProviderCapabilities capabilities() {
    return Ec2Capabilities.CAPABILITIES;
  }

  /**
   * The rules as EC2 stores and reports them: one rule per contiguous port range (and, under the lenient policy,
   * without priority), all ports and any ICMP as EC2 reads them back; each keeps its rule's tags.
   *
   * @throws UnsupportedRuleException naming every rule EC2 cannot express
   */
  @Override
  public List<SecurityRule> providerForm(Collection<SecurityRule> rules) {
    Ec2Translation translation = translator.translate(rules);
    translation.warnings().forEach(w -> LOG.warn("{}", w));
    List<SecurityRule> stored = new ArrayList<>();
    if (rules.stream().allMatch(r -> r.tags().isEmpty())) {
      DIRECTIONS.forEach(d -> stored.addAll(Ec2RuleTranslator.reverse(d, translation.permissions(d))));
      return stored;
    }
    // Tags are not in the permissions: translate rule by rule so that each stored rule keeps its rule's tags.
    for (SecurityRule rule : rules) {
      Ec2Translation one = translator.translate(List.of(rule));
      DIRECTIONS.forEach(d -> Ec2RuleTranslator.reverse(d, one.permissions(d))
          .forEach(r -> stored.add(r.toBuilder().tags(rule.tags()).build())));
    }
    return stored;
  }

  /**
   * The plan from the group's rules to {@code desired}. EC2 reports the owner of every referenced group, so a
   * desired group reference without an owner takes the owner EC2 reports for that group id: otherwise a rule
   * already in place would be planned again.
   */
  @Override
  public RulePlan plan(SecurityGroupRef group, Collection<SecurityRule> desired, PlanMode mode) {
    List<SecurityRule> wanted = providerForm(desired);
    RuleListing actual = read(group);
    return ApplyPipeline.annotate(RulePlan.between(withReportedOwners(wanted, actual.rules()), actual, mode),
        quota());
  }

  private static List<SecurityRule> withReportedOwners(List<SecurityRule> wanted, List<ProvisionedRule> actual) {
    Map<String, String> owners = new HashMap<>();
    for (ProvisionedRule p : actual) {
      if (p.rule().remote() instanceof SecurityGroupRemote g && g.groupId().isPresent() && g.ownerId().isPresent()) {
        owners.putIfAbsent(g.groupId().get(), g.ownerId().get());
      }
    }
    return wanted.stream().map(r -> {
      if (r.remote() instanceof SecurityGroupRemote g && g.ownerId().isEmpty()
          && owners.containsKey(g.groupId().orElse(""))) {
        String owner = owners.get(g.groupId().get());
        return r.toBuilder().remote(SecurityGroupRemote.builder().from(g).ownerId(owner).build()).build();
      }
      return r;
    }).toList();
  }

  /**
   * {@value #DEFAULT_RULES_PER_GROUP} rules per group, direction and IP family unless changed with {@link
   * #withRulesPerGroup}, counted as {@link Ec2RuleCounter} does.
   */
  @Override
  public Optional<QuotaChecker> quota() {
    return Optional.of(new QuotaChecker(counter, RuleQuota.perDirectionAndFamily(rulesPerGroup)));
  }

  /**
   * Applies the plan through the core's {@link ApplyPipeline}: per direction one authorize for the creates (one per
   * set of tags), one description update by rule ids for the updates, with CreateTags and DeleteTags for those
   * whose tags change, and one revoke by rule ids for the deletes, creates first
   * whenever the quota allows (see {@link SecurityGroupRules#apply(SecurityGroupRef, RulePlan, ApplyOptions)}).
   * The group must be given by id.
   */
  @Override
  public ApplyResult apply(SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return ApplyPipeline.apply(driver(group, plan), group, plan, options);
  }

  /** Makes the calls of {@link #apply} with {@code DryRun=true}; each checks its changes on their own. */
  @Override
  public ApplyResult dryRun(SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return ApplyPipeline.dryRun(driver(group, plan), group, plan, options);
  }

  private Ec2ApplyDriver driver(SecurityGroupRef group, RulePlan plan) {
    groupId(group, "apply revokes and updates rules by id in a group given by id");
    // Checks creates and updates together before any call, so one exception names every inexpressible rule.
    translator.translate(plan.changes().stream().filter(c -> c.change() != Change.DELETE)
        .map(PlannedChange::rule).toList());
    return new Ec2ApplyDriver(this, group, plan.toUpdate());
  }

  /** The translation of rules to create, with its warnings logged once. */
  Ec2Translation translateForApply(SecurityGroupRef group, List<SecurityRule> rules) {
    return translate(group, rules);
  }

  /** The tags a rule an apply creates gets: its own, or else those of {@link #withRuleTags}. */
  Map<String, String> ruleTags(SecurityRule rule) {
    return rule.tags().isEmpty() ? ruleTags : rule.tags();
  }

  /** CreateTags on rules ({@code sgr-} ids): sets each tag, whatever its value was. */
  void createTagsCall(List<String> ruleIds, Map<String, String> tags, boolean dryRun) {
    LOG.debug("CreateTags {} tag(s) on {}{}", tags.size(), ruleIds, dryRun ? " (dry run)" : "");
    send(() -> ec2.createTags(b -> b.resources(ruleIds).tags(tagList(tags)).dryRun(dryRun ? Boolean.TRUE : null)));
  }

  /** DeleteTags on rules ({@code sgr-} ids) by key, whatever the value. */
  void deleteTagsCall(List<String> ruleIds, Collection<String> keys, boolean dryRun) {
    LOG.debug("DeleteTags {} on {}{}", keys, ruleIds, dryRun ? " (dry run)" : "");
    send(() -> ec2.deleteTags(b -> b.resources(ruleIds).tags(keys.stream().map(k -> Tag.builder().key(k).build())
        .toList()).dryRun(dryRun ? Boolean.TRUE : null)));
  }

  boolean updateDescriptionsCall(Direction direction, SecurityGroupRef group,
      List<PlannedChange> updates, boolean dryRun) {
    // A rule whose description is removed is sent without Description, which is how EC2 removes one.
    List<SecurityGroupRuleDescription> descriptions = updates.stream()
        .map(c -> SecurityGroupRuleDescription.builder().securityGroupRuleId(c.providerId().orElseThrow())
            .description(c.rule().description().orElse(null)).build())
        .toList();
    LOG.debug("{} {} rule(s) on {}{}", operation("UpdateSecurityGroupRuleDescriptions", direction),
        descriptions.size(), group, dryRun ? " (dry run)" : "");
    Boolean returned = direction == Direction.INGRESS
        ? send(() -> ec2.updateSecurityGroupRuleDescriptionsIngress(b -> b.groupId(group.id().orElseThrow())
            .securityGroupRuleDescriptions(descriptions).dryRun(dryRun ? Boolean.TRUE : null)).returnValue())
        : send(() -> ec2.updateSecurityGroupRuleDescriptionsEgress(b -> b.groupId(group.id().orElseThrow())
            .securityGroupRuleDescriptions(descriptions).dryRun(dryRun ? Boolean.TRUE : null)).returnValue());
    return Boolean.TRUE.equals(returned);
  }

  // ---- shared ----

  private static String groupId(SecurityGroupRef group, String why) {
    return group.id().orElseThrow(() -> new InvalidRuleException(Violation.of("group", group.toString(),
        "a security group id (sg-...): " + why)));
  }

  private Ec2Translation translate(SecurityGroupRef group, Collection<SecurityRule> rules) {
    Ec2Translation translation = translator.translate(rules);
    if (group.id().isEmpty() && !translation.egress().isEmpty()) {
      throw new InvalidRuleException(Violation.of("group", group.toString(),
          "a security group id (sg-...) for egress rules: EC2 takes a group name only for ingress in a default VPC"));
    }
    translation.warnings().forEach(w -> LOG.warn("{}", w));
    return translation;
  }

  private static List<Direction> directions(Ec2Translation translation) {
    return DIRECTIONS.stream().filter(d -> !translation.permissions(d).isEmpty()).toList();
  }

  static String operation(String prefix, Direction direction) {
    return prefix + (direction == Direction.INGRESS ? "Ingress" : "Egress");
  }

  /** Runs a call of a batch; if it fails after an earlier call of the batch applied rules, says so. */
  private static <T> T partially(String operation, List<SecurityRule> appliedSoFar, List<SecurityRule> these,
      Supplier<T> call) {
    try {
      return call.get();
    } catch (ProviderException e) {
      if (appliedSoFar.isEmpty()) {
        throw e;
      }
      throw new PartiallyAppliedException(operation + " applied " + appliedSoFar.size() + " rule(s) but not "
          + these.size() + " (" + these + ")", appliedSoFar, these, e);
    }
  }

  private static <T> T send(Supplier<T> call) {
    return Ec2Errors.call(call);
  }

  static DryRunResult dryRun(String operation, Runnable call) {
    try {
      call.run();
    } catch (ProviderException e) {
      if (e.errorCode().filter(Ec2Errors.DRY_RUN_OPERATION::equals).isPresent()) {
        return new DryRunResult(Ec2Capabilities.PROVIDER, operation, e.requestId());
      }
      throw e;
    }
    // EC2 never answers a dry run with success; if it did, the change may have been made: say so loudly.
    throw new ProviderException(ProviderError.of(Ec2Capabilities.PROVIDER, null, operation
        + " with DryRun=true answered success instead of DryRunOperation; the change may have been applied", null,
        0), null);
  }
}
