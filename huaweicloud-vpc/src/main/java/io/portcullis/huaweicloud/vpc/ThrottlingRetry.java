package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.Violation;
import io.portcullis.core.plan.RetriedThrottles;
import io.portcullis.huaweicloud.vpc.HuaweiErrors.Target;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often a call Huawei throttled (HTTP 429) is sent again, and how long to wait first. The Huawei SDK does
 * not retry by itself. Only throttling is retried: a 429 means the API gateway turned the call away before it
 * was processed, so sending it again cannot apply anything twice. A 5xx or a dropped connection is never
 * retried here, because the call may have been carried out; an apply settles those by reading the group again.
 *
 * <p>The wait before retry {@code n} (1 for the first) is drawn uniformly from zero to {@code min(maxBackoff,
 * backoff * 2^(n-1))} ("full jitter", as the AWS SDK's standard retry strategy does), so that clients throttled
 * together do not come back together. Retrying stops early, with the last {@link ThrottledException}, when the
 * waits so far plus the longest next one would pass {@link #MAX_TOTAL_DELAY}.
 *
 * <p>Defaults ({@link #DEFAULT}): 3 attempts, a backoff of 500 ms (waits of up to 500 ms and 1 s), each wait
 * at most {@link #MAX_BACKOFF} (20 s), all waits of one call together at most {@link #MAX_TOTAL_DELAY} (60 s).
 * Settings outside {@code 1..}{@value #MAX_ATTEMPTS} attempts or {@code 0..}{@link #MAX_BACKOFF} backoff are
 * refused with an {@link InvalidSettingException}, not capped.
 */
public final class ThrottlingRetry {
  /** The most attempts a retry may make, the first included. */
  public static final int MAX_ATTEMPTS = 10;
  /** The longest single wait, and the largest backoff accepted. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
  /** The longest all waits of one call may add up to. */
  public static final Duration MAX_TOTAL_DELAY = Duration.ofSeconds(60);

  /** Three attempts, waiting up to 500 ms and then up to 1 s (Huawei's API gateway limits calls per second). */
  public static final ThrottlingRetry DEFAULT = new ThrottlingRetry(3, Duration.ofMillis(500));

  /** Send every call once: a throttled call fails with {@link ThrottledException}. */
  public static final ThrottlingRetry NONE = new ThrottlingRetry(1, Duration.ZERO);

  private static final Logger LOG = LoggerFactory.getLogger(ThrottlingRetry.class);

  /** Waits; {@link Thread#sleep} but for tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration wait) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Duration backoff;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  /**
   * A retry of at most {@code maxAttempts} attempts with waits growing from {@code backoff}.
   *
   * @param maxAttempts how many times a call is sent at most, the first included (1 = no retry), at most
   *     {@value #MAX_ATTEMPTS}
   * @param backoff the longest wait before the first retry, doubling for each further one; 0 to {@link
   *     #MAX_BACKOFF}
   * @throws InvalidSettingException naming {@code maxAttempts} or {@code backoff} when out of range
   */
  public ThrottlingRetry(int maxAttempts, Duration backoff) {
    this(maxAttempts, backoff, ThrottlingRetry::sleepFor, () -> ThreadLocalRandom.current().nextDouble());
  }

  ThrottlingRetry(int maxAttempts, Duration backoff, Sleeper sleeper, DoubleSupplier random) {
    requireNonNull(backoff, "backoff");
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new InvalidSettingException(Violation.of("maxAttempts", Integer.toString(maxAttempts),
          "1 to " + MAX_ATTEMPTS + " (1 sends each call once)"));
    }
    if (backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
      throw new InvalidSettingException(Violation.of("backoff", backoff.toString(), "0 to " + MAX_BACKOFF));
    }
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.random = requireNonNull(random, "random");
  }

  /** How many times a call is sent at most, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The longest wait before the first retry; it doubles for each further one, up to {@link #MAX_BACKOFF}. */
  public Duration backoff() {
    return backoff;
  }

  /** The longest wait before retry {@code retry} (1 for the first): {@code min(maxBackoff, backoff * 2^(retry-1))}. */
  Duration ceiling(int retry) {
    Duration ceiling = backoff;
    for (int i = 1; i < retry && ceiling.compareTo(MAX_BACKOFF) < 0; i++) {
      ceiling = ceiling.multipliedBy(2);
    }
    return ceiling.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : ceiling;
  }

  /**
   * Runs one SDK call, sending it again while it is throttled and attempts are left; {@code beforeEachAttempt}
   * runs before every send (to count calls). Failures come as {@link HuaweiErrors} types; the last
   * attempt's {@link ThrottledException} is thrown when every attempt was throttled or the waits would pass
   * {@link #MAX_TOTAL_DELAY}. An interrupt during a wait ends the retry with that exception and the thread's
   * interrupt flag set.
   */
  <T> T call(Target target, Supplier<T> sdkCall, Runnable beforeEachAttempt) {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      beforeEachAttempt.run();
      try {
        return HuaweiErrors.call(target, sdkCall);
      } catch (ThrottledException e) {
        Duration ceiling = ceiling(attempt);
        if (attempt >= maxAttempts || waited.plus(ceiling).compareTo(MAX_TOTAL_DELAY) > 0) {
          throw e;
        }
        Duration wait = Duration.ofNanos((long) (random.getAsDouble() * ceiling.toNanos()));
        LOG.debug("throttled (attempt {} of {}), retrying in {} ms", attempt, maxAttempts, wait.toMillis());
        RetriedThrottles.report(); // so that a fleet's shared limiter slows down too
        sleep(wait, e);
        waited = waited.plus(wait);
      }
    }
  }

  private void sleep(Duration wait, ThrottledException throttled) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throttled.addSuppressed(interrupted);
      throw throttled;
    }
  }

  private static void sleepFor(Duration wait) throws InterruptedException {
    Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
  }

  /** Equal when attempts and backoff are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ThrottlingRetry other && maxAttempts == other.maxAttempts && backoff.equals(other.backoff);
  }

  @Override
  public int hashCode() {
    return 31 * maxAttempts + backoff.hashCode();
  }

  @Override
  public String toString() {
    return "ThrottlingRetry[maxAttempts=" + maxAttempts + ", backoff=" + backoff + "]";
  }
}
