package io.portcullis.core.group;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A group value (spec, filter, name) is not valid; every problem is named with its field and allowed values. */
public class InvalidGroupException extends PortcullisException {
  private final List<Violation> violations;

  /** An exception reporting these violations (at least one). */
  public InvalidGroupException(List<Violation> violations) {
    super((violations.size() == 1 ? "Invalid security group: " : "Invalid security group (" + violations.size()
        + " problems): ") + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** An exception reporting one violation. */
  public InvalidGroupException(Violation violation) {
    this(List.of(violation));
  }

  /** Every problem found. */
  public List<Violation> violations() {
    return violations;
  }
}
