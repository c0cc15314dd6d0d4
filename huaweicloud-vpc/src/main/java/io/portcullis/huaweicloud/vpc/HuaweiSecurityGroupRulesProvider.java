package io.portcullis.huaweicloud.vpc;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Makes {@link HuaweiSecurityGroupRules} available through {@link SecurityGroupRulesProvider} as {@code
 * huaweicloud-vpc}. Settings not given come from the environment: {@code HUAWEICLOUD_SDK_AK}, {@code
 * HUAWEICLOUD_SDK_SK}, {@code HUAWEICLOUD_SDK_PROJECT_ID} and {@code HUAWEICLOUD_SDK_REGION} (the endpoint is
 * then {@code https://vpc.<region>.myhuaweicloud.com}).
 */
public final class HuaweiSecurityGroupRulesProvider implements SecurityGroupRulesProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public HuaweiSecurityGroupRulesProvider() {}

  @Override
  public String provider() {
    return HuaweiCapabilities.PROVIDER;
  }

  @Override
  public SecurityGroupRules create(ProviderSettings settings) {
    String endpoint = endpoint(settings);
    return new HuaweiSecurityGroupRules(VpcClient.newBuilder()
        .withHttpConfig(HttpConfig.getDefaultHttpConfig())
        .withCredential(credentials(settings))
        .withEndpoints(List.of(endpoint))
        .build());
  }

  /** The endpoint: the settings' one, or else the region's. */
  static String endpoint(ProviderSettings settings) {
    return settings.endpoint().map(URI::toString).orElseGet(
        () -> "https://vpc." + required(settings.region(), "HUAWEICLOUD_SDK_REGION", "region") + ".myhuaweicloud.com");
  }

  /** The credentials, with the project id, from the settings or else the environment. */
  static BasicCredentials credentials(ProviderSettings settings) {
    StaticCredentials keys = settings.credentials().orElseGet(() -> new StaticCredentials(
        required(Optional.empty(), "HUAWEICLOUD_SDK_AK", "access key"),
        required(Optional.empty(), "HUAWEICLOUD_SDK_SK", "secret key")));
    return new BasicCredentials()
        .withAk(keys.accessKeyId())
        .withSk(keys.secretAccessKey())
        // Without a project id the SDK would look it up at a real IAM endpoint.
        .withProjectId(required(settings.projectId(), "HUAWEICLOUD_SDK_PROJECT_ID", "project id"));
  }

  private static String required(Optional<String> given, String variable, String what) {
    return given.or(() -> Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()))
        .orElseThrow(() -> new IllegalArgumentException(
            "huaweicloud-vpc needs a " + what + ": set it in ProviderSettings or the environment variable " + variable));
  }
}
