package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions on the violations an {@link InvalidRuleException} reports. */
final class Violations {
  private Violations() {}

  /** Runs {@code code}, expects an {@link InvalidRuleException} and returns it. */
  static InvalidRuleException invalid(Executable code) {
    return assertThrows(InvalidRuleException.class, code);
  }

  /**
   * Expects exactly one violation with this field and value whose allowed text contains {@code allowedPart}, and a
   * message naming all three.
   */
  static InvalidRuleException assertSingle(Executable code, String field, String value, String allowedPart) {
    InvalidRuleException e = invalid(code);
    assertEquals(1, e.violations().size(), () -> "violations: " + e.violations());
    assertViolation(e, 0, field, value, allowedPart);
    return e;
  }

  /** Checks violation {@code index} of {@code e} and that the message carries it. */
  static void assertViolation(InvalidRuleException e, int index, String field, String value, String allowedPart) {
    Violation v = e.violations().get(index);
    assertAll(
        () -> assertEquals(field, v.field(), "field"),
        () -> assertEquals(value, v.value(), "value"),
        () -> assertTrue(v.allowed().contains(allowedPart), () -> "allowed: " + v.allowed()),
        () -> assertTrue(e.getMessage().contains(field + " '" + value + "': " + v.allowed()),
            () -> "message: " + e.getMessage()));
  }
}
