package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.testkit.FakeEc2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The {@code aws-ec2} provider: settings problems reported at once, missing credentials reported as such, every
 * setting applied, closing, and concurrent use of one adapter. The AWS profile files are empty temporary files and
 * the instance metadata service is switched off, so nothing is read from this machine or sent past 127.0.0.1.
 */
class Ec2SecurityGroupRulesProviderTest {
  private static final List<String> PROPERTIES =
      List.of("aws.configFile", "aws.sharedCredentialsFile", "aws.disableEc2Metadata", "aws.region");
  private static final StaticCredentials KEYS = new StaticCredentials("AKIDTEST", "secret");

  private FakeEc2 fake;
  private String groupId;

  @BeforeEach
  void isolate(@TempDir Path dir) throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));
    System.setProperty("aws.configFile", empty.toString());
    System.setProperty("aws.sharedCredentialsFile", empty.toString());
    System.setProperty("aws.disableEc2Metadata", "true");
    fake = new FakeEc2();
    groupId = fake.createSecurityGroup("web", "vpc-1", false);
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
        "aws-ec2", ProviderSettings.builder().profile("nosuch").projectId("p-1").build()));

    assertEquals("aws-ec2", e.provider());
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("projectId: Huawei Cloud only"), e.getMessage());
    assertTrue(e.problems().get(1).startsWith("profile 'nosuch': not in ~/.aws/config"), e.getMessage());
    assertTrue(e.problems().get(2).startsWith("region: none found; set ProviderSettings.region(...), the "
        + "environment variable AWS_REGION"), e.getMessage());
    assertTrue(e.getMessage().startsWith("aws-ec2 is not configured (3 problems): "), e.getMessage());
  }

  @Test
  void anUnknownProviderIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SecurityGroupRulesProvider.load("aws-s3", ProviderSettings.builder().build()));
    assertTrue(e.getMessage().contains("no adapter 'aws-s3' on the class path"), e.getMessage());
    assertTrue(e.getMessage().contains("available: [aws-ec2]"), e.getMessage());
  }

  @Test
  void inconsistentSettingsFailWhenBuilt() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ProviderSettings.builder()
        .credentials(KEYS).credentialsProvider(() -> KEYS).maxAttempts(0).rulesPerGroup(-1).build());
    assertEquals(List.of("credentials and credentialsProvider: set one of them, not both",
        "maxAttempts 0: 1 or more", "rulesPerGroup -1: 1 or more"), e.problems());
  }

  @Test
  void noCredentialsAnywhereIsReportedAsSuchAndNothingIsSent() {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null);
    try (SecurityGroupRules rules = SecurityGroupRulesProvider.load("aws-ec2",
        ProviderSettings.builder().endpoint(fake.endpoint()).region("us-east-1").maxAttempts(1).build())) {

      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> rules.list(SecurityGroupRef.ofId(groupId)));

      assertTrue(e.getMessage().startsWith("aws-ec2 is not configured: credentials: none found ("), e.getMessage());
      assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), e.getMessage());
      assertEquals(0, fake.calls().size());
    }
  }

  @Test
  void aCredentialsProviderIsAskedForEveryCall() {
    AtomicInteger asked = new AtomicInteger();
    try (SecurityGroupRules rules = load(ProviderSettings.builder().credentialsProvider(() -> {
      asked.incrementAndGet();
      return new StaticCredentials("ASIATEST", "secret", Optional.of("token-" + asked.get()));
    }))) {
      rules.list(SecurityGroupRef.ofId(groupId));
      rules.list(SecurityGroupRef.ofId(groupId));
      assertEquals(2, fake.calls().size());
      assertTrue(asked.get() >= 2, "asked " + asked.get() + " times");
    }
  }

  @Test
  void translationPolicyQuotaAndRetriesAreApplied() {
    SecurityRule withPriority = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 5");
    try (SecurityGroupRules strict = load(ProviderSettings.builder().credentials(KEYS));
        SecurityGroupRules lenient = load(ProviderSettings.builder().credentials(KEYS)
            .translationPolicy(TranslationPolicy.LENIENT).rulesPerGroup(200).maxAttempts(1))) {
      SecurityGroupRef group = SecurityGroupRef.ofId(groupId);
      assertThrows(io.portcullis.core.UnsupportedRuleException.class,
          () -> strict.plan(group, List.of(withPriority), PlanMode.ADDITIVE));
      assertDoesNotThrow(() -> lenient.plan(group, List.of(withPriority), PlanMode.ADDITIVE));
      assertEquals(Set.of(60), limits(strict));
      assertEquals(Set.of(200), limits(lenient));

      fake.failNext("DescribeSecurityGroupRules", FakeEc2.throttling());
      assertThrows(ProviderException.class, () -> lenient.list(group), "one attempt: the throttled call fails");
      fake.failNext("DescribeSecurityGroupRules", FakeEc2.throttling());
      assertEquals(1, strict.list(group).size(), "the standard strategy retries the throttled call");
    }
  }

  @Test
  void closeClosesTheClientTheProviderBuiltButNotOneGivenToIt() {
    SecurityGroupRef group = SecurityGroupRef.ofId(groupId);
    SecurityGroupRules built = load(ProviderSettings.builder().credentials(KEYS));
    built.list(group);
    built.close();
    assertThrows(RuntimeException.class, () -> built.list(group), "the client is closed");

    try (Ec2Client own = Ec2Client.builder().endpointOverride(fake.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKID", "s"))
        .build()) {
      new Ec2SecurityGroupRules(own).close();
      assertEquals(1, new Ec2SecurityGroupRules(own).list(group).size(), "the caller's client stays open");
    }
  }

  /** One adapter shared by threads, each converging its own group: every group ends as desired. */
  @Test
  void oneAdapterServesManyThreads() throws Exception {
    int threads = 8;
    List<String> groups = IntStream.range(0, threads)
        .mapToObj(i -> fake.createSecurityGroup("g" + i, "vpc-1", false)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SecurityGroupRules rules = load(ProviderSettings.builder().credentials(KEYS))) {
      List<Future<?>> done = IntStream.range(0, threads).<Future<?>>mapToObj(i -> pool.submit(() -> {
        SecurityGroupRef group = SecurityGroupRef.ofId(groups.get(i));
        List<SecurityRule> desired = List.of(SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 10.0.0.0/8"),
            SecurityRule.parse("ingress allow udp 53 from 10.0." + i + ".0/24"));
        for (int round = 0; round < 3; round++) {
          rules.apply(group, rules.plan(group, desired, PlanMode.AUTHORITATIVE));
        }
      })).toList();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < threads; i++) {
      Map<Boolean, Long> byDirection = fake.rules(groups.get(i)).stream()
          .collect(Collectors.partitioningBy(r -> r.egress(), Collectors.counting()));
      assertEquals(2, byDirection.get(false), "group " + i + " has its two ingress rules");
      assertEquals(0, byDirection.get(true), "group " + i + ": authoritative plans removed the default egress");
    }
  }

  private SecurityGroupRules load(ProviderSettings.Builder settings) {
    return SecurityGroupRulesProvider.load("aws-ec2", settings.endpoint(fake.endpoint()).region("us-east-1").build());
  }

  private static Set<Integer> limits(SecurityGroupRules rules) {
    return rules.quota().orElseThrow().check(List.of()).usages().stream().map(u -> u.limit())
        .collect(Collectors.toSet());
  }
}
