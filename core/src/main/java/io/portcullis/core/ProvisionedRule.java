package io.portcullis.core;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A rule as it exists at a provider: the neutral rule, the provider's id for it (EC2 {@code sgr-...}, a
 * Huawei UUID; adapters whose provider has no id derive a stable one) and, where the provider reports one,
 * its state (ElastiCache's {@code authorizing}, {@code authorized}, {@code revoking}).
 */
@Value.Immutable
public abstract class ProvisionedRule {
  ProvisionedRule() {}

  /** A builder; the provider id and rule are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A rule with its provider id and no state. */
  public static ProvisionedRule of(String providerId, SecurityRule rule) {
    return builder().providerId(providerId).rule(rule).build();
  }

  /** The provider's id for the rule. */
  public abstract String providerId();

  /** The rule in the neutral model. */
  public abstract SecurityRule rule();

  /** The id of the group the rule belongs to, where the provider reports it. */
  public abstract Optional<String> groupId();

  /** The provider's state for the rule, where it has one. */
  public abstract Optional<String> state();

  /** {@code providerId: rule text [state]}. */
  @Override
  public String toString() {
    return providerId() + ": " + rule() + state().map(s -> " [" + s + "]").orElse("");
  }

  /** Builds {@link ProvisionedRule}s. */
  public static final class Builder extends ImmutableProvisionedRule.Builder {
    Builder() {}
  }
}
