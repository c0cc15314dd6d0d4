package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.ThrottledException;
import io.portcullis.huaweicloud.vpc.HuaweiErrors.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Jittered, capped backoff of throttled calls, with the waits recorded instead of slept. */
class ThrottlingRetryTest {
  private final List<Duration> waits = new ArrayList<>();
  private final AtomicInteger sent = new AtomicInteger();

  private ThrottlingRetry retry(int attempts, Duration backoff, double random) {
    return new ThrottlingRetry(attempts, backoff, waits::add, () -> random);
  }

  /** A call throttled {@code times} times, then answered. */
  private Supplier<String> throttled(int times) {
    return () -> {
      if (sent.get() <= times) {
        throw new ClientRequestException(429, "APIGW.0308", "The throttling threshold has been reached", "req-t");
      }
      return "ok";
    };
  }

  private String call(ThrottlingRetry retry, int throttledTimes) {
    return retry.call(Target.RULE, throttled(throttledTimes), sent::incrementAndGet);
  }

  @Test
  void waitsAreDrawnBelowADoublingCeiling() {
    assertEquals("ok", call(retry(4, Duration.ofMillis(500), 0.5), 3));

    assertEquals(4, sent.get());
    assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000)), waits);
  }

  @Test
  void eachWaitIsCappedAndAllWaitsTogetherEndTheRetry() {
    ThrottlingRetry retry = retry(ThrottlingRetry.MAX_ATTEMPTS, Duration.ofSeconds(8), 1.0);
    assertEquals(List.of(Duration.ofSeconds(8), Duration.ofSeconds(16), ThrottlingRetry.MAX_BACKOFF,
        ThrottlingRetry.MAX_BACKOFF), List.of(retry.ceiling(1), retry.ceiling(2), retry.ceiling(3), retry.ceiling(4)));

    ThrottledException e = assertThrows(ThrottledException.class, () -> call(retry, 100));

    // 8 + 16 + 20 = 44 s waited; a fourth wait of up to 20 s would pass 60 s, so the fourth throttle is final
    assertEquals(List.of(Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(20)), waits);
    assertEquals(4, sent.get());
    assertEquals("APIGW.0308", e.errorCode().orElseThrow());
  }

  @Test
  void theLastThrottleIsThrownWhenAttemptsRunOut() {
    assertThrows(ThrottledException.class, () -> call(retry(3, Duration.ofMillis(100), 0.0), 3));

    assertEquals(3, sent.get());
    assertEquals(List.of(Duration.ZERO, Duration.ZERO), waits, "full jitter may wait nothing at all");
  }

  @Test
  void anInterruptedWaitEndsTheRetryAndKeepsTheFlag() {
    ThrottlingRetry retry = new ThrottlingRetry(3, Duration.ofMillis(100), wait -> {
      throw new InterruptedException("stop");
    }, () -> 0.5);
    try {
      ThrottledException e = assertThrows(ThrottledException.class, () -> call(retry, 3));

      assertTrue(Thread.currentThread().isInterrupted());
      assertEquals(1, sent.get());
      assertEquals(InterruptedException.class, e.getSuppressed()[0].getClass());
    } finally {
      assertTrue(Thread.interrupted(), "clears the flag for the next test");
    }
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingTheSetting() {
    for (int attempts : new int[] {0, -1, ThrottlingRetry.MAX_ATTEMPTS + 1, 60}) {
      InvalidSettingException e = assertThrows(InvalidSettingException.class,
          () -> new ThrottlingRetry(attempts, Duration.ofMillis(100)));
      assertEquals("maxAttempts", e.violation().field());
      assertEquals(Integer.toString(attempts), e.violation().value());
    }
    for (Duration backoff : List.of(Duration.ofMillis(-1), ThrottlingRetry.MAX_BACKOFF.plusMillis(1))) {
      assertEquals("backoff", assertThrows(InvalidSettingException.class,
          () -> new ThrottlingRetry(3, backoff)).violation().field());
    }
    assertEquals(ThrottlingRetry.DEFAULT, new ThrottlingRetry(3, Duration.ofMillis(500)));
    assertFalse(ThrottlingRetry.NONE.equals(ThrottlingRetry.DEFAULT));
  }
}
