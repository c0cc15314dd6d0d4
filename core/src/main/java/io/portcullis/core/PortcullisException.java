package io.portcullis.core;

/** Base of every exception Portcullis throws on purpose; unchecked. */
public class PortcullisException extends RuntimeException {
  /** An exception with a message. */
  public PortcullisException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public PortcullisException(String message, Throwable cause) {
    super(message, cause);
  }
}
