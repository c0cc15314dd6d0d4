package io.portcullis.aws.ec2;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;

/**
 * Makes {@link Ec2SecurityGroups} available through {@link SecurityGroupsProvider} as {@code aws-ec2}, over a
 * client built from the settings as {@link Ec2SecurityGroupRulesProvider} builds it.
 */
public final class Ec2SecurityGroupsProvider implements SecurityGroupsProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public Ec2SecurityGroupsProvider() {}

  @Override
  public String provider() {
    return Ec2Capabilities.PROVIDER;
  }

  @Override
  public SecurityGroups create(ProviderSettings settings) {
    return new Ec2SecurityGroups(Ec2SecurityGroupRulesProvider.client(settings));
  }
}
