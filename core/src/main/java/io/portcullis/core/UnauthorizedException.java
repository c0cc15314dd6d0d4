package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The caller lacks permission for the call; for a dry run this is the "would fail" answer. */
public class UnauthorizedException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public UnauthorizedException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
