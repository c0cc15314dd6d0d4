package io.portcullis.aws.elasticache;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;

/**
 * Makes {@link CacheSecurityGroups} available through {@link SecurityGroupsProvider} as {@code aws-elasticache},
 * over a client built from the settings as {@link CacheSecurityGroupRulesProvider} builds it.
 */
public final class CacheSecurityGroupsProvider implements SecurityGroupsProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public CacheSecurityGroupsProvider() {}

  @Override
  public String provider() {
    return CacheSecurityGroupRuleTranslator.PROVIDER;
  }

  @Override
  public SecurityGroups create(ProviderSettings settings) {
    return new CacheSecurityGroups(CacheSecurityGroupRulesProvider.client(settings));
  }
}
