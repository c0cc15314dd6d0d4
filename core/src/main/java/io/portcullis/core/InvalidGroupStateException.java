package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The group is in a state that does not allow the call (e.g. deleting a group still in use). */
public class InvalidGroupStateException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public InvalidGroupStateException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
