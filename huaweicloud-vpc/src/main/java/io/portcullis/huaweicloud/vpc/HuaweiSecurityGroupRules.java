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
import com.huaweicloud.sdk.vpc.v3.model.ShowSecurityGroupRuleRequest;
import io.portcullis.core.Action;
import io.portcullis.core.Direction;
import io.portcullis.core.DryRunResult;
import io.portcullis.core.IpVersion;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.Protocol;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.analysis.RuleQuota;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanRun;
import io.portcullis.core.plan.PlannedChange;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.huaweicloud.vpc.HuaweiErrorMapper.Target;
import java.util.ArrayList;
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
 * core typed exceptions (see {@link HuaweiErrorMapper}). Batch creates send {@code ignore_duplicate: false}:
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
  private static final Runnable UNCOUNTED = () -> { };

  /** The default number of rules a security group may hold (adjustable per account). */
  public static final int DEFAULT_RULE_QUOTA = 50;

  private final VpcClient client;
  private final HuaweiRuleTranslator translator;
  private final int ruleQuota;
  private final ThrottlingRetry retry;
  private final Runnable closer;

  /** A service over {@code client} with the default translator (priority 1 for rules without one). */
  public HuaweiSecurityGroupRules(VpcClient client) {
    this(client, new HuaweiRuleTranslator());
  }

  /** A service over {@code client} translating with {@code translator}. */
  public HuaweiSecurityGroupRules(VpcClient client, HuaweiRuleTranslator translator) {
    this(client, translator, DEFAULT_RULE_QUOTA, ThrottlingRetry.DEFAULT, () -> { });
  }

  /** A service that runs {@code closer} when it is closed, to release what the provider built for the client. */
  static HuaweiSecurityGroupRules owning(VpcClient client, HuaweiRuleTranslator translator, Runnable closer) {
    return new HuaweiSecurityGroupRules(client, translator, DEFAULT_RULE_QUOTA, ThrottlingRetry.DEFAULT, closer);
  }

  private HuaweiSecurityGroupRules(VpcClient client, HuaweiRuleTranslator translator, int ruleQuota,
      ThrottlingRetry retry, Runnable closer) {
    this.client = requireNonNull(client, "client");
    this.closer = closer;
    this.translator = requireNonNull(translator, "translator");
    this.ruleQuota = ruleQuota;
    this.retry = requireNonNull(retry, "retry");
  }

  /** This service with another rules-per-group quota (the account's, if it was raised). */
  public HuaweiSecurityGroupRules withRuleQuota(int rulesPerGroup) {
    return new HuaweiSecurityGroupRules(client, translator, rulesPerGroup, retry, closer);
  }

  /**
   * This service retrying throttled (HTTP 429) calls as {@code retry} says; {@link ThrottlingRetry#DEFAULT}
   * unless changed.
   */
  public HuaweiSecurityGroupRules withThrottlingRetry(ThrottlingRetry retry) {
    return new HuaweiSecurityGroupRules(client, translator, ruleQuota, retry, closer);
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
   * Creates {@code rule} in security group {@code groupId}: one create call, or, when its port list is split
   * into several rules, one batch-create call so that the parts are created together.
   *
   * @return the created rules with their ids (several when the port list was split)
   */
  public List<ProvisionedRule> create(String groupId, SecurityRule rule) {
    List<CreateSecurityGroupRuleOption> options = translator.toCreateOptions(groupId, rule);
    if (options.size() > 1) {
      return batchCreate(groupId, List.of(rule)).get(0).created();
    }
    LOG.debug("creating rule '{}' in security group {}", rule, groupId);
    CreateSecurityGroupRuleResponse reply = createCall(options.get(0), false);
    return List.of(translator.fromHuawei(reply.getSecurityGroupRule()));
  }

  /**
   * Checks a create of {@code rule} without creating it ({@code dry_run: true}). A passing check (HTTP 202)
   * gives a {@link DryRunResult}; a failing one throws the typed exception the real call would have thrown.
   */
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
   * Creates {@code rules} in security group {@code groupId} with the batch-create API: at most {@value
   * #MAX_BATCH} Huawei rules per call, in as few calls as possible. All rules are checked before the first
   * call.
   *
   * @return for each requested rule, in order, the rules created for it with their ids
   * @throws io.portcullis.core.UnsupportedRuleException if any rule cannot be expressed (nothing is sent)
   * @throws ProviderException (typed) if the first call fails: nothing was created
   * @throws PartialBatchCreateException if a later call fails: it lists what was and was not created
   */
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
      List<ProvisionedRule> replied = reply.getSecurityGroupRules() == null ? List.of()
          : reply.getSecurityGroupRules().stream().map(translator::fromHuawei).collect(Collectors.toList());
      match(call, replied, created);
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
   */
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
  private List<Part> parts(Collection<SecurityRule> rules) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a batch create needs at least one rule");
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
   * Assigns the replied rules to the requested parts: first those that read back as exactly the part, then
   * the rest in order (the reply holds every created rule, since duplicates are not ignored).
   */
  private static void match(List<Part> call, List<ProvisionedRule> replied, List<List<ProvisionedRule>> created) {
    ProvisionedRule[] assigned = new ProvisionedRule[call.size()];
    boolean[] used = new boolean[replied.size()];
    for (int i = 0; i < call.size(); i++) {
      for (int j = 0; j < replied.size(); j++) {
        if (!used[j] && replied.get(j).rule().equals(call.get(i).rule())) {
          assigned[i] = replied.get(j);
          used[j] = true;
          break;
        }
      }
    }
    int next = 0;
    for (int i = 0; i < call.size(); i++) {
      while (assigned[i] == null && next < replied.size()) {
        if (!used[next]) {
          LOG.warn("rule {} came back as '{}', not as requested '{}'", replied.get(next).providerId(),
              replied.get(next).rule(), call.get(i).rule());
          assigned[i] = replied.get(next);
          used[next] = true;
        }
        next++;
      }
      if (assigned[i] != null) {
        created.get(call.get(i).ruleIndex()).add(assigned[i]);
      } else {
        LOG.warn("the batch-create reply has no rule for requested '{}'", call.get(i).rule());
      }
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

  /** Every rule of security group {@code groupId}, following the pagination to the end. */
  public List<ProvisionedRule> list(String groupId) {
    return list(groupId, RuleListFilter.none());
  }

  /** The rules of security group {@code groupId} that match {@code filter}, following the pagination to the end. */
  public List<ProvisionedRule> list(String groupId, RuleListFilter filter) {
    requireNonNull(groupId, "groupId");
    return Pages.collect(marker -> listPage(groupId, filter, marker),
        ListSecurityGroupRulesResponse::getSecurityGroupRules, ListSecurityGroupRulesResponse::getPageInfo)
        .stream().map(translator::fromHuawei).collect(Collectors.toUnmodifiableList());
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
    return translator.fromHuawei(send(Target.RULE, () -> client.showSecurityGroupRule(
        new ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(ruleId)), UNCOUNTED).getSecurityGroupRule());
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

  /** {@value #DEFAULT_RULE_QUOTA} rules per group unless changed, counted as {@link HuaweiRuleCounter} does. */
  @Override
  public Optional<QuotaChecker> quota() {
    return Optional.of(new QuotaChecker(new HuaweiRuleCounter(translator), RuleQuota.perGroup(ruleQuota)));
  }

  @Override
  public List<ProvisionedRule> list(SecurityGroupRef group) {
    return list(groupId(group));
  }

  @Override
  public ApplyResult apply(SecurityGroupRef group, RulePlan plan) {
    return execute(group, plan, false);
  }

  /** Dry-runs the creates (one check per batch call); v3 has no dry run of a delete, so deletes are not checked. */
  @Override
  public ApplyResult dryRun(SecurityGroupRef group, RulePlan plan) {
    return execute(group, plan, true);
  }

  private ApplyResult execute(SecurityGroupRef group, RulePlan plan, boolean dryRun) {
    String groupId = groupId(group);
    List<PlannedChange> changes = plan.changes();
    List<PlannedChange> removals = changes.stream().filter(c -> c.change() != Change.CREATE).toList();
    List<PlannedChange> additions = changes.stream().filter(c -> c.change() != Change.DELETE).toList();
    List<SecurityRule> toCreate = additions.stream().map(PlannedChange::rule).toList();
    translator.requireSupported(toCreate);
    requireWithinQuota(plan);
    PlanRun run = new PlanRun(provider(), group, dryRun);
    for (int i = 0; i < removals.size(); i++) {
      PlannedChange c = removals.get(i);
      if (dryRun) {
        if (c.change() == Change.DELETE) {
          run.unchecked(c, "not checked: v3 has no dry run for deleting a rule");
        }
        continue;
      }
      try {
        delete(c.providerId().orElseThrow(), run::countCall);
      } catch (RuntimeException e) {
        // Every other change is unfinished: later deletes, creates, and updates (an earlier update's old
        // rule is already gone; PlanRun says so when it re-reads the group).
        List<PlannedChange> later = new ArrayList<>(changes);
        List<PlannedChange> deleted = removals.subList(0, i);
        later.removeIf(o -> o == c || (o.change() == Change.DELETE && deleted.contains(o)));
        throw run.failed(List.of(c), later, e, () -> list(groupId));
      }
      if (c.change() == Change.DELETE) {
        run.done(c, Optional.empty());
      }
    }
    if (!additions.isEmpty()) {
      create(groupId, additions, toCreate, run, dryRun);
    }
    return run.result();
  }

  private void create(String groupId, List<PlannedChange> additions, List<SecurityRule> rules, PlanRun run,
      boolean dryRun) {
    try {
      if (dryRun) {
        dryRunBatchCreate(groupId, rules, run::countCall);
        additions.forEach(c -> run.done(c, Optional.empty()));
      } else {
        List<CreatedRules> created = batchCreate(groupId, rules, run::countCall);
        for (int i = 0; i < additions.size(); i++) {
          run.done(additions.get(i), Optional.of(String.join(",", created.get(i).ids())));
        }
      }
    } catch (RuntimeException e) {
      throw run.failed(additions, List.of(), e, () -> list(groupId));
    }
  }

  private static String groupId(SecurityGroupRef group) {
    return group.id().orElseThrow(() -> new IllegalArgumentException(
        "Huawei Cloud security groups are addressed by id, not by name: " + group));
  }

  /** One Huawei rule to create: the index of the requested rule it belongs to, as a rule and as the wire item. */
  private record Part(int ruleIndex, SecurityRule rule, BatchCreateSecurityGroupRulesOption option) {}
}
