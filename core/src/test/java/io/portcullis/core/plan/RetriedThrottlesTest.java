package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetriedThrottlesTest {
  @AfterEach
  void stopHearing() {
    RetriedThrottles.hear(Optional.empty());
  }

  @Test
  void reportsReachTheListenerOfTheReportingThreadOnly() {
    AtomicInteger heard = new AtomicInteger();
    RetriedThrottles.report(); // nobody listens yet: nothing happens
    RetriedThrottles.hear(Optional.of(heard::incrementAndGet));

    RetriedThrottles.report();
    RetriedThrottles.report();
    CompletableFuture.runAsync(RetriedThrottles::report).join(); // another thread's call is not this one's

    assertEquals(2, heard.get());
    RetriedThrottles.hear(Optional.empty());
    RetriedThrottles.report();
    assertEquals(2, heard.get());
  }
}
