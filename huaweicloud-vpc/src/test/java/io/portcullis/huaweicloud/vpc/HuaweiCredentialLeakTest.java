package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.testkit.CapturedLog;
import io.portcullis.testkit.FakeHuaweiVpc;
import io.portcullis.testkit.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No access key, secret key, security token or signature in any log line or exception message: a run through
 * the real VpcClient against the Huawei fake, with successful calls and provider errors, logged at debug.
 */
class HuaweiCredentialLeakTest {
  private static final String AK = "AKIAPORTCULLISLEAK01";
  private static final String SK = "s3cr3t-PORTCULLIS-LEAK";
  private static final String TOKEN = "t0ken-PORTCULLIS-LEAK-session";
  private static final List<String> SECRETS = List.of(AK, SK, TOKEN);

  @Test
  void credentialsAppearInNoLogLineAndNoException() {
    List<Throwable> failures = new ArrayList<>();
    ProviderSettings settings;
    String log;
    try (FakeHuaweiVpc fake = new FakeHuaweiVpc(); CapturedLog captured = CapturedLog.atDebug()) {
      SecurityGroupRef group = SecurityGroupRef.ofId(fake.createSecurityGroup("web", false));
      settings = ProviderSettings.builder().endpoint(fake.endpoint()).projectId(fake.projectId())
          .credentials(new StaticCredentials(AK, SK)).build();
      SecurityGroupRules viaProvider = SecurityGroupRulesProvider.load("huaweicloud-vpc", settings);
      List<SecurityRule> desired = List.of(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 1"));
      assertTrue(viaProvider.apply(group, viaProvider.plan(group, desired, PlanMode.ADDITIVE)).isComplete());

      // A client with a temporary security token, as a federated user has.
      VpcClient client = VpcClient.newBuilder().withHttpConfig(HttpConfig.getDefaultHttpConfig())
          .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withSecurityToken(TOKEN)
              .withProjectId(fake.projectId()))
          .withEndpoints(List.of(fake.endpoint().toString())).build();
      HuaweiSecurityGroupRules rules = new HuaweiSecurityGroupRules(client).withThrottlingRetry(ThrottlingRetry.NONE);
      assertEquals(1, rules.list(group).size());
      fake.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, Fault.error(403, "APIGW.0301", "Incorrect IAM authentication"));
      failures.add(assertThrows(RuntimeException.class, () -> rules.apply(group,
          rules.plan(group, List.of(SecurityRule.parse("egress allow any to ::/0 priority 2")), PlanMode.ADDITIVE))));
      String ruleId = rules.list(group).get(0).providerId();
      fake.failNext(FakeHuaweiVpc.DELETE_RULE, Fault.error(500, "VPC.0500", "System error"));
      failures.add(assertThrows(RuntimeException.class, () -> rules.delete(ruleId)));
      failures.add(assertThrows(RuntimeException.class, () -> rules.show("no-such-rule")));
      fake.failNext(FakeHuaweiVpc.LIST_RULES, Fault.connectionReset());
      fake.failNext(FakeHuaweiVpc.LIST_RULES, Fault.connectionReset());
      failures.add(assertThrows(RuntimeException.class, () -> viaProvider.plan(group, desired, PlanMode.ADDITIVE)));
      log = captured.text();
    }

    assertTrue(log.contains("batch-creating 1 rule(s)"), "debug lines were captured:\n" + log);
    CapturedLog.requireNoSecrets(log, failures, SECRETS);
    CapturedLog.requireNoSecrets("ProviderSettings.toString", settings.toString(), SECRETS);
    CapturedLog.requireNoSecrets("StaticCredentials.toString", new StaticCredentials(AK, SK).toString(), SECRETS);
  }
}
