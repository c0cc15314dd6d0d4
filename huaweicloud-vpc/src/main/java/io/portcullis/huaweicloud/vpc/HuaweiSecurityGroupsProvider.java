package io.portcullis.huaweicloud.vpc;

import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import java.util.List;

/**
 * Makes {@link HuaweiSecurityGroups} available through {@link SecurityGroupsProvider} as {@code huaweicloud-vpc},
 * over a v3 and a v2 client with the endpoint and credentials {@link HuaweiSecurityGroupRulesProvider} uses.
 */
public final class HuaweiSecurityGroupsProvider implements SecurityGroupsProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public HuaweiSecurityGroupsProvider() {}

  @Override
  public String provider() {
    return HuaweiCapabilities.PROVIDER;
  }

  @Override
  public SecurityGroups create(ProviderSettings settings) {
    var connection = HuaweiSecurityGroupRulesProvider.connection(settings);
    String endpoint = connection.endpoint();
    var credentials = connection.credentials();
    return new HuaweiSecurityGroups(
        VpcClient.newBuilder().withHttpConfig(HttpConfig.getDefaultHttpConfig()).withCredential(credentials)
            .withEndpoints(List.of(endpoint)).build(),
        com.huaweicloud.sdk.vpc.v2.VpcClient.newBuilder().withHttpConfig(HttpConfig.getDefaultHttpConfig())
            .withCredential(credentials).withEndpoints(List.of(endpoint)).build());
  }
}
