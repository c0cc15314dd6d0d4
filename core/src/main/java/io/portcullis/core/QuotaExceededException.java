package io.portcullis.core;

/** The call would exceed a provider quota, e.g. rules per security group. */
public class QuotaExceededException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public QuotaExceededException(ProviderError error, Throwable cause) {
    super(error, cause);
  }
}
