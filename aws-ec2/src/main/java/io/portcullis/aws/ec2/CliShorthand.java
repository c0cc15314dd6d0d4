package io.portcullis.aws.ec2;

import io.portcullis.core.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the AWS CLI shorthand syntax of a list of structures, e.g. {@code
 * IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]}, into maps whose values are strings, lists
 * of strings or lists of maps. Structures are separated by white space (each is one shell word); inside brackets
 * a bare value may contain spaces, and a value in single or double quotes may contain anything but its quote.
 */
final class CliShorthand {
  private final String input;
  private int pos;

  private CliShorthand(String input) {
    this.input = input;
  }

  /** The structures of the text, at least one. */
  static List<Map<String, Object>> parse(String text) {
    CliShorthand p = new CliShorthand(text);
    List<Map<String, Object>> out = new ArrayList<>();
    p.skipSpaces();
    while (!p.atEnd()) {
      out.add(p.structure(true));
      if (!p.atEnd() && !Character.isWhitespace(p.peek())) {
        throw p.error("',' or a space before the next permission");
      }
      p.skipSpaces();
    }
    if (out.isEmpty()) {
      throw p.error("a permission such as IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=203.0.113.0/24}]");
    }
    return out;
  }

  private Map<String, Object> structure(boolean topLevel) {
    Map<String, Object> fields = new LinkedHashMap<>();
    while (true) {
      skipSpacesUnless(topLevel);
      int keyStart = pos;
      String key = key();
      skipSpacesUnless(topLevel);
      expect('=');
      skipSpacesUnless(topLevel);
      Object value = value(topLevel);
      if (fields.put(key, value) != null) {
        pos = keyStart;
        throw error("each key once, but '" + key + "' is repeated");
      }
      skipSpacesUnless(topLevel);
      if (atEnd() || peek() != ',') {
        return fields;
      }
      pos++;
    }
  }

  private String key() {
    int start = pos;
    while (!atEnd() && Character.isLetterOrDigit(peek())) {
      pos++;
    }
    if (start == pos) {
      throw error("a key such as IpProtocol");
    }
    return input.substring(start, pos);
  }

  private Object value(boolean topLevel) {
    if (!atEnd() && peek() == '[') {
      return list();
    }
    return scalar(topLevel ? ", " : ",]}");
  }

  private List<Object> list() {
    expect('[');
    List<Object> items = new ArrayList<>();
    skipSpaces();
    if (!atEnd() && peek() == ']') {
      pos++;
      return items;
    }
    while (true) {
      skipSpaces();
      if (!atEnd() && peek() == '{') {
        pos++;
        items.add(structure(false));
        skipSpaces();
        expect('}');
      } else {
        items.add(scalar(",]"));
      }
      skipSpaces();
      if (atEnd() || peek() != ',') {
        expect(']');
        return items;
      }
      pos++;
    }
  }

  /** A quoted value, or a bare one up to (not including) one of {@code stops}, trimmed. */
  private String scalar(String stops) {
    if (!atEnd() && (peek() == '"' || peek() == '\'')) {
      char quote = input.charAt(pos++);
      int end = input.indexOf(quote, pos);
      if (end < 0) {
        throw error("the closing " + quote);
      }
      String value = input.substring(pos, end);
      pos = end + 1;
      return value;
    }
    int start = pos;
    while (!atEnd() && stops.indexOf(peek()) < 0 && !(stops.indexOf(' ') >= 0 && Character.isWhitespace(peek()))) {
      if (peek() == '[' || peek() == '{' || peek() == '=') {
        throw error("a value (quote it to use '" + peek() + "')");
      }
      pos++;
    }
    String value = input.substring(start, pos).trim();
    if (value.isEmpty()) {
      pos = start;
      throw error("a value");
    }
    return value;
  }

  private void expect(char c) {
    if (atEnd() || peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipSpacesUnless(boolean topLevel) {
    if (!topLevel) {
      skipSpaces();
    }
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= input.length();
  }

  private char peek() {
    return input.charAt(pos);
  }

  private RuleSyntaxException error(String expected) {
    String found = atEnd() ? "" : input.substring(pos, Math.min(input.length(), pos + 12));
    return new RuleSyntaxException(input, pos + 1, expected, found);
  }
}
