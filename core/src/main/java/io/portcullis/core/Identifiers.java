package io.portcullis.core;

/** Checks shared by the identifiers a rule carries (group ids and names, owners, list ids). */
final class Identifiers {
  static final int MAX_LENGTH = 255;
  static final String ALLOWED = "1-255 characters, no control characters or lone surrogates, not blank";

  private Identifiers() {}

  /** The identifier, or an {@link InvalidRuleException} naming the field. */
  static String require(String field, String value) {
    if (value == null || !isValid(value)) {
      throw new InvalidRuleException(Violation.of(field, String.valueOf(value), ALLOWED));
    }
    return value;
  }

  static boolean isValid(String value) {
    return !value.isBlank() && value.length() <= MAX_LENGTH && !RuleValidator.hasControlCharacter(value)
        && RuleValidator.isWellFormed(value);
  }
}
