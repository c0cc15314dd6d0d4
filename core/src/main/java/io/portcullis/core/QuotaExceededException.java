package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The call would exceed a provider quota, e.g. rules per security group. */
public class QuotaExceededException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public QuotaExceededException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
