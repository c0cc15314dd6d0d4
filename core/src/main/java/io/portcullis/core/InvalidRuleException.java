package io.portcullis.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule, or one of its parts, is not valid. Every violation found is reported together; the message
 * names each field, the bad value and the allowed values.
 */
public class InvalidRuleException extends PortcullisException {
  private final List<Violation> violations;

  /** An exception reporting these violations (at least one). */
  public InvalidRuleException(List<Violation> violations) {
    this(message(violations), violations);
  }

  /** An exception reporting one violation. */
  public InvalidRuleException(Violation violation) {
    this(List.of(violation));
  }

  InvalidRuleException(String message, List<Violation> violations) {
    super(message);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an InvalidRuleException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Every problem found, in field order. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(List<Violation> violations) {
    return (violations.size() == 1 ? "Invalid rule: " : "Invalid rule (" + violations.size() + " problems): ")
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
