package io.portcullis.core.fleet;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RulePlan;
import java.time.Duration;
import java.util.Optional;

/**
 * How one group of a fleet ended.
 *
 * @param target the group and its desired rules
 * @param status how it ended
 * @param plan the plan, where one was made
 * @param result each change's outcome, where the apply (or dry run) started
 * @param calls calls and reads the group made through the fleet's limiter, retries of a throttled group included
 * @param time how long the group took, waiting for the limiter included
 * @param error why it failed or was cancelled
 */
public record GroupResult(FleetTarget target, GroupStatus status, Optional<RulePlan> plan,
    Optional<ApplyResult> result, int calls, Duration time, Optional<RuntimeException> error) {
  /** Checks that no component is null. */
  public GroupResult {
    requireNonNull(target, "target");
    requireNonNull(status, "status");
    requireNonNull(plan, "plan");
    requireNonNull(result, "result");
    requireNonNull(time, "time");
    requireNonNull(error, "error");
  }

  /** {@code aws-ec2/-/- sg-1: applied, 3 calls, 120 ms}, with the error if any. */
  @Override
  public String toString() {
    return target + ": " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", " + calls
        + " calls, " + time.toMillis() + " ms" + error.map(e -> ": " + e.getMessage()).orElse("");
  }
}
