package io.portcullis.core.group;

import io.portcullis.core.Tags;
import io.portcullis.core.Violation;
import java.util.List;
import java.util.Map;

/** Checks shared by the group values, reported together as one {@link InvalidGroupException}. */
final class GroupChecks {
  static final int MAX_LENGTH = 255;
  private static final String ALLOWED = "1-255 characters, no control characters, not blank";

  private GroupChecks() {}

  static void name(List<Violation> violations, String field, String value) {
    if (value.isBlank() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
      violations.add(Violation.of(field, value, ALLOWED));
    }
  }

  static void tags(List<Violation> violations, Map<String, String> tags) {
    Tags.check(violations, tags);
  }

  static void require(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidGroupException(violations);
    }
  }
}
