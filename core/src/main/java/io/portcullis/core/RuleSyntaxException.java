package io.portcullis.core;

import java.util.List;

/**
 * Text that is not in the rule text form. The message gives the 1-based column and what was expected
 * there, echoing at most 200 characters of the input; as an {@link InvalidRuleException} it also carries a
 * single violation: of the field where one was expected (e.g. {@code protocol}), otherwise of {@code text}.
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
    this(input, column, expected, found, "text");
  }

  /**
   * A syntax error in one field: its violation names {@code field} with the value found, rather than {@code
   * text} with the whole input.
   *
   * @param input the whole text being parsed
   * @param column the 1-based column of the problem
   * @param expected what the parser expected at that column
   * @param found what it found there (empty at the end of the input)
   * @param field the field whose value was expected there, e.g. {@code protocol}
   */
  public RuleSyntaxException(String input, int column, String expected, String found, String field) {
    super(
        "Cannot parse rule at column " + column + ": expected " + expected + " but found "
            + (found.isEmpty() ? "the end of the text" : "'" + excerpt(found) + "'") + " in: " + excerpt(input),
        List.of(Violation.of(field, field.equals("text") ? input : found,
            "at column " + column + " expected " + expected)));
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
