package io.portcullis.core;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.immutables.value.Value;

/**
 * How an adapter found through {@link SecurityGroupRulesProvider} builds its SDK client and what it overrides.
 * Everything is optional: settings not given come from the provider's standard sources (environment variables,
 * profiles); an endpoint override points the client elsewhere, e.g. at the test kit's fakes. A setting the
 * chosen provider has no use for (e.g. a profile for Huawei Cloud), or a required one that is found nowhere, makes
 * {@link SecurityGroupRulesProvider#create} throw one {@link ConfigurationException} listing every problem.
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

  /** The AWS profile (in {@code ~/.aws/config} and {@code ~/.aws/credentials}) for credentials and region (AWS). */
  public abstract Optional<String> profile();

  /** Explicit credentials, possibly with a session token, instead of the SDK's standard sources. */
  public abstract Optional<StaticCredentials> credentials();

  /**
   * Where to get credentials each time they are needed, e.g. to refresh temporary ones; AWS asks it before each
   * request (the SDK caches nothing from it), Huawei Cloud once when the adapter is built.
   */
  public abstract Optional<Supplier<StaticCredentials>> credentialsProvider();

  /** How a rule part the provider cannot carry is treated; {@link TranslationPolicy#STRICT} when not given. */
  public abstract Optional<TranslationPolicy> translationPolicy();

  /**
   * How many times a call is sent at most, the first included (1 = no retry): AWS's standard retry strategy
   * (throttling, 5xx, dropped connections), Huawei Cloud's retry of throttled calls. The adapter's default when
   * not given.
   */
  public abstract Optional<Integer> maxAttempts();

  /** The group's rule quota when the provider has raised it for the account (EC2: per direction and IP family). */
  public abstract Optional<Integer> rulesPerGroup();

  @Value.Check
  void check() {
    List<String> problems = new ArrayList<>();
    if (credentials().isPresent() && credentialsProvider().isPresent()) {
      problems.add("credentials and credentialsProvider: set one of them, not both");
    }
    maxAttempts().filter(n -> n < 1).ifPresent(n -> problems.add("maxAttempts " + n + ": 1 or more"));
    rulesPerGroup().filter(n -> n < 1).ifPresent(n -> problems.add("rulesPerGroup " + n + ": 1 or more"));
    if (!problems.isEmpty()) {
      throw new ConfigurationException("ProviderSettings", problems);
    }
  }

  /** Builds {@link ProviderSettings}. */
  public static final class Builder extends ImmutableProviderSettings.Builder {
    Builder() {}
  }
}
