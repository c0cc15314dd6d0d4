package io.portcullis.cli;

/** ANSI colours for people at a terminal; plain text otherwise. */
final class Style {
  private final boolean color;

  Style(boolean color) {
    this.color = color;
  }

  String green(String s) {
    return paint("32", s);
  }

  String red(String s) {
    return paint("31", s);
  }

  String yellow(String s) {
    return paint("33", s);
  }

  String bold(String s) {
    return paint("1", s);
  }

  /** A rendered plan with its lines coloured: creates green, updates yellow, deletes and warnings red. */
  String plan(String rendered) {
    if (!color) {
      return rendered;
    }
    StringBuilder s = new StringBuilder();
    for (String line : rendered.split("\n", -1)) {
      if (s.length() > 0) {
        s.append('\n');
      }
      s.append(line.startsWith("  +") ? green(line) : line.startsWith("  ~") ? yellow(line)
          : line.startsWith("  -") || line.startsWith("!!") ? red(line) : line);
    }
    return s.toString();
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
