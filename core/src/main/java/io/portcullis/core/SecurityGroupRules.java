package io.portcullis.core;

import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.analysis.QuotaExceededPlanException;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyPipeline;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.DeletionLimitException;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.StalePlanException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The provider-neutral way to manage one provider's security-group rules: list them, plan a desired state
 * and apply the plan with the fewest calls. Each adapter implements it; find them with {@link
 * SecurityGroupRulesProvider} or build them explicitly.
 *
 * <p><b>Thread safety.</b> Every adapter is immutable and safe for concurrent use by any number of threads, as
 * are the SDK clients under it; share one per provider and account. Calls on different groups are independent.
 * Concurrent applies to the <em>same</em> group race at the provider as any two clients would: plan and apply
 * one group from one place at a time.
 *
 * <p><b>Lifecycle.</b> {@link #close()} releases what the adapter built itself: the SDK client and its
 * connections when it came from {@link SecurityGroupRulesProvider#load}. An adapter built over your own SDK
 * client leaves that client open; close it yourself.
 */
public interface SecurityGroupRules extends AutoCloseable {
  /** What this provider can express; its {@code provider()} names the adapter. */
  ProviderCapabilities capabilities();

  /** The adapter's provider name, e.g. {@code aws-ec2}. */
  default String provider() {
    return capabilities().provider();
  }

  /**
   * The rules as the provider will store and report them (split, with defaults filled in), so a plan
   * compares like with like.
   *
   * @throws UnsupportedRuleException naming every rule the provider cannot express, before any call
   */
  List<SecurityRule> providerForm(Collection<SecurityRule> rules);

  /**
   * The quota the provider enforces on one group's rules, with the provider's way of counting them; empty
   * when the provider documents none.
   */
  default Optional<QuotaChecker> quota() {
    return Optional.empty();
  }

  /**
   * Fails before any call if applying {@code plan} would take the group over its quota.
   *
   * @throws QuotaExceededPlanException with the count, the limit and whether compaction would make it fit
   */
  default void requireWithinQuota(RulePlan plan) {
    quota().ifPresent(q -> q.requireWithinQuota(plan.resultingRules()));
  }

  /**
   * The group's rules at the provider that the neutral model represents; a rule it cannot represent is left out
   * with a warning (see {@link #read}).
   */
  List<ProvisionedRule> list(SecurityGroupRef group);

  /**
   * The group's rules at the provider, with those the neutral model cannot represent as {@link OpaqueRule}s:
   * one such rule never fails the whole read.
   */
  default RuleListing read(SecurityGroupRef group) {
    return RuleListing.of(list(group));
  }

  /**
   * The plan from the group's current rules to {@code desired}. Checks every desired rule first.
   *
   * @throws UnsupportedRuleException before any call if a desired rule cannot be expressed
   */
  default RulePlan plan(SecurityGroupRef group, Collection<SecurityRule> desired, PlanMode mode) {
    List<SecurityRule> wanted = providerForm(desired);
    return ApplyPipeline.annotate(RulePlan.between(wanted, read(group), mode), quota());
  }

  /**
   * Applies the plan with the default {@link ApplyOptions}: see {@link #apply(SecurityGroupRef, RulePlan,
   * ApplyOptions)}.
   */
  default ApplyResult apply(SecurityGroupRef group, RulePlan plan) {
    return apply(group, plan, ApplyOptions.defaults());
  }

  /**
   * Applies the plan safely (see {@link io.portcullis.core.plan.ApplyPipeline}): the plan's snapshot is checked
   * against the group first; every change is translated and checked (including the quota) before the first call;
   * creates come before deletes whenever the quota allows; after an ambiguous failure the group is re-read and each
   * change settled by what it holds, and the apply goes on when the changes are in fact in place.
   *
   * @throws DeletionLimitException before any call if the plan deletes more than the options allow
   * @throws StalePlanException before any call if the group changed since the plan was made
   * @throws UnsupportedRuleException before any call if a planned rule cannot be expressed
   * @throws ApplyException if the result is incomplete; it tells exactly what was and was not applied
   */
  ApplyResult apply(SecurityGroupRef group, RulePlan plan, ApplyOptions options);

  /** A dry run with the default {@link ApplyOptions}. */
  default ApplyResult dryRun(SecurityGroupRef group, RulePlan plan) {
    return dryRun(group, plan, ApplyOptions.defaults());
  }

  /**
   * Asks the provider whether applying the plan would succeed, without changing anything. Outcomes are
   * {@code WOULD_APPLY}; a permission failure throws {@link UnauthorizedException}.
   */
  ApplyResult dryRun(SecurityGroupRef group, RulePlan plan, ApplyOptions options);

  /**
   * Releases the SDK client and connections the adapter built itself (nothing for an adapter over a client you
   * passed in). Closing twice is harmless; the adapter is not to be used afterwards.
   */
  @Override
  default void close() {}
}
