package io.portcullis.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** A small writer for the XML replies of the AWS Query protocol: nested elements and escaped text. */
final class Xml {
  private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  private final Deque<String> open = new ArrayDeque<>();

  /** Opens the root element in the namespace. */
  static Xml root(String tag, String namespace) {
    Xml xml = new Xml();
    xml.out.append('<').append(tag).append(" xmlns=\"").append(namespace).append("\">");
    xml.open.push(tag);
    return xml;
  }

  /** Opens an element. */
  Xml start(String tag) {
    out.append('<').append(tag).append('>');
    open.push(tag);
    return this;
  }

  /** Closes the innermost open element. */
  Xml end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Closes every open element but the root. */
  Xml closeToRoot() {
    while (open.size() > 1) {
      end();
    }
    return this;
  }

  /** An element with text; nothing when the value is null or an empty Optional. */
  Xml leaf(String tag, Object value) {
    Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
    if (v != null) {
      out.append('<').append(tag).append('>').append(escape(v.toString())).append("</").append(tag).append('>');
    }
    return this;
  }

  /** The document, closing every element still open. */
  String document() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString();
  }

  private static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
