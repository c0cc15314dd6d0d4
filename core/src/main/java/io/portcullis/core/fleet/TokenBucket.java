package io.portcullis.core.fleet;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One scope's client-side limit for one kind of call, shared by every group of the scope. A throttle halves the
 * rate and pauses the whole bucket for a jittered, growing backoff; each answered call wins back a twentieth of
 * the configured rate (additive increase, multiplicative decrease, as TCP does for the same reason).
 */
final class TokenBucket {
  /** The rate never falls below this share of the configured one. */
  private static final double FLOOR = 0.05;
  /** Doubling stops here: 2^6 backoffs. */
  private static final int MAX_DOUBLINGS = 6;

  private final RateLimit limit;
  private final Duration backoff;
  private double rate;
  private double tokens;
  private long refilledAt;
  private long pausedUntil;
  private int throttles;

  TokenBucket(RateLimit limit, Duration backoff) {
    this.limit = limit;
    this.backoff = backoff;
    this.rate = limit.perSecond();
    this.tokens = limit.burst();
    this.refilledAt = System.nanoTime();
    this.pausedUntil = refilledAt;
  }

  /** Takes a token, waiting for it (and for any pause) first. */
  void acquire() throws InterruptedException {
    long wait = reserve();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Reserves the next token; how long to wait for it. */
  private synchronized long reserve() {
    long now = System.nanoTime();
    refill(now);
    tokens -= 1;
    long forToken = tokens >= 0 ? 0 : (long) (-tokens / rate * 1e9);
    return Math.max(forToken, pausedUntil - now);
  }

  private void refill(long now) {
    tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / 1e9 * rate);
    refilledAt = now;
  }

  /** The provider throttled a call: slow down and pause everyone; the new rate. */
  synchronized double throttled() {
    refill(System.nanoTime());
    rate = Math.max(limit.perSecond() * FLOOR, rate / 2);
    tokens = Math.min(tokens, 0);
    long ceiling = backoff.toNanos() << Math.min(throttles, MAX_DOUBLINGS);
    long pause = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1); // "equal jitter"
    pausedUntil = Math.max(pausedUntil, System.nanoTime() + pause);
    throttles++;
    return rate;
  }

  /** A call was answered: recover some of the rate. */
  synchronized void answered() {
    refill(System.nanoTime());
    rate = Math.min(limit.perSecond(), rate + limit.perSecond() / 20);
    throttles = 0;
  }

  /** Calls a second now. */
  synchronized double rate() {
    return rate;
  }
}
