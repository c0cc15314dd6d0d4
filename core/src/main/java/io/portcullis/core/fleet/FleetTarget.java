package io.portcullis.core.fleet;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import java.util.List;

/**
 * One group of a fleet and the rules it should hold.
 *
 * @param scope the provider, account and region the group lives in
 * @param group the group
 * @param desired the rules the group should hold
 * @param mode whether rules not desired are deleted ({@link PlanMode#AUTHORITATIVE}) or kept
 */
public record FleetTarget(FleetScope scope, SecurityGroupRef group, List<SecurityRule> desired, PlanMode mode) {
  /** Copies the rules. */
  public FleetTarget {
    requireNonNull(scope, "scope");
    requireNonNull(group, "group");
    desired = List.copyOf(desired);
    requireNonNull(mode, "mode");
  }

  /** {@code aws-ec2/-/us-east-1 sg-1}. */
  @Override
  public String toString() {
    return scope + " " + group;
  }
}
