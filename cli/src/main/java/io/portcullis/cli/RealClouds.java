package io.portcullis.cli;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * The real providers, with the settings of the standard environment (AWS: the SDK's default chains; Huawei:
 * {@code HUAWEICLOUD_SDK_AK}, {@code HUAWEICLOUD_SDK_SK}, {@code HUAWEICLOUD_SDK_PROJECT_ID}, {@code
 * HUAWEICLOUD_SDK_REGION}).
 */
final class RealClouds implements Clouds {
  private final Map<String, SecurityGroupRules> adapters = new HashMap<>();
  private final Map<String, SecurityGroups> groups = new HashMap<>();

  @Override
  public SecurityGroupRules rules(String provider) {
    return adapters.computeIfAbsent(provider,
        p -> SecurityGroupRulesProvider.load(p, ProviderSettings.builder().build()));
  }

  @Override
  public SecurityGroups groups(String provider) {
    return groups.computeIfAbsent(provider, p -> SecurityGroupsProvider.load(p, ProviderSettings.builder().build()));
  }
}
