package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ThrottledException;
import io.portcullis.huaweicloud.vpc.HuaweiErrorMapper.Target;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often a call Huawei throttled (HTTP 429) is sent again, and how long to wait first. The Huawei SDK does
 * not retry by itself. Only throttling is retried: a 429 means the API gateway turned the call away before it
 * was processed, so sending it again cannot apply anything twice. A 5xx or a dropped connection is never
 * retried here, because the call may have been carried out; an apply settles those by reading the group again.
 *
 * @param maxAttempts how many times a call is sent at most, the first included (1 = no retry)
 * @param backoff the wait before the first retry; it doubles before each further one
 */
public record ThrottlingRetry(int maxAttempts, Duration backoff) {
  /** Three attempts, waiting 500 ms and then 1 s (Huawei's API gateway limits calls per second). */
  public static final ThrottlingRetry DEFAULT = new ThrottlingRetry(3, Duration.ofMillis(500));

  /** Send every call once: a throttled call fails with {@link ThrottledException}. */
  public static final ThrottlingRetry NONE = new ThrottlingRetry(1, Duration.ZERO);

  private static final Logger LOG = LoggerFactory.getLogger(ThrottlingRetry.class);

  /** Checks for at least one attempt and a backoff that is not negative. */
  public ThrottlingRetry {
    requireNonNull(backoff, "backoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
    }
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("a backoff of zero or more, not " + backoff);
    }
  }

  /**
   * Runs one SDK call, sending it again while it is throttled and attempts are left; {@code beforeEachAttempt}
   * runs before every send (to count calls). Failures come as {@link HuaweiErrorMapper} types; the last
   * attempt's {@link ThrottledException} is thrown when every attempt was throttled.
   */
  <T> T call(Target target, Supplier<T> sdkCall, Runnable beforeEachAttempt) {
    Duration wait = backoff;
    for (int attempt = 1; ; attempt++) {
      beforeEachAttempt.run();
      try {
        return HuaweiErrorMapper.call(target, sdkCall);
      } catch (ThrottledException e) {
        if (attempt >= maxAttempts) {
          throw e;
        }
        LOG.debug("throttled (attempt {} of {}), retrying in {} ms", attempt, maxAttempts, wait.toMillis());
        sleep(wait, e);
        wait = wait.multipliedBy(2);
      }
    }
  }

  private static void sleep(Duration wait, ThrottledException throttled) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throttled.addSuppressed(interrupted);
      throw throttled;
    }
  }
}
