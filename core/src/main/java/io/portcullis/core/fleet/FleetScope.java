package io.portcullis.core.fleet;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a provider counts its rate limits and where one client works: a provider in one account (AWS) or project
 * (Huawei) and one region. Groups in the same scope share its concurrency and rate-limit budget.
 *
 * @param provider the adapter's provider name, e.g. {@code aws-ec2}
 * @param account the account or project, where the caller names one (empty: the settings' default)
 * @param region the region, where the caller names one (empty: the settings' default)
 */
public record FleetScope(String provider, Optional<String> account, Optional<String> region) {
  /** Checks that no component is null. */
  public FleetScope {
    requireNonNull(provider, "provider");
    requireNonNull(account, "account");
    requireNonNull(region, "region");
  }

  /** {@code aws-ec2/123456789012/eu-west-1}, with {@code -} for a default account or region. */
  @Override
  public String toString() {
    return provider + "/" + account.orElse("-") + "/" + region.orElse("-");
  }
}
