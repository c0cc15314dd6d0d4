package io.portcullis.core.plan;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import io.portcullis.core.analysis.QuotaChecker;
import java.util.List;
import java.util.Optional;

/**
 * What an adapter supplies to {@link ApplyPipeline} for one group: how it turns changes into calls and how it
 * re-reads the group. Ordering, settling, outcomes, guards and events are the pipeline's, the same for every
 * provider.
 */
public interface ApplyDriver {
  /** The adapter's provider name. */
  String provider();

  /**
   * The calls that carry out {@code changes} (all of kind {@code kind}), in order, batched as the provider
   * allows. Called for every step before the first call, so an inexpressible rule fails before anything is sent.
   * For an update of a plan whose {@link RulePlan#updatesReplace() updates replace}, the call deletes the old rule
   * and creates the new one.
   *
   * @throws io.portcullis.core.UnsupportedRuleException naming every rule the provider cannot express
   */
  List<ProviderCall> calls(RuleOutcome.Change kind, List<PlannedChange> changes);

  /**
   * The group's rules now, from a listing that passed every check (a typed exception otherwise): what settling
   * and the stale-plan check read. A rule the provider is already removing may be left out.
   */
  List<ProvisionedRule> list();

  /**
   * The group's rules now with those the model cannot represent: what settles deletes of {@link OpaqueRule}s.
   * By default {@link #list()} without any.
   */
  default RuleListing read() {
    return RuleListing.of(list());
  }

  /**
   * The calls that delete these rules the model cannot represent, by id; each call's {@link ProviderCall#opaque()}
   * names the rules it deletes and its {@link ProviderCall#changes()} is empty.
   *
   * @throws InvalidRuleException before any call if the provider cannot delete them by id
   */
  default List<ProviderCall> opaqueDeletes(List<OpaqueRule> rules) {
    if (rules.isEmpty()) {
      return List.of();
    }
    throw new InvalidRuleException(Violation.of("opaque", rules.get(0).providerId(),
        "a rule the provider can delete by id; " + provider() + " cannot"));
  }

  /** The group's rule quota, which decides whether creates can come first. */
  Optional<QuotaChecker> quota();

  /**
   * Whether the provider is already removing this rule (ElastiCache's {@code revoking}): it counts as deleted and
   * not as present.
   */
  default boolean isBeingRemoved(ProvisionedRule rule) {
    return false;
  }

  /** How the provider stores one planned rule (e.g. one rule per port range); each part is matched on its own. */
  default List<SecurityRule> stored(SecurityRule rule) {
    return List.of(rule);
  }

  /** The plan from {@code fresh} to the desired rules of {@code stale}, for {@link StalePlanPolicy#REPLAN}. */
  default RulePlan replan(RulePlan stale, List<ProvisionedRule> fresh) {
    return RulePlan.between(stale.desired(), fresh, stale.mode());
  }
}
