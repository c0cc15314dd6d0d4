package io.portcullis.huaweicloud.vpc;

import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.RuleRejection;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.plan.ApplyDriver;
import io.portcullis.core.plan.CallReply;
import io.portcullis.core.plan.PlannedChange;
import io.portcullis.core.plan.ProviderCall;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RulePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Huawei v3's calls for the apply pipeline: batch creates of at most {@value HuaweiSecurityGroupRules#MAX_BATCH}
 * rules (a planned rule's parts always in one call), one delete per rule (independent: with {@link
 * io.portcullis.core.plan.ApplyOptions#callConcurrency()} above 1 several run at once, since v3 has no batch
 * delete), and for a replacement a delete then a create. Description updates without replacement are refused
 * before any call: v3 cannot update a rule.
 */
final class HuaweiApplyDriver implements ApplyDriver {
  private static final String NO_DRY_RUN = "not checked: v3 has no dry run for deleting a rule";

  private final HuaweiSecurityGroupRules rules;
  private final String groupId;
  private final RulePlan plan;

  HuaweiApplyDriver(HuaweiSecurityGroupRules rules, String groupId, RulePlan plan) {
    this.rules = rules;
    this.groupId = groupId;
    this.plan = plan;
  }

  @Override
  public String provider() {
    return HuaweiCapabilities.PROVIDER;
  }

  @Override
  public List<ProviderCall> calls(Change kind, List<PlannedChange> changes) {
    return switch (kind) {
      case CREATE -> batches(changes);
      case DELETE -> changes.stream().<ProviderCall>map(c -> new HuaweiCall("DeleteSecurityGroupRule", List.of(c),
          List.of(), true, (dry, onRequest) -> {
            if (dry) {
              return CallReply.notChecked(NO_DRY_RUN);
            }
            rules.deleteForApply(c.providerId().orElseThrow(), onRequest);
            return CallReply.ok(Optional.empty());
          })).toList();
      case UPDATE -> replacements(changes);
    };
  }

  /** Creates in as few batch calls as the batch limit allows, never splitting one planned rule's parts. */
  private List<ProviderCall> batches(List<PlannedChange> creates) {
    rules.translator().requireSupported(creates.stream().map(PlannedChange::rule).toList());
    List<ProviderCall> calls = new ArrayList<>();
    List<PlannedChange> batch = new ArrayList<>();
    int parts = 0;
    for (PlannedChange c : creates) {
      int size = rules.translator().split(c.rule()).size();
      if (!batch.isEmpty() && parts + size > HuaweiSecurityGroupRules.MAX_BATCH) {
        calls.add(batchCall(batch));
        batch = new ArrayList<>();
        parts = 0;
      }
      batch.add(c);
      parts += size;
    }
    if (!batch.isEmpty()) {
      calls.add(batchCall(batch));
    }
    return calls;
  }

  private ProviderCall batchCall(List<PlannedChange> batch) {
    List<SecurityRule> wanted = batch.stream().map(PlannedChange::rule).toList();
    return new HuaweiCall("BatchCreateSecurityGroupRules", List.copyOf(batch), (dry, onRequest) -> {
      List<ProvisionedRule> created = rules.batchCreateForApply(groupId, wanted, dry, onRequest);
      return CallReply.created(created, Optional.empty());
    });
  }

  private List<ProviderCall> replacements(List<PlannedChange> updates) {
    if (!plan.updatesReplace()) {
      throw new UnsupportedRuleException(provider(), updates.stream().map(u -> new RuleRejection(u.rule(), List.of(
          "v3 cannot update a rule's description in place; plan with withDescriptionReplacement(true) to replace "
              + "the rule (it is absent between the delete and the create)"))).toList());
    }
    rules.translator().requireSupported(updates.stream().map(PlannedChange::rule).toList());
    return updates.stream().<ProviderCall>map(u -> new HuaweiCall("DeleteSecurityGroupRule+BatchCreateSecurityGroupRules",
        List.of(u), (dry, onRequest) -> {
          if (dry) {
            rules.batchCreateForApply(groupId, List.of(u.rule()), true, onRequest);
            return CallReply.notChecked(NO_DRY_RUN + " (the create was checked)");
          }
          rules.deleteForApply(u.providerId().orElseThrow(), onRequest);
          return CallReply.created(rules.batchCreateForApply(groupId, List.of(u.rule()), false, onRequest),
              Optional.empty());
        })).toList();
  }

  @Override
  public List<ProvisionedRule> list() {
    return rules.list(SecurityGroupRef.ofId(groupId));
  }

  @Override
  public RuleListing read() {
    return rules.read(SecurityGroupRef.ofId(groupId), RuleListFilter.none());
  }

  /** One delete per rule the model cannot represent, by id. */
  @Override
  public List<ProviderCall> opaqueDeletes(List<OpaqueRule> opaque) {
    return opaque.stream().<ProviderCall>map(o -> new HuaweiCall("DeleteSecurityGroupRule", List.of(), List.of(o),
        true, (dry, onRequest) -> {
          if (dry) {
            return CallReply.notChecked(NO_DRY_RUN);
          }
          rules.deleteForApply(o.providerId(), onRequest);
          return CallReply.ok(Optional.empty());
        })).toList();
  }

  @Override
  public Optional<QuotaChecker> quota() {
    return rules.quota();
  }

  @Override
  public List<SecurityRule> stored(SecurityRule rule) {
    return rules.translator().split(rule);
  }

  @Override
  public RulePlan replan(RulePlan stale, List<ProvisionedRule> fresh) {
    return rules.withUpdatePolicy(RulePlan.between(stale.desired(), fresh, stale.mode()));
  }

  /** The body of one call: given whether it is a dry run and how to count requests. */
  @FunctionalInterface
  private interface Body {
    CallReply send(boolean dryRun, Runnable onRequest);
  }

  /** {@code independent}: a delete of one rule, which may run beside the other deletes of its step. */
  private record HuaweiCall(String operation, List<PlannedChange> changes, List<OpaqueRule> opaque,
      boolean independent, Body body) implements ProviderCall {
    HuaweiCall(String operation, List<PlannedChange> changes, Body body) {
      this(operation, changes, List.of(), false, body);
    }

    @Override
    public CallReply send(boolean dryRun, Runnable onRequest) {
      return body.send(dryRun, onRequest);
    }
  }
}
