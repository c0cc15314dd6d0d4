package io.portcullis.core;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a rule: the field, the offending value and what would have been accepted.
 *
 * @param field the rule field, as named in the text form and the builder (e.g. {@code ports})
 * @param value the rejected value as given, cut to its first 200 characters when longer (never inside a
 *     surrogate pair)
 * @param allowed what the field accepts, or why the value is not accepted in this combination
 */
public record Violation(String field, String value, String allowed) {
  /** Validates that no component is null. */
  public Violation {
    requireNonNull(field, "field");
    requireNonNull(value, "value");
    requireNonNull(allowed, "allowed");
    value = PortcullisException.excerpt(value);
  }

  /** Shorthand for the canonical constructor. */
  public static Violation of(String field, String value, String allowed) {
    return new Violation(field, value, allowed);
  }

  /** {@code field 'value': allowed}, as used in exception messages. */
  @Override
  public String toString() {
    return field + " '" + value + "': " + allowed;
  }
}
