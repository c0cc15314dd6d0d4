package io.portcullis.aws.elasticache;

import io.portcullis.core.ConfigurationException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.plan.RetriedThrottles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Configures an AWS SDK client builder from {@link ProviderSettings}, finding every problem before the client is
 * built. The region comes from the settings, {@code AWS_REGION} ({@code aws.region}) or the profile, never from the
 * instance metadata service, whose lookup takes seconds to fail off EC2. Without explicit credentials the SDK's
 * default chain (environment, profile, container or instance role) is asked at the first call. Each AWS adapter
 * has its own copy of this class: a module shared by the two would add a jar to every application.
 */
final class AwsClients {
  private AwsClients() {}

  static <B extends AwsClientBuilder<B, C>, C> C build(String provider, B builder, ProviderSettings settings,
      List<String> problems) {
    List<String> all = new ArrayList<>(problems);
    String profile = settings.profile()
        .orElseGet(ProfileFileSystemSetting.AWS_PROFILE::getStringValueOrThrow);
    if (settings.profile().isPresent() && !profileExists(profile)) {
      all.add("profile '" + profile + "': not in ~/.aws/config or ~/.aws/credentials; create it or set another");
    }
    Region region = settings.region().map(Region::of).orElseGet(() -> regionOf(profile));
    if (region == null) {
      all.add("region: none found; set ProviderSettings.region(...), the environment variable AWS_REGION or a "
          + "region in the AWS profile '" + profile + "'");
    }
    if (!all.isEmpty()) {
      throw new ConfigurationException(provider, all);
    }
    builder.region(region)
        .credentialsProvider(credentials(settings, profile))
        .overrideConfiguration(o -> o.defaultProfileName(profile).retryStrategy(new ReportingRetries(settings
            .maxAttempts().map(n -> AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(n).build())
            .orElseGet(AwsRetryStrategy::standardRetryStrategy))));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * The problem when the SDK could not load credentials at a call, or empty for any other client-side failure.
   * The SDK reports both as a plain {@code SdkClientException}; only its message tells them apart.
   */
  static List<String> credentialProblem(SdkClientException e) {
    String message = String.valueOf(e.getMessage());
    if (!message.startsWith("Unable to load credentials")) {
      return List.of();
    }
    return List.of("credentials: none found (" + message + "); set ProviderSettings.credentials(...), the "
        + "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile with keys");
  }

  private static AwsCredentialsProvider credentials(ProviderSettings settings, String profile) {
    if (settings.credentials().isPresent()) {
      AwsCredentials fixed = aws(settings.credentials().get());
      return () -> fixed;
    }
    if (settings.credentialsProvider().isPresent()) {
      Supplier<StaticCredentials> supplier = settings.credentialsProvider().get();
      return () -> aws(supplier.get());
    }
    return DefaultCredentialsProvider.builder().profileName(profile).build();
  }

  private static AwsCredentials aws(StaticCredentials c) {
    return c.sessionToken().<AwsCredentials>map(t -> AwsSessionCredentials.create(c.accessKeyId(),
        c.secretAccessKey(), t)).orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
  }

  private static boolean profileExists(String profile) {
    return ProfileFile.defaultProfileFile().profile(profile).isPresent();
  }

  private static Region regionOf(String profile) {
    try {
      return new AwsRegionProviderChain(new SystemSettingsRegionProvider(),
          new AwsProfileRegionProvider(ProfileFile::defaultProfileFile, profile)).getRegion();
    } catch (SdkClientException e) {
      return null;
    }
  }

  /**
   * The SDK's retry strategy, telling {@link RetriedThrottles} of each throttled attempt it retries, so that a
   * fleet's shared rate limiter slows down for throttles the SDK would otherwise hide. The sync client retries on
   * the calling thread, where the fleet listens.
   */
  private record ReportingRetries(RetryStrategy strategy) implements RetryStrategy {
    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
      return strategy.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
      RefreshRetryTokenResponse retried = strategy.refreshRetryToken(request); // throws when it will not retry
      if (request.failure() instanceof SdkServiceException e && e.isThrottlingException()) {
        RetriedThrottles.report();
      }
      return retried;
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
      return strategy.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
      return strategy.maxAttempts();
    }

    @Override
    public RetryStrategy.Builder<?, ?> toBuilder() {
      return strategy.toBuilder();
    }
  }
}
