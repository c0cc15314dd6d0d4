package io.portcullis.rulefile;

import io.portcullis.core.PortcullisException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A rule file that cannot be read: the message gives the file, the line, the rule (at most 200 characters of
 * it) and what is wrong.
 */
public class RuleFileException extends PortcullisException {
  private final String source;
  private final int line;
  private final Optional<String> rule;

  /**
   * @param source the file
   * @param line the 1-based line of the problem (0 when unknown)
   * @param rule the rule concerned, as written or assembled from its fields
   * @param problem what is wrong
   * @param cause the underlying error, or null
   */
  public RuleFileException(String source, int line, Optional<String> rule, String problem, @Nullable Throwable cause) {
    super(source + (line > 0 ? ":" + line : "") + ": " + rule.map(r -> "rule '" + excerpt(r) + "': ").orElse("")
        + problem, cause);
    this.source = source;
    this.line = line;
    this.rule = rule;
  }

  /** The file. */
  public String source() {
    return source;
  }

  /** The 1-based line of the problem, 0 when unknown. */
  public int line() {
    return line;
  }

  /** The rule concerned, where there is one. */
  public Optional<String> rule() {
    return rule;
  }

  /** {@code text} shortened for a message. */
  static String echo(String text) {
    return excerpt(text);
  }
}
