package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The rule (or authorisation) already exists at the provider. */
public class DuplicateRuleException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public DuplicateRuleException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
