package io.portcullis.aws.ec2;

import io.portcullis.core.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell command line into words the way a POSIX shell would for the commands in AWS documentation:
 * white space separates words, single quotes keep everything literally, double quotes keep everything but
 * {@code \"} and {@code \\}, a backslash outside quotes escapes the next character and a backslash before a line
 * break continues the line. No expansion of variables or globs.
 */
final class CliWords {
  private CliWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        if (next == '\n' || next == '\r') {
          continue; // line continuation
        }
        word.append(next);
        inWord = true;
      } else if (c == '\'' || c == '"') {
        int end = closing(line, i, c);
        for (int j = i + 1; j < end; j++) {
          char q = line.charAt(j);
          if (c == '"' && q == '\\' && j + 1 < end && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
            q = line.charAt(++j);
          }
          word.append(q);
        }
        i = end;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static int closing(String line, int open, char quote) {
    for (int j = open + 1; j < line.length(); j++) {
      char c = line.charAt(j);
      if (c == quote) {
        return j;
      }
      if (quote == '"' && c == '\\') {
        j++;
      }
    }
    throw new RuleSyntaxException(line, open + 1, "a closing " + quote + " for the quote here",
        line.substring(open, Math.min(line.length(), open + 12)));
  }
}
