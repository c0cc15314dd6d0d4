package io.portcullis.testkit;

import io.portcullis.core.fleet.RateLimit;

/** A fake's server-side token bucket for one kind of call: it refuses rather than waits. Guarded by the fake's lock. */
final class ServerRateLimit {
  private final RateLimit limit;
  private double tokens;
  private long refilledAt;

  ServerRateLimit(RateLimit limit) {
    this.limit = limit;
    this.tokens = limit.burst();
    this.refilledAt = System.nanoTime();
  }

  /** Takes a token if there is one at {@code now} (System.nanoTime()). */
  boolean tryTake(long now) {
    tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / 1e9 * limit.perSecond());
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
