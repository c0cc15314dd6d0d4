package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.portcullis.core.ConfigurationException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.testkit.FakeHuaweiVpc;
import io.portcullis.testkit.Fault;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code huaweicloud-vpc} provider: every settings problem at once, every setting applied, and closing. */
class HuaweiSecurityGroupRulesProviderTest {
  private FakeHuaweiVpc fake;
  private SecurityGroupRef group;

  @BeforeEach
  void start() {
    fake = new FakeHuaweiVpc();
    group = SecurityGroupRef.ofId(fake.createSecurityGroup("web", false));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void everyMissingOrWrongSettingIsListedAtOnce() {
    assumeTrue(Stream.of("HUAWEICLOUD_SDK_REGION", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK",
        "HUAWEICLOUD_SDK_PROJECT_ID").allMatch(v -> System.getenv(v) == null));

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SecurityGroupRulesProvider.load(
        "huaweicloud-vpc", ProviderSettings.builder().profile("dev").translationPolicy(TranslationPolicy.LENIENT)
            .build()));

    assertEquals(List.of(
        "profile: AWS only; leave it out for huaweicloud-vpc",
        "translationPolicy LENIENT: huaweicloud-vpc drops or widens nothing; leave it out or set STRICT",
        "region: none found; set ProviderSettings.region(...) or the environment variable HUAWEICLOUD_SDK_REGION",
        "access key (AK): none found; set ProviderSettings.credentials(...) or the environment variable "
            + "HUAWEICLOUD_SDK_AK",
        "secret key (SK): none found; set ProviderSettings.credentials(...) or the environment variable "
            + "HUAWEICLOUD_SDK_SK",
        "project id: none found; set ProviderSettings.projectId(...) or the environment variable "
            + "HUAWEICLOUD_SDK_PROJECT_ID"), e.problems());
    assertTrue(e.getMessage().startsWith("huaweicloud-vpc is not configured (6 problems): profile: AWS only"),
        e.getMessage());
  }

  @Test
  void quotaAndRetriesAreApplied() {
    try (SecurityGroupRules once = load(ProviderSettings.builder().maxAttempts(1).rulesPerGroup(80));
        SecurityGroupRules retrying = load(ProviderSettings.builder())) {
      assertEquals(80, once.quota().orElseThrow().check(List.of()).usages().get(0).limit());
      assertEquals(50, retrying.quota().orElseThrow().check(List.of()).usages().get(0).limit());

      fake.failNext(FakeHuaweiVpc.LIST_RULES, throttled());
      assertThrows(ThrottledException.class, () -> once.list(group), "one attempt: the throttled call fails");
      fake.clearCalls();
      fake.failNext(FakeHuaweiVpc.LIST_RULES, throttled());
      assertEquals(0, retrying.list(group).size());
      assertEquals(2, fake.calls().size(), "the throttled call was sent again");
    }
  }

  @Test
  void aCallWithoutAnAnswerSaysSo() {
    try (SecurityGroupRules rules = load(ProviderSettings.builder())) {
      fake.failNext(FakeHuaweiVpc.LIST_RULES, Fault.connectionReset());
      ProviderException e = assertThrows(ProviderException.class, () -> rules.list(group));
      assertTrue(e.getMessage().startsWith("huaweicloud-vpc: no answer from Huawei Cloud VPC: "), e.getMessage());
      assertTrue(e.error().httpStatus().isEmpty());
    }
  }

  /** Loading, using and closing the adapter again and again leaves no connection open. */
  @Test
  void closingReleasesTheConnections() {
    assumeTrue(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean);
    for (int i = 0; i < 5; i++) {
      cycle();
    }
    long before = openFiles();
    for (int i = 0; i < 100; i++) {
      cycle();
    }
    long after = openFiles();
    assertTrue(after - before < 20, "open files grew from " + before + " to " + after);
  }

  private void cycle() {
    try (SecurityGroupRules rules = load(ProviderSettings.builder())) {
      rules.list(group);
    }
  }

  private static long openFiles() {
    return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
  }

  private static Fault throttled() {
    return Fault.error(429, "VPC.0002", "too many requests");
  }

  private SecurityGroupRules load(ProviderSettings.Builder settings) {
    return SecurityGroupRulesProvider.load("huaweicloud-vpc", settings.endpoint(fake.endpoint())
        .projectId(fake.projectId()).credentials(new StaticCredentials("AKTEST", "SKTEST")).build());
  }
}
