package io.portcullis.cli;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Adapters for what needs no call: their capabilities and provider form (validate, lint, translate, compact).
 * They are aimed at a closed port of 127.0.0.1 with placeholder settings, so they work without credentials or
 * configuration, and a call made by mistake could never leave the machine.
 */
final class OfflineClouds implements Clouds {
  private static final ProviderSettings SETTINGS = ProviderSettings.builder()
      .endpoint(URI.create("http://127.0.0.1:9"))
      .region("us-east-1")
      .credentials(new StaticCredentials("offline", "offline"))
      .build();
  // the AWS adapters refuse a project id, and Huawei needs one
  private static final ProviderSettings HUAWEI_SETTINGS = ProviderSettings.builder()
      .endpoint(URI.create("http://127.0.0.1:9"))
      .region("us-east-1")
      .projectId("offline")
      .credentials(new StaticCredentials("offline", "offline"))
      .build();

  private final Map<String, SecurityGroupRules> adapters = new HashMap<>();

  @Override
  public SecurityGroupRules rules(String provider) {
    return adapters.computeIfAbsent(provider, p -> SecurityGroupRulesProvider.load(p,
        p.equals("huaweicloud-vpc") ? HUAWEI_SETTINGS : SETTINGS));
  }
}
