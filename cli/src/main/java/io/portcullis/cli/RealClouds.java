package io.portcullis.cli;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import io.portcullis.rulefile.GroupRules;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real providers. A group's {@code region}, {@code profile} and {@code project} override the settings of the
 * standard environment (AWS: the SDK's default chains; Huawei: {@code HUAWEICLOUD_SDK_AK}, {@code
 * HUAWEICLOUD_SDK_SK}, {@code HUAWEICLOUD_SDK_PROJECT_ID}, {@code HUAWEICLOUD_SDK_REGION}); one adapter is built per
 * distinct provider and settings, and all are closed with this.
 */
final class RealClouds implements Clouds {
  private static final Logger LOG = LoggerFactory.getLogger(RealClouds.class);

  /** One adapter per provider and settings; the settings are values, so equal groups share their adapter. */
  private final Map<Map.Entry<String, ProviderSettings>, SecurityGroupRules> adapters = new LinkedHashMap<>();
  private final Map<String, SecurityGroups> groups = new HashMap<>();

  @Override
  public SecurityGroupRules rules(String provider) {
    return adapter(provider, ProviderSettings.builder().build());
  }

  @Override
  public SecurityGroupRules rules(GroupRules group) {
    return adapter(group.provider(), settings(group));
  }

  /**
   * The settings the group names; what it leaves out comes from the environment. The account is not a setting:
   * the credentials (profile) decide which account is reached.
   */
  static ProviderSettings settings(GroupRules group) {
    return ProviderSettings.builder().region(group.region()).profile(group.profile()).projectId(group.project())
        .build();
  }

  private SecurityGroupRules adapter(String provider, ProviderSettings settings) {
    return adapters.computeIfAbsent(Map.entry(provider, settings),
        key -> SecurityGroupRulesProvider.load(provider, settings));
  }

  @Override
  public void close() {
    for (SecurityGroupRules adapter : adapters.values()) {
      try {
        adapter.close();
      } catch (Exception e) {
        LOG.warn("closing an adapter failed: {}", GroupRunner.describe(e));
      }
    }
    adapters.clear();
  }

  @Override
  public SecurityGroups groups(String provider) {
    return groups.computeIfAbsent(provider, p -> SecurityGroupsProvider.load(p, ProviderSettings.builder().build()));
  }
}
