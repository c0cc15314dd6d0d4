package io.portcullis.aws.ec2;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.TranslationPolicy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Makes {@link Ec2SecurityGroupRules} available through {@link SecurityGroupRulesProvider} as {@code aws-ec2}, over
 * a new {@link Ec2Client} that {@link SecurityGroupRules#close()} closes. Settings not given come from the SDK's
 * standard sources: the region from {@code AWS_REGION} or the profile ({@code AWS_PROFILE}, or {@link
 * ProviderSettings#profile()}), the credentials from the environment, the profile or the container or instance
 * role. The client uses the sync HTTP client on the class path and the SDK's standard retry strategy, which
 * retries throttling with backoff ({@link ProviderSettings#maxAttempts()} attempts if given).
 */
public final class Ec2SecurityGroupRulesProvider implements SecurityGroupRulesProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public Ec2SecurityGroupRulesProvider() {}

  @Override
  public String provider() {
    return Ec2Capabilities.PROVIDER;
  }

  /**
   * An adapter over a new client.
   *
   * @throws io.portcullis.core.ConfigurationException listing every setting that is missing (the region) or of no
   *     use to EC2 (a project id)
   */
  @Override
  public SecurityGroupRules create(ProviderSettings settings) {
    List<String> problems = new ArrayList<>();
    settings.projectId().ifPresent(p -> problems.add("projectId: Huawei Cloud only; leave it out for aws-ec2"));
    Ec2Client client = AwsClients.build(provider(), Ec2Client.builder(), settings, problems);
    Ec2SecurityGroupRules rules =
        Ec2SecurityGroupRules.owning(client, settings.translationPolicy().orElse(TranslationPolicy.STRICT));
    return settings.rulesPerGroup().map(rules::withRulesPerGroup).orElse(rules);
  }

  /**
   * A client configured from {@code settings}, shared with the provider of the groups themselves.
   *
   * @throws io.portcullis.core.ConfigurationException listing every setting that is missing or of no use here
   */
  static Ec2Client client(ProviderSettings settings) {
    List<String> problems = new ArrayList<>();
    settings.projectId().ifPresent(p -> problems.add("projectId: Huawei Cloud only; leave it out for aws-ec2"));
    return AwsClients.build(Ec2Capabilities.PROVIDER, Ec2Client.builder(), settings, problems);
  }
}
