package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The provider throttled the call, and the SDK's retries were used up. */
public class ThrottledException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public ThrottledException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
