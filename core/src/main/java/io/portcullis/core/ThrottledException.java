package io.portcullis.core;

/** The provider throttled the call, and the SDK's retries were used up. */
public class ThrottledException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public ThrottledException(ProviderError error, Throwable cause) {
    super(error, cause);
  }
}
