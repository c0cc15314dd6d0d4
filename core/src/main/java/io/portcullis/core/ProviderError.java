package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a provider said when it refused a call: kept on every {@link ProviderException} so callers can
 * still see the provider's own error code and request id.
 *
 * @param provider the adapter's provider name, e.g. {@code aws-ec2}
 * @param code the provider's error code, e.g. {@code InvalidPermission.Duplicate} or {@code VPC.0602}
 * @param message the provider's error message
 * @param requestId the provider's request id, for support cases
 * @param httpStatus the HTTP status of the reply
 */
public record ProviderError(
    String provider, Optional<String> code, String message, Optional<String> requestId, OptionalInt httpStatus) {
  /** Checks that no component is null. */
  public ProviderError {
    requireNonNull(provider, "provider");
    requireNonNull(code, "code");
    requireNonNull(message, "message");
    requireNonNull(requestId, "requestId");
    requireNonNull(httpStatus, "httpStatus");
  }

  /** A provider error from nullable parts, as SDK exceptions give them; a status of 0 or less means unknown. */
  public static ProviderError of(
      String provider, @Nullable String code, @Nullable String message, @Nullable String requestId, int httpStatus) {
    return new ProviderError(
        provider,
        Optional.ofNullable(code).filter(s -> !s.isBlank()),
        message == null ? "" : message,
        Optional.ofNullable(requestId).filter(s -> !s.isBlank()),
        httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty());
  }

  /** {@code provider code: message (HTTP n, request id r)}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(provider);
    code.ifPresent(c -> s.append(' ').append(c));
    s.append(": ").append(message.isEmpty() ? "(no message)" : message);
    if (httpStatus.isPresent() || requestId.isPresent()) {
      s.append(" (");
      httpStatus.ifPresent(h -> s.append("HTTP ").append(h));
      if (httpStatus.isPresent() && requestId.isPresent()) {
        s.append(", ");
      }
      requestId.ifPresent(r -> s.append("request id ").append(r));
      s.append(')');
    }
    return s.toString();
  }
}
