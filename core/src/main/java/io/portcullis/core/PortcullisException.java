package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** Base of every exception Portcullis throws on purpose; unchecked. */
public class PortcullisException extends RuntimeException {
  /** An exception with a message. */
  public PortcullisException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public PortcullisException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
