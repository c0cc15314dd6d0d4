package io.portcullis.core.fleet;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.plan.CallGate;
import io.portcullis.core.plan.CallKind;
import io.portcullis.core.plan.RetriedThrottles;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One scope's share of the fleet: its groups in flight and its rate limit per kind of call. */
final class ScopeLimiter {
  private final FleetScope scope;
  private final Semaphore groups;
  private final Map<CallKind, TokenBucket> buckets = new EnumMap<>(CallKind.class);
  private final AtomicLong calls;
  private final AtomicLong throttles;
  private final Consumer<Runnable> notify;
  private final FleetListener listener;

  ScopeLimiter(FleetScope scope, FleetOptions options, AtomicLong calls, AtomicLong throttles,
      Consumer<Runnable> notify) {
    this.scope = scope;
    this.groups = new Semaphore(options.perScope(), true);
    for (CallKind kind : CallKind.values()) {
      buckets.put(kind, new TokenBucket(options.rateLimits().of(scope.provider(), kind), options.throttleBackoff()));
    }
    this.calls = calls;
    this.throttles = throttles;
    this.notify = notify;
    this.listener = options.listener();
  }

  /** A place among the scope's groups in flight. */
  Semaphore groups() {
    return groups;
  }

  /** The gate of one group of the scope, counting its calls. */
  CallGate gate(AtomicInteger groupCalls) {
    return new CallGate() {
      @Override
      public void admit(CallKind kind) throws InterruptedException {
        buckets.get(kind).acquire();
        groupCalls.incrementAndGet();
        calls.incrementAndGet();
        RetriedThrottles.hear(Optional.of(() -> throttled(kind)));
      }

      @Override
      public void ended(CallKind kind, Optional<PortcullisException> failure) {
        RetriedThrottles.hear(Optional.empty());
        if (failure.filter(f -> f instanceof ThrottledException).isPresent()) {
          throttled(kind);
        } else {
          buckets.get(kind).answered();
        }
      }
    };
  }

  /** A throttle, whether the SDK retried it or it ended the call: the whole scope slows down and pauses. */
  private void throttled(CallKind kind) {
    throttles.incrementAndGet();
    double rate = buckets.get(kind).throttled();
    notify.accept(() -> listener.throttled(scope, kind, rate));
  }
}
