package io.portcullis.huaweicloud.vpc;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.ConfigurationException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.TranslationPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;

/**
 * Makes {@link HuaweiSecurityGroupRules} available through {@link SecurityGroupRulesProvider} as {@code
 * huaweicloud-vpc}. Settings not given come from the environment: {@code HUAWEICLOUD_SDK_AK}, {@code
 * HUAWEICLOUD_SDK_SK}, {@code HUAWEICLOUD_SDK_SECURITY_TOKEN} (temporary credentials only), {@code
 * HUAWEICLOUD_SDK_PROJECT_ID} and {@code HUAWEICLOUD_SDK_REGION} (the endpoint is then {@code
 * https://vpc.<region>.myhuaweicloud.com}). The client's connections are the adapter's own: {@link
 * SecurityGroupRules#close()} releases them.
 */
public final class HuaweiSecurityGroupRulesProvider implements SecurityGroupRulesProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public HuaweiSecurityGroupRulesProvider() {}

  @Override
  public String provider() {
    return HuaweiCapabilities.PROVIDER;
  }

  /**
   * An adapter over a new client.
   *
   * @throws ConfigurationException listing every setting that is missing (region or endpoint, AK, SK, project id)
   *     or of no use to Huawei Cloud (an AWS profile, a lenient translation policy)
   */
  @Override
  public SecurityGroupRules create(ProviderSettings settings) {
    Connection connection = connection(settings);
    // The adapter's own pool and dispatcher, so close() can release the connections and threads.
    ConnectionPool pool = new ConnectionPool();
    Dispatcher dispatcher = new Dispatcher();
    VpcClient client = VpcClient.newBuilder()
        .withHttpConfig(HttpConfig.getDefaultHttpConfig().withConnectionPool(pool).withDispatcher(dispatcher))
        .withCredential(connection.credentials())
        .withEndpoints(List.of(connection.endpoint()))
        .build();
    HuaweiSecurityGroupRules rules = HuaweiSecurityGroupRules.owning(client, new HuaweiRuleTranslator(), () -> {
      dispatcher.executorService().shutdown();
      pool.evictAll();
    });
    rules = settings.rulesPerGroup().map(rules::withRuleQuota).orElse(rules);
    return settings.maxAttempts()
        .map(n -> new ThrottlingRetry(n, ThrottlingRetry.DEFAULT.backoff()))
        .map(rules::withThrottlingRetry)
        .orElse(rules);
  }

  /** Where and how to call: the endpoint, and the credentials with the project id. */
  record Connection(String endpoint, BasicCredentials credentials) {}

  /**
   * The endpoint and credentials from the settings or else the environment, shared with {@link
   * HuaweiSecurityGroupsProvider}.
   *
   * @throws ConfigurationException listing every setting that is missing or of no use to Huawei Cloud
   */
  static Connection connection(ProviderSettings settings) {
    List<String> problems = new ArrayList<>();
    settings.profile().ifPresent(p -> problems.add("profile: AWS only; leave it out for huaweicloud-vpc"));
    settings.translationPolicy().filter(p -> p == TranslationPolicy.LENIENT).ifPresent(p -> problems.add(
        "translationPolicy LENIENT: huaweicloud-vpc drops or widens nothing; leave it out or set STRICT"));
    Optional<String> endpoint = settings.endpoint().map(URI::toString).or(() -> required(settings.region(),
        "HUAWEICLOUD_SDK_REGION", "region", "region", problems).map(r -> "https://vpc." + r + ".myhuaweicloud.com"));
    Optional<StaticCredentials> keys = settings.credentials()
        .or(() -> settings.credentialsProvider().map(p -> p.get()))
        .or(() -> fromEnvironment(problems));
    Optional<String> projectId =
        required(settings.projectId(), "HUAWEICLOUD_SDK_PROJECT_ID", "project id", "projectId", problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(HuaweiCapabilities.PROVIDER, problems);
    }
    BasicCredentials credentials = new BasicCredentials()
        .withAk(keys.orElseThrow().accessKeyId())
        .withSk(keys.orElseThrow().secretAccessKey())
        // Without a project id the SDK would look it up at a real IAM endpoint.
        .withProjectId(projectId.orElseThrow());
    keys.orElseThrow().sessionToken().ifPresent(credentials::withSecurityToken);
    return new Connection(endpoint.orElseThrow(), credentials);
  }

  private static Optional<StaticCredentials> fromEnvironment(List<String> problems) {
    Optional<String> ak = required(Optional.empty(), "HUAWEICLOUD_SDK_AK", "access key (AK)", "credentials", problems);
    Optional<String> sk = required(Optional.empty(), "HUAWEICLOUD_SDK_SK", "secret key (SK)", "credentials", problems);
    if (ak.isEmpty() || sk.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StaticCredentials(ak.get(), sk.get(), environment("HUAWEICLOUD_SDK_SECURITY_TOKEN")));
  }

  private static Optional<String> required(Optional<String> given, String variable, String what, String setting,
      List<String> problems) {
    Optional<String> value = given.or(() -> environment(variable));
    if (value.isEmpty()) {
      problems.add(what + ": none found; set ProviderSettings." + setting + "(...) or the environment variable "
          + variable);
    }
    return value;
  }

  private static Optional<String> environment(String variable) {
    return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
  }
}
