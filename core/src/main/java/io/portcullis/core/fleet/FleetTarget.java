package io.portcullis.core.fleet;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.util.List;
import java.util.Optional;

/**
 * One group of a fleet and the rules it should hold.
 *
 * @param scope the provider, account and region the group lives in
 * @param group the group
 * @param desired the rules the group should hold
 * @param mode whether rules not desired are deleted ({@link PlanMode#AUTHORITATIVE}) or kept
 * @param plan a plan already made (and, say, approved) to apply instead of planning again: the apply's stale-plan
 *     check compares it with the group, and a throttled group is not planned again
 */
public record FleetTarget(FleetScope scope, SecurityGroupRef group, List<SecurityRule> desired, PlanMode mode,
    Optional<RulePlan> plan) {
  /** Copies the rules. */
  public FleetTarget {
    requireNonNull(scope, "scope");
    requireNonNull(group, "group");
    desired = List.copyOf(desired);
    requireNonNull(mode, "mode");
    requireNonNull(plan, "plan");
  }

  /** A target the fleet plans itself. */
  public FleetTarget(FleetScope scope, SecurityGroupRef group, List<SecurityRule> desired, PlanMode mode) {
    this(scope, group, desired, mode, Optional.empty());
  }

  /** This target with a plan already made, to apply as it is. */
  public FleetTarget withPlan(RulePlan plan) {
    return new FleetTarget(scope, group, plan.desired(), plan.mode(), Optional.of(plan));
  }

  /** {@code aws-ec2/-/us-east-1 sg-1}. */
  @Override
  public String toString() {
    return scope + " " + group;
  }
}
