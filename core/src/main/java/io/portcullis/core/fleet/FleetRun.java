package io.portcullis.core.fleet;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.CallGate;
import io.portcullis.core.plan.CallKind;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RulePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A fleet run under way: wait for it or cancel it. Started by {@link Fleet#start}. */
public final class FleetRun {
  private static final Logger LOG = LoggerFactory.getLogger(FleetRun.class);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final List<FleetTarget> targets;
  private final FleetAction action;
  private final FleetOptions options;
  private final Function<FleetScope, SecurityGroupRules> adapters;
  private final Map<FleetScope, ScopeLimiter> limiters = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<GroupResult> results;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong throttles = new AtomicLong();
  private final ExecutorService pool;
  private final long started = System.nanoTime();
  private volatile boolean cancelled;

  FleetRun(List<FleetTarget> targets, FleetAction action, FleetOptions options,
      Function<FleetScope, SecurityGroupRules> adapters) {
    this.targets = targets;
    this.action = action;
    this.options = options;
    this.adapters = adapters;
    this.results = new AtomicReferenceArray<>(targets.size());
    int run = RUNS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
      Thread t = new Thread(r, "portcullis-fleet-" + run + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    for (int i : interleaved()) {
      pool.execute(() -> results.set(i, ended(group(i))));
    }
    pool.shutdown();
  }

  /**
   * Sends no new call from now on: groups not started end {@link GroupStatus#NOT_ATTEMPTED}, applies in flight
   * stop after settling their call in flight.
   */
  public void cancel() {
    cancelled = true;
    pool.shutdownNow();
  }

  /** Whether every group has ended. */
  public boolean isDone() {
    return pool.isTerminated();
  }

  /**
   * Waits for every group to end.
   *
   * @throws InterruptedException if interrupted while waiting (the run goes on; cancel it if need be)
   */
  public FleetResult await() throws InterruptedException {
    while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
      LOG.info("fleet run still going: {}", progress());
    }
    List<GroupResult> all = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      GroupResult r = results.get(i);
      if (r == null) { // dropped from the queue by cancel(): told to the listener now, so that done reaches total
        r = ended(notAttempted(targets.get(i), Optional.empty(), 0, 0));
        results.set(i, r);
      }
      all.add(r);
    }
    return new FleetResult(all, Duration.ofNanos(System.nanoTime() - started), calls.get(), throttles.get());
  }

  /** Target indexes, one scope after another in turn, so that each scope's groups spread over the run. */
  private List<Integer> interleaved() {
    Map<FleetScope, List<Integer>> byScope = new LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      byScope.computeIfAbsent(targets.get(i).scope(), s -> new ArrayList<>()).add(i);
    }
    List<Iterator<Integer>> queues = new ArrayList<>();
    byScope.values().forEach(l -> queues.add(l.iterator()));
    List<Integer> order = new ArrayList<>(targets.size());
    while (order.size() < targets.size()) {
      for (Iterator<Integer> q : queues) {
        if (q.hasNext()) {
          order.add(q.next());
        }
      }
    }
    return order;
  }

  private GroupResult group(int index) {
    FleetTarget target = targets.get(index);
    long start = System.nanoTime();
    if (cancelled) {
      return notAttempted(target, Optional.empty(), 0, start);
    }
    ScopeLimiter limiter = limiters.computeIfAbsent(target.scope(),
        s -> new ScopeLimiter(s, options, calls, throttles, this::notify));
    Semaphore place = limiter.groups();
    try {
      place.acquire();
    } catch (InterruptedException e) {
      return notAttempted(target, Optional.empty(), 0, start);
    }
    AtomicInteger groupCalls = new AtomicInteger();
    try {
      CallGate gate = limiter.gate(groupCalls);
      for (int attempt = 0; ; attempt++) {
        GroupResult r = attempt(target, gate, groupCalls, start);
        if (r.status() != GroupStatus.FAILED || attempt >= options.throttleRetries() || cancelled
            || target.plan().isPresent() || !throttled(r.error().get())) {
          return r;
        }
        LOG.info("{} was throttled; planning it again ({} of {})", target, attempt + 1, options.throttleRetries());
      }
    } finally {
      place.release();
      Thread.interrupted(); // a cancel's interrupt ends with the group
    }
  }

  private GroupResult attempt(FleetTarget target, CallGate gate, AtomicInteger groupCalls, long start) {
    Optional<RulePlan> plan = Optional.empty();
    try {
      SecurityGroupRules rules = adapters.apply(target.scope());
      plan = target.plan();
      if (plan.isEmpty()) {
        try {
          gate.admit(CallKind.READ);
        } catch (InterruptedException e) {
          return notAttempted(target, plan, groupCalls.get(), start);
        }
        try {
          plan = Optional.of(rules.plan(target.group(), target.desired(), target.mode()));
          gate.ended(CallKind.READ, Optional.empty());
        } catch (RuntimeException e) {
          gate.ended(CallKind.READ, Optional.of(typed(e)));
          throw e;
        }
      }
      if (!plan.get().hasChanges()) {
        return result(target, GroupStatus.NO_CHANGES, plan, Optional.empty(), groupCalls, start, Optional.empty());
      }
      if (action == FleetAction.PLAN) {
        return result(target, GroupStatus.PLANNED, plan, Optional.empty(), groupCalls, start, Optional.empty());
      }
      if (cancelled) {
        return notAttempted(target, plan, groupCalls.get(), start);
      }
      ApplyOptions applyOptions = options.apply().toBuilder().listener(options.listener()).gate(gate).build();
      ApplyResult result = action == FleetAction.DRY_RUN
          ? rules.dryRun(target.group(), plan.get(), applyOptions)
          : rules.apply(target.group(), plan.get(), applyOptions);
      return result(target, GroupStatus.APPLIED, plan, Optional.of(result), groupCalls, start, Optional.empty());
    } catch (ApplyException e) {
      boolean untouched = e.result().outcomes().stream()
          .allMatch(o -> o.status() == RuleOutcome.Status.NOT_ATTEMPTED)
          && e.result().opaqueOutcomes().stream().allMatch(o -> o.status() == RuleOutcome.Status.NOT_ATTEMPTED);
      GroupStatus status = !cancelled ? GroupStatus.FAILED
          : untouched ? GroupStatus.NOT_ATTEMPTED : GroupStatus.CANCELLED;
      return result(target, status, plan, Optional.of(e.result()), groupCalls, start, Optional.of(e));
    } catch (RuntimeException e) {
      // Before the apply's first call nothing changed, so a cancelled group is simply not attempted.
      GroupStatus status = cancelled ? GroupStatus.NOT_ATTEMPTED : GroupStatus.FAILED;
      return result(target, status, plan, Optional.empty(), groupCalls, start, Optional.of(e));
    }
  }

  private static boolean throttled(RuntimeException e) {
    return e instanceof ThrottledException || e.getCause() instanceof ThrottledException;
  }

  private static PortcullisException typed(RuntimeException e) {
    return e instanceof PortcullisException p ? p : new PortcullisException(String.valueOf(e.getMessage()), e);
  }

  private GroupResult notAttempted(FleetTarget target, Optional<RulePlan> plan, int groupCalls, long start) {
    return new GroupResult(target, GroupStatus.NOT_ATTEMPTED, plan, Optional.empty(), groupCalls,
        Duration.ofNanos(start == 0 ? 0 : System.nanoTime() - start),
        Optional.of(new PortcullisException("the fleet was cancelled before this group was changed")));
  }

  private static GroupResult result(FleetTarget target, GroupStatus status, Optional<RulePlan> plan,
      Optional<ApplyResult> result, AtomicInteger groupCalls, long start, Optional<RuntimeException> error) {
    return new GroupResult(target, status, plan, result, groupCalls.get(), Duration.ofNanos(System.nanoTime() - start),
        error);
  }

  private GroupResult ended(GroupResult result) {
    int n = done.incrementAndGet();
    FleetProgress progress = progress(n);
    notify(() -> options.listener().groupEnded(result, progress));
    return result;
  }

  private FleetProgress progress() {
    return progress(done.get());
  }

  private FleetProgress progress(int n) {
    long elapsed = System.nanoTime() - started;
    Optional<Duration> eta = n == 0 ? Optional.empty()
        : Optional.of(Duration.ofNanos(elapsed / n * (targets.size() - n)));
    return new FleetProgress(n, targets.size(), calls.get(), throttles.get(), eta);
  }

  private void notify(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      LOG.warn("a fleet listener failed; ignoring it: {}", e.toString());
    }
  }
}
