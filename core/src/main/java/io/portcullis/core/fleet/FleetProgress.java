package io.portcullis.core.fleet;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a fleet run is.
 *
 * @param done groups that ended, whatever their status
 * @param total groups in the run
 * @param calls calls and reads admitted so far (each may be retried by the SDK)
 * @param throttles calls the providers throttled past the SDK's retries
 * @param eta the time left at the pace so far; empty until a group ended
 */
public record FleetProgress(int done, int total, long calls, long throttles, Optional<Duration> eta) {
  /** {@code 40/100 groups, 812 calls, 0 throttled, about 12s left}. */
  @Override
  public String toString() {
    return done + "/" + total + " groups, " + calls + " calls, " + throttles + " throttled"
        + eta.map(e -> ", about " + e.toSeconds() + "s left").orElse("");
  }
}
