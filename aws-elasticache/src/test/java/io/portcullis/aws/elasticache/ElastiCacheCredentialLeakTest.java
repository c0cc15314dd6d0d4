package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.CapturedLog;
import io.portcullis.testkit.FakeElastiCache;
import io.portcullis.testkit.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * No access key id, secret, session token or signature in any log line or exception message: a run of the real
 * ElastiCacheClient (SDK retries on, without waiting) against the ElastiCache fake, with successful calls, a
 * throttled call that is retried, provider errors and a dropped connection, logged at debug. The SDK's SigV4
 * signer logger stays at info: at debug it logs the canonical request, session token included (an SDK choice,
 * aws-sdk-java-v2 PR #5153).
 */
class ElastiCacheCredentialLeakTest {
  private static final String KEY_ID = "AKIAPORTCULLISLEAK01";
  private static final String SECRET = "s3cr3t-PORTCULLIS-LEAK";
  private static final String TOKEN = "t0ken-PORTCULLIS-LEAK-session";
  private static final List<String> SECRETS = List.of(KEY_ID, SECRET, TOKEN);
  private static final String SIGNER_LOGGER = "software.amazon.awssdk.http.auth.aws.internal.signer";

  @Test
  void credentialsAppearInNoLogLineAndNoException() {
    List<Throwable> failures = new ArrayList<>();
    String log;
    try (FakeElastiCache fake = new FakeElastiCache(); CapturedLog captured = CapturedLog.atDebugExcept(SIGNER_LOGGER);
        ElastiCacheClient client = ElastiCacheClient.builder().endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN)))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build()))
            .build()) {
      fake.createCacheSecurityGroup("cache", "the cache's group");
      SecurityGroupRef group = SecurityGroupRef.ofName("cache");
      CacheSecurityGroupRules rules = new CacheSecurityGroupRules(client);
      List<SecurityRule> app = List.of(SecurityRule.parse("ingress allow any from group-name app owner 123456789012"));

      fake.failNext("AuthorizeCacheSecurityGroupIngress", FakeElastiCache.throttling());
      rules.authorize(group, app);
      assertEquals(1, rules.list(group).size());
      failures.add(assertThrows(RuntimeException.class, () -> rules.authorize(group, app)));
      failures.add(assertThrows(RuntimeException.class, () -> rules.list(SecurityGroupRef.ofName("missing"))));
      fake.failNext("RevokeCacheSecurityGroupIngress", Fault.error(403, "InvalidClientTokenId",
          "The security token included in the request is invalid."));
      failures.add(assertThrows(RuntimeException.class, () -> rules.revoke(group, app)));
      for (int i = 0; i < 4; i++) {
        fake.failNext("DescribeCacheSecurityGroups", Fault.connectionReset());
      }
      failures.add(assertThrows(RuntimeException.class, () -> rules.list(group)));
      log = captured.text();
    }

    assertTrue(log.contains("software.amazon.awssdk"), "the SDK's debug lines were captured:\n" + log);
    CapturedLog.requireNoSecrets(log, failures, SECRETS);
  }
}
