package io.portcullis.aws.ec2;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Makes {@link Ec2SecurityGroupRules} (strict policy) available through {@link SecurityGroupRulesProvider} as
 * {@code aws-ec2}. Settings not given come from the SDK's default chains: the region from {@code AWS_REGION} or
 * the profile, credentials from the environment, profiles or the instance role. The client uses the sync HTTP
 * client on the class path and the SDK's standard retry strategy, which retries throttling with backoff.
 */
public final class Ec2SecurityGroupRulesProvider implements SecurityGroupRulesProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public Ec2SecurityGroupRulesProvider() {}

  @Override
  public String provider() {
    return Ec2Capabilities.PROVIDER;
  }

  @Override
  public SecurityGroupRules create(ProviderSettings settings) {
    return new Ec2SecurityGroupRules(client(settings));
  }

  /** A client configured from {@code settings}, shared with {@link Ec2SecurityGroupsProvider}. */
  static Ec2Client client(ProviderSettings settings) {
    Ec2ClientBuilder builder = Ec2Client.builder()
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    settings.region().map(Region::of).ifPresent(builder::region);
    // Without explicit credentials the builder keeps the SDK's default credentials provider chain.
    settings.credentials().ifPresent(c -> builder.credentialsProvider(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))));
    return builder.build();
  }
}
