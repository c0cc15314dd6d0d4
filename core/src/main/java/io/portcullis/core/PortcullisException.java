package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** Base of every exception Portcullis throws on purpose; unchecked. */
public class PortcullisException extends RuntimeException {
  /** How many characters of an input a message echoes at most. */
  protected static final int MAX_ECHO = 200;

  /** An exception with a message. */
  public PortcullisException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public PortcullisException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * {@code text} as a message echoes it: whole up to {@value #MAX_ECHO} characters, otherwise its start and
   * {@code ...}, so that a megabyte of hostile input does not become a megabyte of message.
   */
  protected static String excerpt(String text) {
    return excerpt(text, MAX_ECHO);
  }

  /** {@code text} cut to at most {@code max} characters (ending in {@code ...}), never inside a surrogate pair. */
  protected static String excerpt(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 3;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }
}
