package io.portcullis.core;

import java.net.URI;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How an adapter found through {@link SecurityGroupRulesProvider} builds its SDK client. Everything is
 * optional: without credentials the SDK's standard sources (environment variables, profiles) are used; an
 * endpoint override points the client elsewhere, e.g. at the test kit's fakes.
 */
@Value.Immutable
public abstract class ProviderSettings {
  ProviderSettings() {}

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The region, e.g. {@code us-east-1} or {@code cn-north-4}. */
  public abstract Optional<String> region();

  /** An endpoint to use instead of the provider's own. */
  public abstract Optional<URI> endpoint();

  /** The project id (Huawei Cloud). */
  public abstract Optional<String> projectId();

  /** Explicit credentials, instead of the SDK's standard sources. */
  public abstract Optional<StaticCredentials> credentials();

  /** Builds {@link ProviderSettings}. */
  public static final class Builder extends ImmutableProviderSettings.Builder {
    Builder() {}
  }
}
