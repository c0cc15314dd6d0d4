package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderPages;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.ProvisionedRules;
import io.portcullis.core.RuleListing;
import io.portcullis.core.RuleRejection;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.Violation;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.plan.ApplyDriver;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyPipeline;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.CallReply;
import io.portcullis.core.plan.PlannedChange;
import io.portcullis.core.plan.ProviderCall;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RulePlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;
import software.amazon.awssdk.services.elasticache.model.SecurityGroupMembership;

/**
 * Manages the ingress of ElastiCache cache security groups through neutral rules, over an injected {@link
 * ElastiCacheClient}. Cache groups are referenced by name ({@link SecurityGroupRef#ofName(String)}).
 *
 * <p>Rules are translated by {@link CacheSecurityGroupRuleTranslator}; a batch with any rule that cannot be
 * expressed is rejected as a whole with {@link UnsupportedRuleException} before any call. ElastiCache takes one
 * authorisation per call, so a batch is applied call by call: if a call fails after others succeeded (or fails
 * without an answer), a {@link PartialChangeException} says exactly what was applied; if the first call is refused,
 * its typed {@link ProviderException} is thrown and nothing was changed.
 *
 * <p>As a {@link SecurityGroupRules} ({@code aws-elasticache}) it plans a desired state against the listed
 * authorisations and applies it with one call per authorisation; ElastiCache's status ({@code authorizing},
 * {@code authorized}, {@code revoking}) is the rule's state, never part of the rule, so it does not make a plan
 * change anything.
 *
 * <p>Cache security groups only apply to clusters outside a VPC. For a cluster in a VPC, {@link
 * #vpcSecurityGroupsOf(String)} gives the EC2 security groups to manage with the aws-ec2 adapter instead.
 */
public final class CacheSecurityGroupRules implements SecurityGroupRules {
  private static final Logger LOG = LoggerFactory.getLogger(CacheSecurityGroupRules.class);
  private static final String AUTHORIZE = "AuthorizeCacheSecurityGroupIngress";
  private static final String REVOKE = "RevokeCacheSecurityGroupIngress";
  private static final String DESCRIBE = "DescribeCacheSecurityGroups";
  /** The status of an authorisation ElastiCache is already removing. */
  private static final String REVOKING = "revoking";
  private static final String NOT_CHECKED =
      "not checked: ElastiCache has no dry run, so only the local checks were made";

  private final ElastiCacheClient client;
  private final CacheSecurityGroupRuleTranslator translator;
  private final int maxPages;
  private final Runnable closer;

  /** A service that translates strictly: a rule naming a protocol, ports or a description is rejected. */
  public CacheSecurityGroupRules(ElastiCacheClient client) {
    this(client, TranslationPolicy.STRICT);
  }

  /** A service with this translation policy for protocol, ports and description. */
  public CacheSecurityGroupRules(ElastiCacheClient client, TranslationPolicy policy) {
    this(client, new CacheSecurityGroupRuleTranslator(policy), ProviderPages.DEFAULT_MAX_PAGES, () -> { });
  }

  /** A service that closes {@code client} when it is closed: for a client it built itself. */
  static CacheSecurityGroupRules owning(ElastiCacheClient client, TranslationPolicy policy) {
    return new CacheSecurityGroupRules(client, new CacheSecurityGroupRuleTranslator(policy),
        ProviderPages.DEFAULT_MAX_PAGES, client::close);
  }

  private CacheSecurityGroupRules(ElastiCacheClient client, CacheSecurityGroupRuleTranslator translator,
      int maxPages, Runnable closer) {
    this.client = requireNonNull(client, "client");
    this.translator = translator;
    this.maxPages = InvalidSettingException.requireAtLeast("maxPages", maxPages, 1);
    this.closer = closer;
  }

  /** Closes the ElastiCache client if the provider built it; a client passed to the constructor stays open. */
  @Override
  public void close() {
    closer.run();
  }

  /**
   * This service following at most {@code maxPages} pages of a listing ({@value ProviderPages#DEFAULT_MAX_PAGES} by
   * default); a listing with more is refused as untrusted.
   */
  public CacheSecurityGroupRules withMaxPages(int maxPages) {
    return new CacheSecurityGroupRules(client, translator, maxPages, closer);
  }

  /** The translator this service uses, to check rules without calling ElastiCache. */
  public CacheSecurityGroupRuleTranslator translator() {
    return translator;
  }

  /**
   * Authorises each rule's EC2 group on {@code cacheGroup}: one AuthorizeCacheSecurityGroupIngress call per
   * distinct authorisation, in rule order.
   *
   * @throws UnsupportedRuleException before any call, naming every rule that cannot be expressed
   * @throws PartialChangeException if a call failed after others were applied, or without an answer
   * @throws ProviderException (typed, e.g. {@code DuplicateRuleException}) if the first call was refused
   */
  public CacheSecurityGroupChange authorize(SecurityGroupRef cacheGroup, Collection<SecurityRule> rules) {
    String name = nameOf(cacheGroup);
    return change(AUTHORIZE, cacheGroup, rules, a -> authorizeCall(name, a));
  }

  /**
   * Revokes each rule's EC2 group from {@code cacheGroup}: one RevokeCacheSecurityGroupIngress call per distinct
   * authorisation, in rule order. Errors as for {@link #authorize}; a missing authorisation is a {@code
   * RuleNotFoundException}.
   */
  public CacheSecurityGroupChange revoke(SecurityGroupRef cacheGroup, Collection<SecurityRule> rules) {
    String name = nameOf(cacheGroup);
    return change(REVOKE, cacheGroup, rules, a -> revokeCall(name, a));
  }

  private Reply authorizeCall(String cacheGroupName, CacheSecurityGroupAuthorization a) {
    var response = client.authorizeCacheSecurityGroupIngress(r -> r.cacheSecurityGroupName(cacheGroupName)
        .ec2SecurityGroupName(a.ec2SecurityGroupName())
        .ec2SecurityGroupOwnerId(a.ec2SecurityGroupOwnerId()));
    return new Reply(response.cacheSecurityGroup(), response.responseMetadata().requestId());
  }

  private Reply revokeCall(String cacheGroupName, CacheSecurityGroupAuthorization a) {
    var response = client.revokeCacheSecurityGroupIngress(r -> r.cacheSecurityGroupName(cacheGroupName)
        .ec2SecurityGroupName(a.ec2SecurityGroupName())
        .ec2SecurityGroupOwnerId(a.ec2SecurityGroupOwnerId()));
    return new Reply(response.cacheSecurityGroup(), response.responseMetadata().requestId());
  }

  /**
   * The authorisations of {@code cacheGroup} as neutral rules with their status, following DescribeCacheSecurityGroups'
   * {@code Marker} to the last page.
   */
  @Override
  public List<ProvisionedRule> list(SecurityGroupRef cacheGroup) {
    return read(cacheGroup).rules();
  }

  /**
   * The authorisations as {@link #list} reads them, and each entry the neutral model cannot represent (a name or
   * owner it does not accept) as an {@link OpaqueRule} with the id {@code <ownerId>/<groupName>}, logged as a
   * warning, instead of failing the whole read. An entry without its name or owner is a {@link
   * ProviderReplyException}: it could not even be revoked.
   */
  @Override
  public RuleListing read(SecurityGroupRef cacheGroup) {
    String name = nameOf(cacheGroup);
    List<CacheSecurityGroup> groups = new ProviderPages(CacheSecurityGroupRuleTranslator.PROVIDER, DESCRIBE, maxPages)
        .collect(marker -> {
          var page = call(DESCRIBE, () -> client.describeCacheSecurityGroups(
              r -> r.cacheSecurityGroupName(name).marker(marker.orElse(null))));
          return new ProviderPages.Page<>(page.cacheSecurityGroups(), Optional.ofNullable(page.marker()),
              Optional.ofNullable(page.responseMetadata().requestId()));
        });
    List<ProvisionedRule> rules = new ArrayList<>();
    List<OpaqueRule> opaque = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      CacheSecurityGroup g = groups.get(i);
      String field = "CacheSecurityGroups[" + i + "]";
      if (g == null || g.cacheSecurityGroupName() == null || !g.cacheSecurityGroupName().equalsIgnoreCase(name)) {
        throw new ProviderReplyException(CacheSecurityGroupRuleTranslator.PROVIDER, DESCRIBE, field,
            "the reply for cache security group " + name + " lists group "
                + (g == null ? null : g.cacheSecurityGroupName()), Optional.empty());
      }
      for (EC2SecurityGroup entry : g.ec2SecurityGroups()) {
        try {
          rules.add(CacheSecurityGroupRuleTranslator.toProvisionedRule(g.cacheSecurityGroupName(), entry));
        } catch (InvalidRuleException e) {
          if (isBlank(entry.ec2SecurityGroupName()) || isBlank(entry.ec2SecurityGroupOwnerId())) {
            throw new ProviderReplyException(CacheSecurityGroupRuleTranslator.PROVIDER, DESCRIBE,
                field + ".EC2SecurityGroups", e.getMessage(), Optional.empty());
          }
          OpaqueRule o = new OpaqueRule(entry.ec2SecurityGroupOwnerId() + "/" + entry.ec2SecurityGroupName(),
              Optional.of(Direction.INGRESS), entry.toString(), e.getMessage());
          LOG.warn("{}", o.warning());
          opaque.add(o);
        }
      }
    }
    ProvisionedRules.requireTrustworthy(CacheSecurityGroupRuleTranslator.PROVIDER, DESCRIBE,
        groups.isEmpty() ? name : groups.get(0).cacheSecurityGroupName(), rules);
    return new RuleListing(rules, opaque);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Creates a cache security group. ElastiCache stores the name in lower case; the returned reference carries the
   * name as stored.
   *
   * @throws io.portcullis.core.GroupAlreadyExistsException if the name is taken
   * @throws io.portcullis.core.QuotaExceededException if the account has its maximum of cache security groups
   */
  public SecurityGroupRef createGroup(String name, String description) {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    CacheSecurityGroup created = call("CreateCacheSecurityGroup", () -> client.createCacheSecurityGroup(
        r -> r.cacheSecurityGroupName(name).description(description)).cacheSecurityGroup());
    LOG.debug("created cache security group {}", name);
    return SecurityGroupRef.ofName(Optional.ofNullable(created)
        .map(CacheSecurityGroup::cacheSecurityGroupName)
        .orElse(name));
  }

  /**
   * Deletes a cache security group.
   *
   * @throws io.portcullis.core.InvalidGroupStateException while a cluster still uses it
   */
  public void deleteGroup(SecurityGroupRef cacheGroup) {
    String name = nameOf(cacheGroup);
    call("DeleteCacheSecurityGroup", () -> client.deleteCacheSecurityGroup(r -> r.cacheSecurityGroupName(name)));
    LOG.debug("deleted cache security group {}", name);
  }

  /**
   * The EC2 security groups of a cluster in a VPC (DescribeCacheClusters' {@code SecurityGroups[].SecurityGroupId}),
   * to manage with the aws-ec2 adapter; empty for a cluster outside a VPC, which uses cache security groups.
   *
   * @throws io.portcullis.core.GroupNotFoundException if there is no such cluster
   */
  public List<SecurityGroupRef> vpcSecurityGroupsOf(String cacheClusterId) {
    requireNonNull(cacheClusterId, "cacheClusterId");
    List<SecurityGroupRef> groups = new ArrayList<>();
    for (CacheCluster c : ElastiCacheListings.cacheClusters(client, cacheClusterId)) {
      for (SecurityGroupMembership m : c.securityGroups()) {
        SecurityGroupRef ref = SecurityGroupRef.ofId(ProviderReplyException.requirePresent(
            CacheSecurityGroupRuleTranslator.PROVIDER, "DescribeCacheClusters", "CacheClusters[].SecurityGroups[]"
                + ".SecurityGroupId", m == null ? null : m.securityGroupId()));
        if (!groups.contains(ref)) {
          groups.add(ref);
        }
      }
    }
    return groups;
  }

  // ---- SecurityGroupRules: desired state ----

  @Override
  public ProviderCapabilities capabilities() {
    return CacheSecurityGroupRuleTranslator.CAPABILITIES;
  }

  /**
   * One rule per distinct authorisation as ElastiCache reports it: see {@link
   * CacheSecurityGroupRuleTranslator#providerForm}. Owners written {@code 1234-5678-1234} become 12 digits, so a
   * re-applied desired state matches what ElastiCache lists and makes no call.
   */
  @Override
  public List<SecurityRule> providerForm(Collection<SecurityRule> rules) {
    return translator.providerForm(rules);
  }

  /**
   * Empty: ElastiCache documents no limit on the authorisations of one cache security group (only on the number
   * of cache security groups, which {@link #createGroup} reports as {@code QuotaExceededException}).
   */
  @Override
  public Optional<QuotaChecker> quota() {
    return Optional.empty();
  }

  /**
   * Applies the plan through the core's {@link ApplyPipeline} with one AuthorizeCacheSecurityGroupIngress call per
   * created authorisation, then one RevokeCacheSecurityGroupIngress call per deleted one (the API takes one EC2
   * group per call): new authorisations exist before old ones are revoked. With {@link
   * ApplyOptions#callConcurrency()} above 1, that many authorisations (then revocations) run at once. Every change
   * is checked before the first call; an update is rejected, since authorisations have no description. A deleted
   * rule that ElastiCache already shows as {@code revoking} needs no call and counts as applied.
   *
   * @throws UnsupportedRuleException before any call if a change cannot be expressed
   * @throws ApplyException if the result is incomplete; every change is settled against the group as re-read (an
   *     authorisation shown {@code revoking} counts as revoked)
   */
  @Override
  public ApplyResult apply(SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return ApplyPipeline.apply(driver(group, plan), group, plan, options);
  }

  /**
   * Makes every local check {@link #apply} makes and no call: ElastiCache has no dry-run parameter, so each change
   * is {@code WOULD_APPLY} with a detail saying the provider did not check it.
   */
  @Override
  public ApplyResult dryRun(SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return ApplyPipeline.dryRun(driver(group, plan), group, plan, options);
  }

  private ApplyDriver driver(SecurityGroupRef group, RulePlan plan) {
    String name = nameOf(group);
    requireExpressible(plan.changes());
    Set<String> revoking = plan.toDelete().stream().filter(CacheSecurityGroupRules::isRevoking)
        .map(ProvisionedRule::providerId).collect(Collectors.toSet());
    return new ApplyDriver() {
      @Override
      public String provider() {
        return CacheSecurityGroupRuleTranslator.PROVIDER;
      }

      @Override
      public List<ProviderCall> calls(Change kind, List<PlannedChange> changes) {
        return steps(kind == Change.DELETE, changes).stream().map(step -> call(name, step, revoking, List.of()))
            .toList();
      }

      @Override
      public List<ProvisionedRule> list() {
        return CacheSecurityGroupRules.this.list(group);
      }

      @Override
      public RuleListing read() {
        return CacheSecurityGroupRules.this.read(group);
      }

      /** One revoke per entry the model cannot represent, by its EC2 group name and owner. */
      @Override
      public List<ProviderCall> opaqueDeletes(List<OpaqueRule> opaque) {
        return opaque.stream().map(o -> call(name, new Step(true, authorization(o), List.of()), Set.of(), List.of(o)))
            .toList();
      }

      @Override
      public Optional<QuotaChecker> quota() {
        return CacheSecurityGroupRules.this.quota();
      }

      @Override
      public boolean isBeingRemoved(ProvisionedRule rule) {
        return isRevoking(rule);
      }
    };
  }

  /** One authorise or revoke of an apply; none for an authorisation ElastiCache is already revoking. */
  private ProviderCall call(String name, Step step, Set<String> revoking, List<OpaqueRule> opaque) {
    String operation = step.revoke() ? REVOKE : AUTHORIZE;
    return new ProviderCall() {
      @Override
      public String operation() {
        return operation;
      }

      @Override
      public List<PlannedChange> changes() {
        return step.changes();
      }

      @Override
      public List<OpaqueRule> opaque() {
        return opaque;
      }

      /** One authorisation per call, distinct within a step: several may run at once. */
      @Override
      public boolean independent() {
        return true;
      }

      @Override
      public CallReply send(boolean dryRun, Runnable onRequest) {
        if (step.revoke() && opaque.isEmpty() && step.changes().stream().allMatch(c -> c.providerId()
            .filter(revoking::contains).isPresent())) {
          return CallReply.ok(Optional.empty()); // already being revoked: another revoke is not needed
        }
        if (dryRun) {
          return CallReply.notChecked(NOT_CHECKED);
        }
        onRequest.run();
        Reply reply = call(operation, () -> step.revoke()
            ? revokeCall(name, step.authorization()) : authorizeCall(name, step.authorization()));
        LOG.debug("{} {} on {} (request id {})", operation, step.authorization(), name, reply.requestId());
        if (reply.group() != null && !name.equalsIgnoreCase(reply.group().cacheSecurityGroupName())) {
          throw new ProviderReplyException(provider(), operation, "CacheSecurityGroup.CacheSecurityGroupName",
              "the reply describes group " + reply.group().cacheSecurityGroupName() + ", not " + name,
              Optional.ofNullable(reply.requestId()));
        }
        List<ProvisionedRule> created = step.revoke() ? List.of()
            : find(reply.group(), step.authorization()).stream().toList();
        return CallReply.created(created, Optional.ofNullable(reply.requestId()));
      }
    };
  }

  /** Checks every change before any call: each rule must translate, and there is nothing to update. */
  private void requireExpressible(List<PlannedChange> changes) {
    List<RuleRejection> rejections = new ArrayList<>();
    for (PlannedChange c : changes) {
      List<String> reasons = c.change() == Change.UPDATE
          ? List.of("ElastiCache authorisations have no description to update")
          : translator.check(c.rule());
      if (!reasons.isEmpty()) {
        rejections.add(new RuleRejection(c.rule(), reasons));
      }
    }
    if (!rejections.isEmpty()) {
      throw new UnsupportedRuleException(CacheSecurityGroupRuleTranslator.PROVIDER, rejections);
    }
  }

  /** One step per distinct authorisation of {@code changes}, in order (several rules only under LENIENT). */
  private List<Step> steps(boolean revoke, List<PlannedChange> changes) {
    return translator.translate(changes.stream().map(PlannedChange::rule).toList()).authorizations().stream()
        .map(t -> new Step(revoke, t.authorization(),
            changes.stream().filter(c -> t.rules().contains(c.rule())).toList()))
        .toList();
  }

  /** The authorisation an opaque entry's id ({@code <ownerId>/<groupName>}) names. */
  private static CacheSecurityGroupAuthorization authorization(OpaqueRule o) {
    int slash = o.providerId().indexOf('/');
    return new CacheSecurityGroupAuthorization(o.providerId().substring(slash + 1), o.providerId().substring(0, slash));
  }

  private static boolean isRevoking(ProvisionedRule rule) {
    return rule.state().filter(REVOKING::equals).isPresent();
  }

  private CacheSecurityGroupChange change(
      String operation, SecurityGroupRef cacheGroup, Collection<SecurityRule> rules, Call send) {
    CacheSecurityGroupTranslation translation = translator.translate(rules);
    // the caller gets the warnings in the result; the log only traces them
    translation.warnings().forEach(w -> LOG.debug("{}: {}", operation, w));
    List<TranslatedAuthorization> todo = translation.authorizations();
    List<AppliedAuthorization> applied = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      TranslatedAuthorization next = todo.get(i);
      Reply reply;
      try {
        reply = call(operation, () -> send.send(next.authorization()));
      } catch (PortcullisException e) {
        if (applied.isEmpty() && ElastiCacheErrors.notApplied(e)) {
          throw e;
        }
        throw new PartialChangeException(
            operation, cacheGroup, applied, next, todo.subList(i + 1, todo.size()), e);
      }
      LOG.debug("{} {} on {} (request id {})", operation, next.authorization(), cacheGroup, reply.requestId());
      applied.add(new AppliedAuthorization(next, find(reply.group(), next.authorization()),
          Optional.ofNullable(reply.requestId())));
    }
    return new CacheSecurityGroupChange(cacheGroup, applied, translation.warnings());
  }

  /** The authorisation's entry in the group as a reply showed it, if listed. */
  private static Optional<ProvisionedRule> find(CacheSecurityGroup group, CacheSecurityGroupAuthorization a) {
    if (group == null) {
      return Optional.empty();
    }
    for (EC2SecurityGroup entry : group.ec2SecurityGroups()) {
      if (a.ec2SecurityGroupName().equals(entry.ec2SecurityGroupName())
          && a.ec2SecurityGroupOwnerId().equals(entry.ec2SecurityGroupOwnerId())) {
        return Optional.of(CacheSecurityGroupRuleTranslator.toProvisionedRule(group.cacheSecurityGroupName(), entry));
      }
    }
    return Optional.empty();
  }

  /** Runs an SDK call, mapping ElastiCache's errors to the core typed exceptions. */
  private static <T> T call(String operation, Supplier<T> sdkCall) {
    return ElastiCacheErrors.call(operation, sdkCall);
  }

  private static String nameOf(SecurityGroupRef cacheGroup) {
    requireNonNull(cacheGroup, "cacheGroup");
    return cacheGroup.name().orElseThrow(() -> new InvalidRuleException(Violation.of("group", cacheGroup.toString(),
        "a cache security group name: ElastiCache cache security groups are referenced by name, not by id")));
  }

  /** One authorise or revoke call. */
  @FunctionalInterface
  private interface Call {
    Reply send(CacheSecurityGroupAuthorization authorization);
  }

  /** What a call's reply holds: the group after the call and the request id. */
  private record Reply(CacheSecurityGroup group, String requestId) {}

  /** One call of an apply: revoke or authorise one authorisation, for the planned changes it carries. */
  private record Step(boolean revoke, CacheSecurityGroupAuthorization authorization, List<PlannedChange> changes) {}
}
