package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.core.ConfigurationException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import io.portcullis.testkit.FakeElastiCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code aws-elasticache} provider: settings problems at once and failures without an answer told apart. The
 * AWS profile files are empty temporary files and the instance metadata service is off: nothing leaves 127.0.0.1.
 */
class CacheSecurityGroupRulesProviderTest {
  private static final List<String> PROPERTIES =
      List.of("aws.configFile", "aws.sharedCredentialsFile", "aws.disableEc2Metadata");
  private static final SecurityGroupRef GROUP = SecurityGroupRef.ofName("cache");

  private FakeElastiCache fake;

  @BeforeEach
  void isolate(@TempDir Path dir) throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));
    System.setProperty("aws.configFile", empty.toString());
    System.setProperty("aws.sharedCredentialsFile", empty.toString());
    System.setProperty("aws.disableEc2Metadata", "true");
    fake = new FakeElastiCache();
    fake.createCacheSecurityGroup("cache", "test");
  }

  @AfterEach
  void restore() {
    PROPERTIES.forEach(System::clearProperty);
    fake.close();
  }

  @Test
  void everyMissingOrWrongSettingIsListedAtOnce() {
    assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null);

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SecurityGroupRulesProvider.load(
        "aws-elasticache", ProviderSettings.builder().projectId("p").rulesPerGroup(10).build()));

    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("projectId: Huawei Cloud only"), e.getMessage());
    assertTrue(e.problems().get(1).startsWith("rulesPerGroup: ElastiCache has no quota"), e.getMessage());
    assertTrue(e.problems().get(2).startsWith("region: none found"), e.getMessage());
  }

  @Test
  void noCredentialsIsAConfigurationErrorAndNoAnswerAProviderError() {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null);
    try (SecurityGroupRules rules = load(ProviderSettings.builder())) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> rules.list(GROUP));
      assertTrue(e.getMessage().startsWith("aws-elasticache is not configured: credentials: none found"),
          e.getMessage());
      assertEquals(0, fake.calls().size());
    }

    try (SecurityGroupRules rules = load(ProviderSettings.builder().credentials(new StaticCredentials("AK", "s")))) {
      assertEquals(0, rules.list(GROUP).size());
      fake.close();
      ProviderException e = assertThrows(ProviderException.class, () -> rules.list(GROUP));
      assertTrue(e.getMessage().contains("no answer from ElastiCache"), e.getMessage());
    }
  }

  private SecurityGroupRules load(ProviderSettings.Builder settings) {
    return SecurityGroupRulesProvider.load("aws-elasticache",
        settings.endpoint(fake.endpoint()).region("us-east-1").maxAttempts(1).build());
  }
}
