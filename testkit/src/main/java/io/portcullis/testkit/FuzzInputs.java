package io.portcullis.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Mutations of valid parser inputs for property and fuzz tests, and the check that a parser failed the way it
 * documents. Pure functions of their arguments, so a property-testing library can generate and shrink them.
 */
public final class FuzzInputs {
  /** How many kinds of mutation {@link #mutate} knows: {@code kind} is taken modulo this. */
  public static final int KINDS = 7;

  /**
   * Text to insert or replace with: control and formatting characters, surrogate pairs, a lone surrogate,
   * numbers too big for an int or a long, and characters parsers give meaning to.
   */
  public static final List<String> INSERTIONS = List.of("\u0000", "\t", "\n", "\r\n", "\u202e", "\u00a0",
      "\ufeff", "\uffff", "\ud800", "😀", "日本", "2147483648", "-2147483649", "99999999999999999999999",
      "1e309", "-0", "NaN", "0x1F", "-1", "65536", "\\", "\"", "'", "[", "]", "{", "}", ",", "=", ":", "/", "-",
      " ", "#", "${x}", "null", "true", "~", "&a", "*a", "---");

  // Split into words and the punctuation between them, keeping both, so that mutations respect the syntax.
  private static final Pattern TOKEN_BOUNDARY = Pattern.compile("(?<=[\\s,=:{}\\[\\]\"/-])|(?=[\\s,=:{}\\[\\]\"/-])");

  private FuzzInputs() {}

  /**
   * One mutation of {@code valid}: delete, duplicate or swap tokens (words and punctuation), replace a
   * character with {@code insertion}, truncate, insert {@code insertion}, or repeat the input. {@code at} and
   * {@code other} pick positions (taken modulo the input's length).
   */
  public static String mutate(String valid, int kind, int at, int other, String insertion) {
    if (valid.isEmpty()) {
      return insertion;
    }
    int k = Math.floorMod(kind, KINDS);
    int charAt = Math.floorMod(at, valid.length());
    switch (k) {
      case 3:
        return valid.substring(0, charAt) + insertion + valid.substring(charAt + 1);
      case 4:
        return valid.substring(0, charAt);
      case 5:
        return valid.substring(0, charAt) + insertion + valid.substring(charAt);
      case 6:
        return valid + valid;
      default:
        break;
    }
    List<String> tokens = new ArrayList<>(List.of(TOKEN_BOUNDARY.split(valid)));
    int i = Math.floorMod(at, tokens.size());
    int j = Math.floorMod(other, tokens.size());
    if (k == 0) {
      tokens.remove(i);
    } else if (k == 1) {
      tokens.add(j, tokens.get(i));
    } else {
      String t = tokens.get(i);
      tokens.set(i, tokens.get(j));
      tokens.set(j, t);
    }
    return String.join("", tokens);
  }

  /**
   * {@link #mutate(String, int, int, int, String)} once per entry of {@code kinds}, each at positions shifted
   * by its kind, so that a few generated numbers give several different mutations.
   */
  public static String mutate(String valid, List<Integer> kinds, int at, int other, String insertion) {
    String out = valid;
    for (int kind : kinds) {
      out = mutate(out, kind, at + kind * 31, other + kind, insertion);
    }
    return out;
  }

  /**
   * Runs {@code parse} on {@code input}: its result, or empty when it failed as documented ({@link
   * #requireDocumented}); any other failure is an {@link AssertionError}.
   */
  @SafeVarargs
  public static <T> Optional<T> attempt(String input, Supplier<T> parse,
      Class<? extends RuntimeException>... documented) {
    try {
      return Optional.of(parse.get());
    } catch (RuntimeException e) {
      requireDocumented(input, e, documented);
      return Optional.empty();
    }
  }

  /**
   * Checks that {@code failure} is one of the {@code documented} exception types and has a message; otherwise
   * throws an {@link AssertionError} with {@code failure} as its cause and {@code input} in its message.
   */
  @SafeVarargs
  public static void requireDocumented(String input, RuntimeException failure,
      Class<? extends RuntimeException>... documented) {
    boolean typed = false;
    for (Class<? extends RuntimeException> type : documented) {
      typed |= type.isInstance(failure);
    }
    if (!typed) {
      throw new AssertionError("undocumented " + failure.getClass().getName() + " for input <" + input + ">",
          failure);
    }
    if (failure.getMessage() == null || failure.getMessage().isBlank()) {
      throw new AssertionError("a " + failure.getClass().getName() + " without a message for input <" + input
          + ">", failure);
    }
  }
}
