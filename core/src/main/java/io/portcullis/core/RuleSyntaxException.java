package io.portcullis.core;

import java.util.List;

/**
 * Text that is not in the rule text form. The message gives the 1-based column and what was expected
 * there; as an {@link InvalidRuleException} it also carries a single {@code text} violation.
 */
public class RuleSyntaxException extends InvalidRuleException {
  private final String input;
  private final int column;
  private final String expected;

  /**
   * @param input the whole text being parsed
   * @param column the 1-based column of the problem
   * @param expected what the parser expected at that column
   * @param found what it found there (empty at the end of the input)
   */
  public RuleSyntaxException(String input, int column, String expected, String found) {
    super(
        "Cannot parse rule at column " + column + ": expected " + expected + " but found "
            + (found.isEmpty() ? "the end of the text" : "'" + found + "'") + " in: " + input,
        List.of(Violation.of("text", input, "at column " + column + " expected " + expected)));
    this.input = input;
    this.column = column;
    this.expected = expected;
  }

  /** The text that was being parsed. */
  public String input() {
    return input;
  }

  /** The 1-based column where the problem is. */
  public int column() {
    return column;
  }

  /** What the parser expected at {@link #column()}. */
  public String expected() {
    return expected;
  }
}
