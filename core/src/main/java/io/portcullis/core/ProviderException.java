package io.portcullis.core;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A provider refused a call. Adapters throw one of the typed subclasses where the provider's error has a
 * portable meaning ({@link DuplicateRuleException}, {@link RuleNotFoundException}, ...) and this class
 * itself otherwise. The provider's code and request id stay available through {@link #error()}.
 */
public class ProviderException extends PortcullisException {
  private final ProviderError error;

  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public ProviderException(ProviderError error, @Nullable Throwable cause) {
    super(error.toString(), cause);
    this.error = error;
  }

  /** Everything the provider said. */
  public ProviderError error() {
    return error;
  }

  /** The provider name, e.g. {@code aws-ec2}. */
  public String provider() {
    return error.provider();
  }

  /** The provider's error code. */
  public Optional<String> errorCode() {
    return error.code();
  }

  /** The provider's request id. */
  public Optional<String> requestId() {
    return error.requestId();
  }

  /** The HTTP status of the provider's reply. */
  public OptionalInt httpStatus() {
    return error.httpStatus();
  }
}
