package io.portcullis.aws.ec2;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.RuleSyntaxException;
import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS CLI's shorthand syntax ({@code awscli/shorthand.py}, aws-cli 1.45), read exactly as the CLI reads one
 * command-line word, e.g. {@code IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]}, into maps whose
 * values are strings, lists and maps. The CLI's grammar is quirky, and users rely on the quirks: a bare value may
 * hold {@code =}, {@code [} and {@code {} after its first character and spaces anywhere; {@code \,} is a comma;
 * {@code a=b,c} is a list; inside quotes only {@code \"} (or {@code \'}) and {@code \\} are escapes; a key repeated
 * inside braces keeps the last value. Characters outside the Basic Multilingual Plane end a bare value, as in
 * the CLI. Nesting is limited to {@value #MAX_DEPTH} levels of brackets and braces.
 */
final class CliShorthand {
  static final int MAX_DEPTH = 32;
  private static final String KEY_CHARS = "-_.#/:";
  private static final String ASCII_WHITESPACE = " \t\n\r\u000b\u000c";

  private final String input;
  private int pos;
  private int depth;
  private boolean paramFile;

  private CliShorthand(String input) {
    this.input = input;
  }

  /** The structure of one shorthand word. */
  static Map<String, Object> parse(String word) {
    CliShorthand p = new CliShorthand(word);
    Map<String, Object> params = new LinkedHashMap<>();
    int start = p.pos;
    String key = p.key();
    params.put(key, p.keyValue());
    while (p.pos < word.length()) {
      p.expect(',', true);
      start = p.pos;
      key = p.key();
      Object value = p.keyValue();
      if (params.containsKey(key)) {
        p.pos = start;
        throw p.error("each key once, but '" + key + "' is repeated (use a space, not a comma, between permissions)");
      }
      params.put(key, value);
    }
    return params;
  }

  /** Python's {@code str.isspace()}, which the CLI's {@code \s} and {@code strip()} follow. */
  static boolean isPythonSpace(char c) {
    return (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= ' ') || c == '\u0085' || c == '\u00a0'
        || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029' || c == '\u202f'
        || c == '\u205f' || c == '\u3000';
  }

  /** Python's {@code str.strip()}. */
  static String pythonStrip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isPythonSpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isPythonSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }

  private Object keyValue() {
    paramFile();
    expect('=', true);
    return values();
  }

  /** {@code Key@=value}: the CLI reads a file for a {@code file://} value; other values are kept. */
  private void paramFile() {
    consumeWhitespace();
    paramFile = pos < input.length() && input.charAt(pos) == '@';
    if (paramFile) {
      pos++;
    }
  }

  private String resolved(String value) {
    if (paramFile && (value.startsWith("file://") || value.startsWith("fileb://"))) {
      throw new InvalidRuleException(Violation.of("ip-permissions", value,
          "a value; reading a file (Key@=file://...) is not supported, paste its content instead"));
    }
    return value;
  }

  private String key() {
    int start = pos;
    while (pos < input.length() && isKeyChar(input.charAt(pos))) {
      pos++;
    }
    return input.substring(start, pos);
  }

  private static boolean isKeyChar(char c) {
    return (c < 128 && Character.isLetterOrDigit(c)) || KEY_CHARS.indexOf(c) >= 0;
  }

  private Object values() {
    if (pos >= input.length()) {
      return "";
    }
    char c = input.charAt(pos);
    if (c == '[') {
      return explicitList();
    }
    if (c == '{') {
      return hashLiteral();
    }
    return csvValue();
  }

  private Object csvValue() {
    String first = firstValue();
    consumeWhitespace();
    if (pos >= input.length() || input.charAt(pos) != ',') {
      return first;
    }
    expect(',', true);
    List<Object> csv = new ArrayList<>();
    csv.add(first);
    while (true) {
      try {
        String current = secondValue();
        consumeWhitespace();
        if (pos >= input.length()) {
          csv.add(current);
          break;
        }
        expect(',', true);
        csv.add(current);
      } catch (RuleSyntaxException e) {
        if (pos >= input.length()) {
          throw e;
        }
        while (pos >= 0 && input.charAt(pos) != ',') {
          pos--; // the next key starts after the last comma
        }
        break;
      }
    }
    return csv.size() == 1 ? first : csv;
  }

  private List<Object> explicitList() {
    enter();
    expect('[', true);
    List<Object> values = new ArrayList<>();
    while (current() != ']') {
      values.add(explicitValues());
      consumeWhitespace();
      if (current() != ']') {
        expect(',', false);
        consumeWhitespace();
      }
    }
    expect(']', false);
    depth--;
    return values;
  }

  private Object explicitValues() {
    int c = current();
    if (c == '[') {
      return explicitList();
    }
    if (c == '{') {
      return hashLiteral();
    }
    return firstValue();
  }

  private Map<String, Object> hashLiteral() {
    enter();
    expect('{', true);
    Map<String, Object> fields = new LinkedHashMap<>();
    while (current() != '}') {
      String key = key();
      paramFile();
      expect('=', true);
      Object value = explicitValues();
      consumeWhitespace();
      if (current() != '}') {
        expect(',', false);
        consumeWhitespace();
      }
      fields.put(key, value); // as the CLI: a repeated key inside braces keeps the last value
    }
    expect('}', false);
    depth--;
    return fields;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("at most " + MAX_DEPTH + " levels of nested [ and {");
    }
  }

  /** A value at the start of a list item or after {@code =}: quoted, bare, or empty if there is none. */
  private String firstValue() {
    return value(CharClass.FIRST_FOLLOW, false);
  }

  /** A value after a comma of {@code a,b}: it may hold {@code ]} and <code>}</code> but not {@code =}. */
  private String secondValue() {
    return value(CharClass.SECOND_FOLLOW, true);
  }

  private String value(CharClass follow, boolean required) {
    int c = current();
    if (c == '\'' || c == '"') {
      return quoted((char) c);
    }
    int start = pos;
    if (!bare(CharClass.START)) {
      if (required) {
        throw error("a value");
      }
      return "";
    }
    while (bare(follow)) {
      // consume
    }
    return resolved(unescape(input.substring(start, pos)));
  }

  private static String unescape(String consumed) {
    String s = consumed.replace("\\,", ",");
    int e = s.length();
    while (e > 0 && isPythonSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(0, e);
  }

  /** Consumes {@code \,} or one character of the class, if there is one. */
  private boolean bare(CharClass chars) {
    if (pos + 1 < input.length() && input.charAt(pos) == '\\' && input.charAt(pos + 1) == ',') {
      pos += 2;
      return true;
    }
    if (pos >= input.length()) {
      return false;
    }
    char c = input.charAt(pos);
    if (Character.isHighSurrogate(c) && pos + 1 < input.length() && Character.isLowSurrogate(input.charAt(pos + 1))) {
      return false; // beyond U+FFFF, outside the CLI's character classes
    }
    if (chars.contains(c)) {
      pos++;
      return true;
    }
    return false;
  }

  /**
   * A quoted value as the CLI's regex {@code "(?:\\"|[^"])*"} takes it: up to the first quote not preceded by a
   * backslash, or if there is none, up to the last quote; then {@code \"} and {@code \\} are unescaped.
   */
  private String quoted(char quote) {
    int open = pos;
    int end = -1;
    for (int i = open + 1; i < input.length(); i++) {
      if (input.charAt(i) == quote) {
        end = i;
        if (input.charAt(i - 1) != '\\') {
          break;
        }
      }
    }
    if (end < 0) {
      throw error("a closing " + quote);
    }
    pos = end + 1;
    return resolved(input.substring(open + 1, end).replace("\\" + quote, String.valueOf(quote))
        .replace("\\\\", "\\"));
  }

  private void expect(char c, boolean consumeWhitespace) {
    if (consumeWhitespace) {
      consumeWhitespace();
    }
    if (pos >= input.length() || input.charAt(pos) != c) {
      throw error("'" + c + "'");
    }
    pos++;
    if (consumeWhitespace) {
      consumeWhitespace();
    }
  }

  private void consumeWhitespace() {
    while (pos < input.length() && ASCII_WHITESPACE.indexOf(input.charAt(pos)) >= 0) {
      pos++;
    }
  }

  /** The character at the position, or -1 at the end. */
  private int current() {
    return pos < input.length() ? input.charAt(pos) : -1;
  }

  private RuleSyntaxException error(String expected) {
    int at = Math.max(0, Math.min(pos, input.length()));
    String found = input.substring(at, Math.min(input.length(), at + 12));
    return new RuleSyntaxException(input, at + 1, expected, found);
  }

  /** The CLI's character classes for bare values (all within U+0000-U+FFFF). */
  private enum CharClass {
    START, FIRST_FOLLOW, SECOND_FOLLOW;

    boolean contains(char c) {
      if (this != START && isPythonSpace(c)) {
        return true;
      }
      if (c <= ' ' || c == '"' || c == '\'' || c == ',') {
        return false;
      }
      return switch (this) {
        case START -> c != '=' && c != '[' && c != '{';
        case FIRST_FOLLOW -> c != ']' && c != '}';
        case SECOND_FOLLOW -> c != '=';
      };
    }
  }
}
