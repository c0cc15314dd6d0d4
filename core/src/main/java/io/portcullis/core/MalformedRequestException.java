package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The provider rejected the request's parameters as malformed or invalid. */
public class MalformedRequestException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public MalformedRequestException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
