package io.portcullis.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.plan.CallKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limits' defaults and overrides, their checks, and how a bucket slows and recovers. */
class RateLimitsTest {
  @Test
  void defaultsFollowThePublishedBucketsAndOverridesWin() {
    RateLimits limits = RateLimits.builder().set("aws-ec2", CallKind.MUTATE, new RateLimit(2, 4)).build();

    assertEquals(new RateLimit(20, 100), RateLimits.defaults().of("aws-ec2", CallKind.READ));
    assertEquals(new RateLimit(5, 50), RateLimits.defaults().of("aws-ec2", CallKind.MUTATE));
    assertEquals(new RateLimit(2, 4), limits.of("aws-ec2", CallKind.MUTATE));
    assertEquals(new RateLimit(20, 100), limits.of("aws-ec2", CallKind.READ));
    assertEquals(new RateLimit(5, 5), limits.of("some-cloud", CallKind.MUTATE));
  }

  @Test
  void badNumbersNameTheirField() {
    InvalidSettingException rate = assertThrows(InvalidSettingException.class, () -> new RateLimit(0, 1));
    InvalidSettingException burst = assertThrows(InvalidSettingException.class, () -> new RateLimit(1, 0));
    InvalidSettingException threads = assertThrows(InvalidSettingException.class,
        () -> FleetOptions.builder().parallelism(0));

    assertTrue(rate.getMessage().contains("perSecond"), rate.getMessage());
    assertTrue(burst.getMessage().contains("burst"), burst.getMessage());
    assertTrue(threads.getMessage().contains("parallelism") && threads.getMessage().contains("1 to 1024"),
        threads.getMessage());
  }

  @Test
  void aThrottleHalvesTheRateDownToAFloorAndAnswersWinItBack() throws InterruptedException {
    TokenBucket bucket = new TokenBucket(new RateLimit(8, 2), Duration.ZERO);

    assertEquals(4, bucket.throttled(), 1e-9);
    assertEquals(2, bucket.throttled(), 1e-9);
    for (int i = 0; i < 10; i++) {
      bucket.throttled();
    }
    assertEquals(0.4, bucket.rate(), 1e-9, "never below 5% of the configured rate");
    bucket.answered();
    assertEquals(0.8, bucket.rate(), 1e-9, "each answer wins back a twentieth");
    for (int i = 0; i < 40; i++) {
      bucket.answered();
    }
    assertEquals(8, bucket.rate(), 1e-9, "never above the configured rate");
    bucket.acquire(); // a full bucket gives its burst without waiting
  }
}
