package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The answer to a dry run that passed: the provider checked the call (parameters and permissions) and
 * reports that it would succeed, without changing anything. A dry run that fails for lack of permission
 * throws {@link UnauthorizedException} instead.
 *
 * @param provider the adapter's provider name
 * @param operation the provider operation that was checked, e.g. {@code AuthorizeSecurityGroupIngress}
 * @param requestId the provider's request id for the check
 */
public record DryRunResult(String provider, String operation, Optional<String> requestId) {
  /** Checks that no component is null. */
  public DryRunResult {
    requireNonNull(provider, "provider");
    requireNonNull(operation, "operation");
    requireNonNull(requestId, "requestId");
  }
}
