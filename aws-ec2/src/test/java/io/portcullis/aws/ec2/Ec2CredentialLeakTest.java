package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.testkit.CapturedLog;
import io.portcullis.testkit.FakeEc2;
import io.portcullis.testkit.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * No access key id, secret, session token or signature in any log line or exception message: a run of the real
 * Ec2Client (SDK retries on, without waiting) against the EC2 fake, with successful calls, a throttled call that
 * is retried, provider errors and a dropped connection, logged at debug.
 *
 * <p>Except for one SDK logger: since aws-sdk-java-v2 PR #5153 the SigV4 signer logs the whole canonical
 * request at debug, and with session credentials that includes the {@code x-amz-security-token} header value.
 * Portcullis cannot change that; whoever enables SDK debug logging must keep {@value #SIGNER_LOGGER} at info.
 */
class Ec2CredentialLeakTest {
  private static final String KEY_ID = "AKIAPORTCULLISLEAK01";
  private static final String SECRET = "s3cr3t-PORTCULLIS-LEAK";
  private static final String TOKEN = "t0ken-PORTCULLIS-LEAK-session";
  private static final List<String> SECRETS = List.of(KEY_ID, SECRET, TOKEN);
  static final String SIGNER_LOGGER = "software.amazon.awssdk.http.auth.aws.internal.signer";

  @Test
  void credentialsAppearInNoLogLineAndNoException() {
    List<Throwable> failures = new ArrayList<>();
    String log;
    try (FakeEc2 fake = new FakeEc2(); CapturedLog captured = CapturedLog.atDebugExcept(SIGNER_LOGGER);
        Ec2Client client = Ec2Client.builder().endpointOverride(fake.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN)))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build()))
            .build()) {
      SecurityGroupRef group = SecurityGroupRef.ofId(fake.createSecurityGroup("web", "vpc-1", false));
      Ec2SecurityGroupRules rules = new Ec2SecurityGroupRules(client);
      List<SecurityRule> ssh = List.of(SecurityRule.parse("ingress allow tcp 22 from 203.0.113.0/24"));

      fake.failNext("AuthorizeSecurityGroupIngress", FakeEc2.throttling());
      rules.authorize(group, ssh);
      assertEquals(2, rules.list(group).size(), "the default egress rule and ssh");
      failures.add(assertThrows(RuntimeException.class,
          () -> rules.authorize(SecurityGroupRef.ofId("sg-missing"), ssh)));
      failures.add(assertThrows(RuntimeException.class,
          () -> rules.revoke(group, List.of(SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8")))));
      failures.add(assertThrows(RuntimeException.class, () -> rules.revokeByIds(group, List.of("sgr-unknown"))));
      fake.failNext("AuthorizeSecurityGroupEgress", Fault.error(401, "AuthFailure",
          "AWS was not able to validate the provided access credentials"));
      failures.add(assertThrows(RuntimeException.class,
          () -> rules.authorize(group, List.of(SecurityRule.parse("egress allow tcp 443 to 0.0.0.0/0")))));
      for (int i = 0; i < 4; i++) {
        fake.failNext("DescribeSecurityGroupRules", Fault.connectionReset());
      }
      failures.add(assertThrows(RuntimeException.class, () -> rules.list(group)));
      log = captured.text();
    }

    assertTrue(log.contains("software.amazon.awssdk"), "the SDK's debug lines were captured:\n" + log);
    CapturedLog.requireNoSecrets(log, failures, SECRETS);
    CapturedLog.requireNoSecrets("StaticCredentials.toString", new StaticCredentials(KEY_ID, SECRET).toString(),
        SECRETS);
  }
}
