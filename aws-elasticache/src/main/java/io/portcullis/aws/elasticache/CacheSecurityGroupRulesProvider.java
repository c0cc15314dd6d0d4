package io.portcullis.aws.elasticache;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.TranslationPolicy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * Makes {@link CacheSecurityGroupRules} available through {@link SecurityGroupRulesProvider} as {@code
 * aws-elasticache}, over a new {@link ElastiCacheClient} that {@link SecurityGroupRules#close()} closes, with the
 * SDK's standard retry strategy (which retries throttling and dropped connections; {@link
 * ProviderSettings#maxAttempts()} attempts if given). Settings not given come from the SDK's standard sources: the
 * region from {@code AWS_REGION} or the profile ({@code AWS_PROFILE}, or {@link ProviderSettings#profile()}), the
 * credentials from the environment, the profile or the container or instance role. Translation is {@code STRICT}
 * unless {@link ProviderSettings#translationPolicy()} says otherwise.
 */
public final class CacheSecurityGroupRulesProvider implements SecurityGroupRulesProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public CacheSecurityGroupRulesProvider() {}

  @Override
  public String provider() {
    return CacheSecurityGroupRuleTranslator.PROVIDER;
  }

  /**
   * An adapter over a new client.
   *
   * @throws io.portcullis.core.ConfigurationException listing every setting that is missing (the region) or of no
   *     use to ElastiCache (a project id, a rule quota: ElastiCache has none per group)
   */
  @Override
  public SecurityGroupRules create(ProviderSettings settings) {
    List<String> problems = new ArrayList<>();
    settings.projectId().ifPresent(p -> problems.add("projectId: Huawei Cloud only; leave it out for aws-elasticache"));
    settings.rulesPerGroup().ifPresent(n -> problems.add(
        "rulesPerGroup: ElastiCache has no quota of authorisations per cache security group; leave it out"));
    ElastiCacheClient client = AwsClients.build(provider(), ElastiCacheClient.builder(), settings, problems);
    return CacheSecurityGroupRules.owning(client, settings.translationPolicy().orElse(TranslationPolicy.STRICT));
  }

  /**
   * A client configured from {@code settings}, shared with the provider of the groups themselves.
   *
   * @throws io.portcullis.core.ConfigurationException listing every setting that is missing or of no use here
   */
  static ElastiCacheClient client(ProviderSettings settings) {
    List<String> problems = new ArrayList<>();
    settings.projectId().ifPresent(p -> problems.add("projectId: Huawei Cloud only; leave it out for aws-elasticache"));
    return AwsClients.build(CacheSecurityGroupRuleTranslator.PROVIDER, ElastiCacheClient.builder(), settings, problems);
  }
}
