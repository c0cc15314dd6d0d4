package io.portcullis.core.fleet;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Plans and applies many groups at once, across providers, accounts and regions.
 *
 * <ul>
 *   <li><b>Bounded concurrency.</b> {@link FleetOptions#parallelism()} worker threads over the adapters' synchronous
 *       SDK clients, and at most {@link FleetOptions#perScope()} groups of one {@link FleetScope} at once. Threads
 *       are not the bottleneck at this scale: each provider's rate limit per account and region is (EC2 refills 5
 *       mutating calls a second), so a few dozen threads keep every budget busy; measured, the SDK's async client is
 *       no faster and no cheaper per call than this pool (core README, "Fleet apply"). Targets are interleaved by
 *       scope so that one busy region does not hold every thread.
 *   <li><b>Rate limits.</b> Every call and read of a scope takes a token from that scope's bucket for its kind
 *       ({@link RateLimits}); a throttle, even one the SDK retried on its own ({@link
 *       io.portcullis.core.plan.RetriedThrottles}), halves the bucket's rate and pauses the whole scope for a
 *       jittered backoff, and a group throttled past the SDK's retries is planned and applied again ({@link
 *       FleetOptions#throttleRetries()}): the new plan starts from what the group holds.
 *   <li><b>Independence.</b> One group's failure never stops another's; each ends with a {@link GroupResult}.
 *   <li><b>Cancellation.</b> {@link FleetRun#cancel()} or interrupting {@link #run} sends no new call; applies in
 *       flight settle their call through the pipeline; groups never touched end {@link GroupStatus#NOT_ATTEMPTED}.
 * </ul>
 *
 * <pre>{@code
 * Fleet fleet = Fleet.of(scope -> SecurityGroupRulesProvider.load(scope.provider(), settingsFor(scope)),
 *     FleetOptions.builder().parallelism(32).build());
 * FleetResult result = fleet.run(targets, FleetAction.APPLY);
 * }</pre>
 *
 * <p>Past one machine, shard the targets by scope across processes (or jobs of an existing scheduler), each shard
 * owning its scopes' rate-limit budget.
 */
public final class Fleet {
  private final Function<FleetScope, SecurityGroupRules> adapters;
  private final FleetOptions options;
  private final Map<FleetScope, SecurityGroupRules> clients = new ConcurrentHashMap<>();

  private Fleet(Function<FleetScope, SecurityGroupRules> adapters, FleetOptions options) {
    this.adapters = adapters;
    this.options = options;
  }

  /**
   * A fleet that gets the adapter of each scope from {@code adapters} (called once per scope; the adapter is
   * shared by the scope's groups, so its client must be thread-safe, as the SDK clients are).
   */
  public static Fleet of(Function<FleetScope, SecurityGroupRules> adapters, FleetOptions options) {
    return new Fleet(requireNonNull(adapters, "adapters"), requireNonNull(options, "options"));
  }

  /** Starts a run in the background. */
  public FleetRun start(List<FleetTarget> targets, FleetAction action) {
    return new FleetRun(List.copyOf(targets), requireNonNull(action, "action"), options,
        scope -> clients.computeIfAbsent(scope, adapters));
  }

  /**
   * Runs and waits. Interrupting the calling thread cancels the run: it still waits for the calls in flight to
   * settle, returns every group's result and restores the interrupt flag.
   */
  public FleetResult run(List<FleetTarget> targets, FleetAction action) {
    FleetRun run = start(targets, action);
    boolean interrupted = false;
    while (true) {
      try {
        FleetResult result = run.await();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return result;
      } catch (InterruptedException e) {
        interrupted = true;
        run.cancel();
      }
    }
  }
}
