package io.portcullis.aws.elasticache;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClientBuilder;

/**
 * Makes {@link CacheSecurityGroupRules} available through {@link SecurityGroupRulesProvider} as {@code
 * aws-elasticache}, over a new {@link ElastiCacheClient} with the SDK's standard retry strategy (which retries
 * throttling and dropped connections). Settings not given come from the SDK's standard sources: the region from
 * {@code AWS_REGION} or the profile, the credentials from the default chain (environment, profile, instance role).
 * Translation is {@code STRICT}.
 */
public final class CacheSecurityGroupRulesProvider implements SecurityGroupRulesProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public CacheSecurityGroupRulesProvider() {}

  @Override
  public String provider() {
    return CacheSecurityGroupRuleTranslator.PROVIDER;
  }

  @Override
  public SecurityGroupRules create(ProviderSettings settings) {
    return new CacheSecurityGroupRules(client(settings));
  }

  /** A client configured from {@code settings}, shared with {@link CacheSecurityGroupsProvider}. */
  static ElastiCacheClient client(ProviderSettings settings) {
    AwsCredentialsProvider credentials = settings.credentials()
        .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
            AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    ElastiCacheClientBuilder builder = ElastiCacheClient.builder()
        .credentialsProvider(credentials)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    // Without a region the builder asks the SDK's default region chain.
    settings.region().map(Region::of).ifPresent(builder::region);
    return builder.build();
  }
}
