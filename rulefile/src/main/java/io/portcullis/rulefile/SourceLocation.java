package io.portcullis.rulefile;

import static java.util.Objects.requireNonNull;

/**
 * Where something was written: a file and a 1-based line, shown as {@code file:line} so that plan, lint and
 * apply messages can point at the rule.
 *
 * @param source the file name (or other source description)
 * @param line the 1-based line
 */
public record SourceLocation(String source, int line) {
  /** Checks the parts. */
  public SourceLocation {
    requireNonNull(source, "source");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, not " + line);
    }
  }

  /** {@code source:line}. */
  @Override
  public String toString() {
    return source + ":" + line;
  }
}
