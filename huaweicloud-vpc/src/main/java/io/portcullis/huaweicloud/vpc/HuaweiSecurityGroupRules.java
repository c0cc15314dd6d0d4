package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import com.huaweicloud.sdk.core.SdkResponse;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesOption;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesRequest;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesResponse;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleResponse;
import com.huaweicloud.sdk.vpc.v3.model.DeleteSecurityGroupRuleRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupRulesRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupRulesResponse;
import com.huaweicloud.sdk.vpc.v3.model.PageInfo;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import com.huaweicloud.sdk.vpc.v3.model.ShowSecurityGroupRuleRequest;
import com.huaweicloud.sdk.vpc.v3.model.ShowSecurityGroupRuleResponse;
import io.portcullis.core.Action;
import io.portcullis.core.Direction;
import io.portcullis.core.DryRunResult;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.IpVersion;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.Protocol;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderPages;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.ProvisionedRules;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
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
import io.portcullis.huaweicloud.vpc.HuaweiErrors.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security-group rules of Huawei Cloud VPC v3, through an injected {@link VpcClient}: create (one rule or
 * a batch for one group, fewest calls), list with filters (every page), show, delete, and dry runs.
 *
 * <p>Every rule of a call is checked against what v3 can express before anything is sent; an inexpressible
 * rule fails the whole call with {@link io.portcullis.core.UnsupportedRuleException}. Errors come as the
 * core typed exceptions (see {@link HuaweiErrors}). Batch creates send {@code ignore_duplicate: false}:
 * an existing rule fails the call with {@link io.portcullis.core.DuplicateRuleException} instead of being
 * skipped silently, so a returned result always lists every requested rule with its new ids.
 *
 * <p>As a {@link SecurityGroupRules} it applies a plan with one delete call per removed rule and batch creates
 * (at most {@value #MAX_BATCH} rules per call) for the rest; v3 has no update, so a description change is a
 * delete followed by a create. Groups are addressed by id.
 *
 * <p>A throttled call (HTTP 429) is sent again as the {@link ThrottlingRetry} says ({@link
 * ThrottlingRetry#DEFAULT} unless changed); other failures are not retried.
 */
public final class HuaweiSecurityGroupRules implements SecurityGroupRules {
  /** The most rules one batch-create call accepts. */
  public static final int MAX_BATCH = 200;

  private static final Logger LOG = LoggerFactory.getLogger(HuaweiSecurityGroupRules.class);
  private static final int DRY_RUN_PASSED = 202;
  private static final String LIST = "ListSecurityGroupRules";
  private static final String CREATE = "CreateSecurityGroupRule";
  private static final String BATCH_CREATE = "BatchCreateSecurityGroupRules";
  private static final Runnable UNCOUNTED = () -> { };

  /** The default number of rules a security group may hold (adjustable per account). */
  public static final int DEFAULT_RULE_QUOTA = 50;

  private final VpcClient client;
  private final HuaweiRuleTranslator translator;
  private final int ruleQuota;
  private final ThrottlingRetry retry;
  private final int maxPages;
  private final boolean replaceDescriptions;
  private final Runnable closer;

  /** A service over {@code client} with the default translator (priority 1 for rules without one). */
  public HuaweiSecurityGroupRules(VpcClient client) {
    this(client, new HuaweiRuleTranslator());
  }

  /** A service over {@code client} translating with {@code translator}. */
  public HuaweiSecurityGroupRules(VpcClient client, HuaweiRuleTranslator translator) {
    this(client, translator, DEFAULT_RULE_QUOTA, ThrottlingRetry.DEFAULT, ProviderPages.DEFAULT_MAX_PAGES, false,
        () -> { });
  }

  /** A service that runs {@code closer} when it is closed, to release what the provider built for the client. */
  static HuaweiSecurityGroupRules owning(VpcClient client, HuaweiRuleTranslator translator, Runnable closer) {
    return new HuaweiSecurityGroupRules(client, translator, DEFAULT_RULE_QUOTA, ThrottlingRetry.DEFAULT,
        ProviderPages.DEFAULT_MAX_PAGES, false, closer);
  }

  private HuaweiSecurityGroupRules(VpcClient client, HuaweiRuleTranslator translator, int ruleQuota,
      ThrottlingRetry retry, int maxPages, boolean replaceDescriptions, Runnable closer) {
    this.client = requireNonNull(client, "client");
    this.closer = closer;
    this.translator = requireNonNull(translator, "translator");
    this.ruleQuota = InvalidSettingException.requireAtLeast("ruleQuota", ruleQuota, 1);
    this.retry = requireNonNull(retry, "retry");
    this.maxPages = InvalidSettingException.requireAtLeast("maxPages", maxPages, 1);
    this.replaceDescriptions = replaceDescriptions;
  }

  /**
   * This service with another rules-per-group quota (the account's, if it was raised).
   *
   * @throws io.portcullis.core.InvalidSettingException naming {@code ruleQuota} if it is less than 1
   */
  public HuaweiSecurityGroupRules withRuleQuota(int rulesPerGroup) {
    return new HuaweiSecurityGroupRules(client, translator, rulesPerGroup, retry, maxPages, replaceDescriptions,
        closer);
  }

  /**
   * This service retrying throttled (HTTP 429) calls as {@code retry} says; {@link ThrottlingRetry#DEFAULT}
   * unless changed.
   */
  public HuaweiSecurityGroupRules withThrottlingRetry(ThrottlingRetry retry) {
    return new HuaweiSecurityGroupRules(client, translator, ruleQuota, retry, maxPages, replaceDescriptions, closer);
  }

  /**
   * This service following at most {@code maxPages} pages of a listing ({@value ProviderPages#DEFAULT_MAX_PAGES} by
   * default); a listing with more is refused as untrusted.
   */
  public HuaweiSecurityGroupRules withMaxPages(int maxPages) {
    return new HuaweiSecurityGroupRules(client, translator, ruleQuota, retry, maxPages, replaceDescriptions, closer);
  }

  /**
   * This service planning a description-only change as a replacement ({@code -/+}: delete the rule, then create it
   * with the new description) when {@code replace} is true. v3 cannot update a rule, and refuses the new rule as a
   * duplicate while the old one exists, so the rule is absent between the two calls. By default such a change is
   * not planned: the rule is kept and the plan warns ({@link RulePlan#notUpdated()}).
   */
  public HuaweiSecurityGroupRules withDescriptionReplacement(boolean replace) {
    return new HuaweiSecurityGroupRules(client, translator, ruleQuota, retry, maxPages, replace, closer);
  }

  /**
   * Releases the connections of the client the provider built (its connection pool and dispatcher); a client
   * passed to the constructor is left alone.
   */
  @Override
  public void close() {
    closer.run();
  }

  /** The translator this service uses, e.g. to {@link HuaweiRuleTranslator#normalize normalise} desired rules. */
  public HuaweiRuleTranslator translator() {
    return translator;
  }

  /**
   * Creates {@code rule} in security group {@code group}: one create call, or, when its port list is split
   * into several rules, one batch-create call so that the parts are created together.
   *
   * @return the created rules with their ids (several when the port list was split)
   * @throws InvalidRuleException (field {@code group}) if {@code group} has no id
   */
  public List<ProvisionedRule> create(SecurityGroupRef group, SecurityRule rule) {
    return create(groupId(group), rule);
  }

  /**
   * Like {@link #create(SecurityGroupRef, SecurityRule)}, with the group's id.
   *
   * @deprecated use {@link #create(SecurityGroupRef, SecurityRule)}: every adapter takes a {@link SecurityGroupRef}
   */
  @Deprecated
  public List<ProvisionedRule> create(String groupId, SecurityRule rule) {
    List<CreateSecurityGroupRuleOption> options = translator.toCreateOptions(groupId, rule);
    if (options.size() > 1) {
      return batchCreate(groupId, List.of(rule)).get(0).created();
    }
    LOG.debug("creating rule '{}' in security group {}", rule, groupId);
    CreateSecurityGroupRuleResponse reply = createCall(options.get(0), false);
    ProvisionedRule created = readBack(CREATE, "security_group_rule", reply.getSecurityGroupRule(),
        reply.getRequestId());
    if (!created.rule().equals(translator.split(rule).get(0))) {
      throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, CREATE, "security_group_rule",
          "the reply describes rule " + created.providerId() + " as '" + created.rule() + "', not the requested '"
              + rule + "'", Optional.ofNullable(reply.getRequestId()));
    }
    return List.of(created);
  }

  /**
   * Checks a create of {@code rule} without creating it ({@code dry_run: true}). A passing check (HTTP 202)
   * gives a {@link DryRunResult}; a failing one throws the typed exception the real call would have thrown.
   *
   * @throws InvalidRuleException (field {@code group}) if {@code group} has no id
   */
  public DryRunResult dryRunCreate(SecurityGroupRef group, SecurityRule rule) {
    return dryRunCreate(groupId(group), rule);
  }

  /**
   * Like {@link #dryRunCreate(SecurityGroupRef, SecurityRule)}, with the group's id.
   *
   * @deprecated use {@link #dryRunCreate(SecurityGroupRef, SecurityRule)}: every adapter takes a {@link SecurityGroupRef}
   */
  @Deprecated
  public DryRunResult dryRunCreate(String groupId, SecurityRule rule) {
    List<CreateSecurityGroupRuleOption> options = translator.toCreateOptions(groupId, rule);
    if (options.size() > 1) {
      return dryRunBatchCreate(groupId, List.of(rule));
    }
    CreateSecurityGroupRuleResponse reply = createCall(options.get(0), true);
    return dryRunResult("CreateSecurityGroupRule", reply, reply.getRequestId());
  }

  private CreateSecurityGroupRuleResponse createCall(CreateSecurityGroupRuleOption option, boolean dryRun) {
    CreateSecurityGroupRuleRequestBody body = new CreateSecurityGroupRuleRequestBody().withSecurityGroupRule(option);
    if (dryRun) {
      body.withDryRun(true);
    }
    return send(Target.SECURITY_GROUP,
        () -> client.createSecurityGroupRule(new CreateSecurityGroupRuleRequest().withBody(body)), UNCOUNTED);
  }

  /**
   * Creates {@code rules} in security group {@code group} with the batch-create API: at most {@value
   * #MAX_BATCH} Huawei rules per call, in as few calls as possible. All rules are checked before the first
   * call.
   *
   * @return for each requested rule, in order, the rules created for it with their ids
   * @throws io.portcullis.core.UnsupportedRuleException if any rule cannot be expressed (nothing is sent)
   * @throws ProviderException (typed) if the first call fails: nothing was created
   * @throws PartialBatchCreateException if a later call fails: it lists what was and was not created
   * @throws InvalidRuleException (field {@code group}) if {@code group} has no id
   */
  public List<CreatedRules> batchCreate(SecurityGroupRef group, Collection<SecurityRule> rules) {
    return batchCreate(groupId(group), rules);
  }

  /**
   * Like {@link #batchCreate(SecurityGroupRef, Collection)}, with the group's id.
   *
   * @deprecated use {@link #batchCreate(SecurityGroupRef, Collection)}: every adapter takes a {@link SecurityGroupRef}
   */
  @Deprecated
  public List<CreatedRules> batchCreate(String groupId, Collection<SecurityRule> rules) {
    return batchCreate(groupId, rules, UNCOUNTED);
  }

  private List<CreatedRules> batchCreate(String groupId, Collection<SecurityRule> rules, Runnable beforeEachCall) {
    List<Part> parts = parts(rules);
    List<List<ProvisionedRule>> created = new ArrayList<>();
    rules.forEach(r -> created.add(new ArrayList<>()));
    List<List<Part>> calls = Lists.partition(parts, MAX_BATCH);
    for (int i = 0; i < calls.size(); i++) {
      List<Part> call = calls.get(i);
      LOG.debug("batch-creating {} rule(s) in security group {} (call {} of {})", call.size(), groupId, i + 1,
          calls.size());
      BatchCreateSecurityGroupRulesResponse reply;
      try {
        reply = batchCall(groupId, call, false, beforeEachCall);
      } catch (ProviderException e) {
        if (i == 0) {
          throw e;
        }
        throw partial(rules, created, e);
      }
      match(call, readBack(BATCH_CREATE, reply.getSecurityGroupRules(), reply.getRequestId()), created,
          reply.getRequestId());
    }
    List<CreatedRules> result = new ArrayList<>();
    int i = 0;
    for (SecurityRule rule : rules) {
      result.add(new CreatedRules(rule, created.get(i++)));
    }
    return result;
  }

  /**
   * Checks a batch create without creating anything ({@code dry_run: true}), with the same calls a real batch
   * create would make. Passes only when every call's check passes (HTTP 202); the result carries the last
   * check's request id.
   *
   * @throws InvalidRuleException (field {@code group}) if {@code group} has no id
   */
  public DryRunResult dryRunBatchCreate(SecurityGroupRef group, Collection<SecurityRule> rules) {
    return dryRunBatchCreate(groupId(group), rules);
  }

  /**
   * Like {@link #dryRunBatchCreate(SecurityGroupRef, Collection)}, with the group's id.
   *
   * @deprecated use {@link #dryRunBatchCreate(SecurityGroupRef, Collection)}: every adapter takes a {@link SecurityGroupRef}
   */
  @Deprecated
  public DryRunResult dryRunBatchCreate(String groupId, Collection<SecurityRule> rules) {
    return dryRunBatchCreate(groupId, rules, UNCOUNTED);
  }

  private DryRunResult dryRunBatchCreate(String groupId, Collection<SecurityRule> rules, Runnable beforeEachCall) {
    DryRunResult result = null;
    for (List<Part> call : Lists.partition(parts(rules), MAX_BATCH)) {
      BatchCreateSecurityGroupRulesResponse reply = batchCall(groupId, call, true, beforeEachCall);
      result = dryRunResult("BatchCreateSecurityGroupRules", reply, reply.getRequestId());
    }
    return requireNonNull(result, "no rules to check");
  }

  /** Every rule's translated parts, after checking the whole batch. */
  List<Part> parts(Collection<SecurityRule> rules) {
    if (rules.isEmpty()) {
      throw new InvalidRuleException(Violation.of("rules", "[]", "at least one rule to create"));
    }
    translator.requireSupported(rules);
    List<Part> parts = new ArrayList<>();
    int index = 0;
    for (SecurityRule rule : rules) {
      for (SecurityRule piece : translator.split(rule)) {
        parts.add(new Part(index, piece, HuaweiRuleTranslator.toBatchOption(piece)));
      }
      index++;
    }
    return parts;
  }

  private BatchCreateSecurityGroupRulesResponse batchCall(String groupId, List<Part> call, boolean dryRun,
      Runnable beforeEachCall) {
    BatchCreateSecurityGroupRulesRequestBody body = new BatchCreateSecurityGroupRulesRequestBody()
        .withSecurityGroupRules(call.stream().map(Part::option).collect(Collectors.toList()))
        .withIgnoreDuplicate(false);
    if (dryRun) {
      body.withDryRun(true);
    }
    return send(Target.SECURITY_GROUP, () -> client.batchCreateSecurityGroupRules(
        new BatchCreateSecurityGroupRulesRequest().withSecurityGroupId(groupId).withBody(body)), beforeEachCall);
  }

  /**
   * Assigns the replied rules to the requested parts by meaning. A reply that does not list every requested rule
   * as requested cannot be trusted: the rules may or may not exist, so the caller is told to read the group.
   */
  private static void match(List<Part> call, List<ProvisionedRule> replied, List<List<ProvisionedRule>> created,
      String requestId) {
    List<ProvisionedRule> unclaimed = new ArrayList<>(replied);
    for (Part part : call) {
      Optional<ProvisionedRule> match = unclaimed.stream().filter(p -> p.rule().equals(part.rule())).findFirst();
      if (match.isEmpty()) {
        throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, BATCH_CREATE, "security_group_rules",
            "the reply lists no rule '" + part.rule() + "' (it lists " + replied.size() + " rule(s) for "
                + call.size() + " requested); list the group to see what was created",
            Optional.ofNullable(requestId));
      }
      unclaimed.remove(match.get());
      created.get(part.ruleIndex()).add(match.get());
    }
  }

  private static PartialBatchCreateException partial(Collection<SecurityRule> rules,
      List<List<ProvisionedRule>> created, ProviderException cause) {
    List<CreatedRules> applied = new ArrayList<>();
    List<SecurityRule> notApplied = new ArrayList<>();
    int i = 0;
    for (SecurityRule rule : rules) {
      List<ProvisionedRule> made = created.get(i++);
      if (made.isEmpty()) {
        notApplied.add(rule);
      } else {
        applied.add(new CreatedRules(rule, made));
      }
    }
    return new PartialBatchCreateException(applied, notApplied, cause);
  }

  private static DryRunResult dryRunResult(String operation, SdkResponse reply, String requestId) {
    if (reply.getHttpStatusCode() != DRY_RUN_PASSED) {
      // Anything but 202 means the server did not treat the call as a check: it may have created rules.
      throw new ProviderException(ProviderError.of(HuaweiCapabilities.PROVIDER, null,
          "a dry run of " + operation + " was answered with HTTP " + reply.getHttpStatusCode()
              + " instead of 202: rules may have been created", requestId, reply.getHttpStatusCode()), null);
    }
    return new DryRunResult(HuaweiCapabilities.PROVIDER, operation, Optional.ofNullable(requestId));
  }

  /**
   * Like {@link #list(SecurityGroupRef)}, with the group's id.
   *
   * @deprecated use {@link #list(SecurityGroupRef)}: every adapter takes a {@link SecurityGroupRef}
   */
  @Deprecated
  public List<ProvisionedRule> list(String groupId) {
    return list(groupId, RuleListFilter.none());
  }

  /**
   * The rules of security group {@code group} that match {@code filter}, following the pagination to the end.
   *
   * @throws InvalidRuleException (field {@code group}) if {@code group} has no id
   */
  public List<ProvisionedRule> list(SecurityGroupRef group, RuleListFilter filter) {
    return read(group, filter).rules();
  }

  /**
   * Like {@link #list(SecurityGroupRef, RuleListFilter)}, with the group's id.
   *
   * @deprecated use {@link #list(SecurityGroupRef, RuleListFilter)}: every adapter takes a {@link SecurityGroupRef}
   */
  @Deprecated
  public List<ProvisionedRule> list(String groupId, RuleListFilter filter) {
    return read(groupId, filter).rules();
  }

  /**
   * The rules of security group {@code group} that match {@code filter}, each rule the neutral model cannot
   * represent (a stored {@code remote_ip_prefix} with host bits, a description with a line break, ...) as an
   * {@link OpaqueRule}, logged as a warning, instead of failing the whole list. A null entry or one without its id
   * is a {@link ProviderReplyException}.
   *
   * @throws InvalidRuleException (field {@code group}) if {@code group} has no id
   */
  public RuleListing read(SecurityGroupRef group, RuleListFilter filter) {
    return read(groupId(group), filter);
  }

  /**
   * Like {@link #read(SecurityGroupRef, RuleListFilter)}, with the group's id.
   *
   * @deprecated use {@link #read(SecurityGroupRef, RuleListFilter)}: every adapter takes a {@link SecurityGroupRef}
   */
  @Deprecated
  public RuleListing read(String groupId, RuleListFilter filter) {
    requireNonNull(groupId, "groupId");
    List<SecurityGroupRule> rules = new ProviderPages(HuaweiCapabilities.PROVIDER, LIST, maxPages).collect(marker -> {
      ListSecurityGroupRulesResponse page = listPage(groupId, filter, marker.orElse(null));
      return new ProviderPages.Page<>(page.getSecurityGroupRules(),
          Optional.ofNullable(page.getPageInfo()).map(PageInfo::getNextMarker), Optional.ofNullable(page.getRequestId()));
    });
    List<ProvisionedRule> read = new ArrayList<>();
    List<OpaqueRule> opaque = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      SecurityGroupRule r = rules.get(i);
      try {
        read.add(readBack(LIST, "security_group_rules[" + i + "]", r, null));
      } catch (ProviderReplyException e) {
        if (r == null || r.getId() == null || r.getId().isBlank()) {
          throw e; // without an id it cannot be trusted, or even deleted
        }
        OpaqueRule o = new OpaqueRule(r.getId(), Arrays.stream(Direction.values())
            .filter(d -> d.keyword().equalsIgnoreCase(String.valueOf(r.getDirection()))).findFirst(),
            r.toString(), e.getMessage());
        LOG.warn("{}", o.warning());
        opaque.add(o);
      }
    }
    ProvisionedRules.requireTrustworthy(HuaweiCapabilities.PROVIDER, LIST, groupId, read);
    return new RuleListing(read, opaque);
  }

  /** The rules of a reply; a null entry or a malformed rule is a reply that cannot be trusted. */
  private List<ProvisionedRule> readBack(String operation, List<SecurityGroupRule> rules, String requestId) {
    List<ProvisionedRule> read = new ArrayList<>();
    if (rules != null) {
      for (int i = 0; i < rules.size(); i++) {
        read.add(readBack(operation, "security_group_rules[" + i + "]", rules.get(i), requestId));
      }
    }
    return read;
  }

  private ProvisionedRule readBack(String operation, String field, SecurityGroupRule rule, String requestId) {
    if (rule == null) {
      throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, operation, field, "missing or null",
          Optional.ofNullable(requestId));
    }
    try {
      return translator.fromHuawei(rule);
    } catch (InvalidRuleException e) {
      throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, operation, field, e.getMessage(),
          Optional.ofNullable(requestId));
    }
  }

  private ListSecurityGroupRulesResponse listPage(String groupId, RuleListFilter filter, String marker) {
    ListSecurityGroupRulesRequest request = new ListSecurityGroupRulesRequest()
        .withSecurityGroupId(List.of(groupId))
        .withMarker(marker)
        .withLimit(filter.pageSize().orElse(null))
        .withDirection(filter.direction().map(Direction::keyword).orElse(null))
        .withAction(filter.action().map(Action::keyword).orElse(null))
        .withProtocol(listOrNull(filter.protocols().stream().map(Protocol::keyword).collect(Collectors.toList())))
        .withEthertype(listOrNull(filter.ipVersions().stream()
            .map(v -> v == IpVersion.IPV6 ? "IPv6" : "IPv4").collect(Collectors.toList())))
        .withPriority(listOrNull(List.copyOf(filter.priorities())))
        .withRemoteGroupId(listOrNull(List.copyOf(filter.remoteGroupIds())))
        .withRemoteAddressGroupId(listOrNull(List.copyOf(filter.remoteAddressGroupIds())))
        .withRemoteIpPrefix(filter.remoteIpPrefix().orElse(null))
        .withDescription(listOrNull(List.copyOf(filter.descriptions())))
        .withId(listOrNull(List.copyOf(filter.ids())));
    return send(Target.SECURITY_GROUP, () -> client.listSecurityGroupRules(request), UNCOUNTED);
  }

  private static <T> List<T> listOrNull(List<T> values) {
    return values.isEmpty() ? null : values;
  }

  /**
   * The rule with this id.
   *
   * @throws io.portcullis.core.RuleNotFoundException if there is none
   */
  public ProvisionedRule show(String ruleId) {
    requireNonNull(ruleId, "ruleId");
    ShowSecurityGroupRuleResponse reply = send(Target.RULE, () -> client.showSecurityGroupRule(
        new ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(ruleId)), UNCOUNTED);
    ProvisionedRule rule = readBack("ShowSecurityGroupRule", "security_group_rule", reply.getSecurityGroupRule(),
        reply.getRequestId());
    if (!rule.providerId().equals(ruleId)) {
      throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, "ShowSecurityGroupRule", "security_group_rule.id",
          "the reply describes rule " + rule.providerId() + ", not " + ruleId, Optional.ofNullable(reply.getRequestId()));
    }
    return rule;
  }

  /**
   * Deletes the rule with this id (v3 deletes one rule per call and has no update: change a rule by delete
   * and create).
   *
   * @throws io.portcullis.core.RuleNotFoundException if there is none
   */
  public void delete(String ruleId) {
    delete(ruleId, UNCOUNTED);
  }

  private void delete(String ruleId, Runnable beforeEachCall) {
    requireNonNull(ruleId, "ruleId");
    LOG.debug("deleting security group rule {}", ruleId);
    send(Target.RULE, () -> client.deleteSecurityGroupRule(
        new DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId(ruleId)), beforeEachCall);
  }

  /** One SDK call, retried while throttled; {@code beforeEachCall} counts the requests an apply sends. */
  private <T> T send(Target target, Supplier<T> call, Runnable beforeEachCall) {
    return retry.call(target, call, beforeEachCall);
  }

  @Override
  public ProviderCapabilities capabilities() {
    return HuaweiCapabilities.CAPABILITIES;
  }

  /** The rules as Huawei stores them: default priority filled in, port lists over 20 entries split. */
  @Override
  public List<SecurityRule> providerForm(Collection<SecurityRule> rules) {
    translator.requireSupported(rules);
    return rules.stream().flatMap(r -> translator.split(r).stream()).collect(Collectors.toUnmodifiableList());
  }

  /**
   * {@value #DEFAULT_RULE_QUOTA} rules per group unless changed, and the {@link HuaweiRuleLimit} per direction
   * and family, counted as {@link HuaweiRuleCounter} does.
   */
  @Override
  public Optional<QuotaChecker> quota() {
    return Optional.of(new QuotaChecker(new HuaweiRuleCounter(translator), HuaweiRuleCounter.quota(ruleQuota)));
  }

  @Override
  public List<ProvisionedRule> list(SecurityGroupRef group) {
    return list(group, RuleListFilter.none());
  }

  @Override
  public RuleListing read(SecurityGroupRef group) {
    return read(group, RuleListFilter.none());
  }

  /**
   * The plan to {@code desired}. v3 cannot update a rule in place: a description-only change is kept with a
   * warning ({@link RulePlan#notUpdated()}), or planned as a replacement with {@link #withDescriptionReplacement}.
   */
  @Override
  public RulePlan plan(SecurityGroupRef group, Collection<SecurityRule> desired, PlanMode mode) {
    return withUpdatePolicy(RulePlan.between(providerForm(desired), read(group), mode));
  }

  RulePlan withUpdatePolicy(RulePlan plan) {
    return ApplyPipeline.annotate(replaceDescriptions ? plan.replacingUpdates() : plan.keepingUpdates(), quota());
  }

  /**
   * Applies the plan through the core's {@link ApplyPipeline}: batch creates (at most {@value #MAX_BATCH} rules per
   * call) first whenever the quota allows, then replacements, then one delete call per removed rule (v3 has no
   * batch delete).
   */
  @Override
  public ApplyResult apply(SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return ApplyPipeline.apply(new HuaweiApplyDriver(this, groupId(group), plan), group, plan, options);
  }

  /** Dry-runs the creates (one check per batch call); v3 has no dry run of a delete, so deletes are not checked. */
  @Override
  public ApplyResult dryRun(SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return ApplyPipeline.dryRun(new HuaweiApplyDriver(this, groupId(group), plan), group, plan, options);
  }

  /** One batch-create call of an apply, its reply checked; the created rules as the reply lists them. */
  List<ProvisionedRule> batchCreateForApply(String groupId, List<SecurityRule> rules, boolean dryRun,
      Runnable onRequest) {
    List<Part> parts = parts(rules);
    LOG.debug("batch-creating {} rule(s) in security group {}{}", parts.size(), groupId, dryRun ? " (dry run)" : "");
    BatchCreateSecurityGroupRulesResponse reply = batchCall(groupId, parts, dryRun, onRequest);
    if (dryRun) {
      dryRunResult(BATCH_CREATE, reply, reply.getRequestId());
      return List.of();
    }
    List<ProvisionedRule> created = readBack(BATCH_CREATE, reply.getSecurityGroupRules(), reply.getRequestId());
    for (ProvisionedRule p : created) {
      if (!p.groupId().orElse(groupId).equals(groupId)) {
        throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, BATCH_CREATE, "security_group_id",
            "the reply lists rule " + p.providerId() + " of group " + p.groupId().get() + ", not " + groupId,
            Optional.ofNullable(reply.getRequestId()));
      }
    }
    return created;
  }

  void deleteForApply(String ruleId, Runnable onRequest) {
    delete(ruleId, onRequest);
  }

  static String groupId(SecurityGroupRef group) {
    return requireNonNull(group, "group").id().orElseThrow(() -> new InvalidRuleException(Violation.of("group", group.toString(),
        "a security group id: Huawei Cloud security groups are addressed by id, not by name")));
  }

  /** One Huawei rule to create: the index of the requested rule it belongs to, as a rule and as the wire item. */
  record Part(int ruleIndex, SecurityRule rule, BatchCreateSecurityGroupRulesOption option) {}
}
