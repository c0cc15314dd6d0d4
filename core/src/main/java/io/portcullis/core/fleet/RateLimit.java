package io.portcullis.core.fleet;

import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.Violation;

/**
 * A token bucket: {@code burst} calls at once, then {@code perSecond} calls a second; the model the providers
 * themselves publish (EC2's request throttling is a token bucket per account, region and kind of action).
 *
 * @param perSecond the refill rate, calls per second
 * @param burst the bucket's capacity
 */
public record RateLimit(double perSecond, int burst) {
  /**
   * Checks the numbers.
   *
   * @throws InvalidSettingException naming {@code perSecond} or {@code burst} if not positive
   */
  public RateLimit {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new InvalidSettingException(Violation.of("perSecond", Double.toString(perSecond), "a number above 0"));
    }
    if (burst < 1) {
      throw new InvalidSettingException(Violation.of("burst", Integer.toString(burst), "1 or more"));
    }
  }

  /** {@code 5/s burst 50}. */
  @Override
  public String toString() {
    return perSecond + "/s burst " + burst;
  }
}
