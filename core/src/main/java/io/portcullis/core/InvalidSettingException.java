package io.portcullis.core;

import static java.util.Objects.requireNonNull;

/**
 * A setting of a service or an option is out of range, e.g. a rule quota of 0 or a retry count of 60: the
 * message names the setting, the value and the allowed values (as a {@link Violation}).
 */
public class InvalidSettingException extends PortcullisException {
  private final transient Violation violation;

  /** An exception reporting this setting, its value and what is allowed. */
  public InvalidSettingException(Violation violation) {
    super("Invalid setting: " + requireNonNull(violation, "violation"));
    this.violation = violation;
  }

  /** The setting, its rejected value and what is allowed. */
  public Violation violation() {
    return violation;
  }

  /**
   * Returns {@code value} if it is at least {@code min}.
   *
   * @throws InvalidSettingException naming {@code setting} otherwise
   */
  public static int requireAtLeast(String setting, int value, int min) {
    if (value < min) {
      throw new InvalidSettingException(Violation.of(setting, Integer.toString(value), min + " or more"));
    }
    return value;
  }
}
