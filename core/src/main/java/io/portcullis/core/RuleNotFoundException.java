package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The rule (or authorisation) to remove or read does not exist at the provider. */
public class RuleNotFoundException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public RuleNotFoundException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
