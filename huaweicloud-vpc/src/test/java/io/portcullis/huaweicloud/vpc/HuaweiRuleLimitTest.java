package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.Finding;
import io.portcullis.core.analysis.QuotaExceededPlanException;
import io.portcullis.core.analysis.QuotaUsage;
import io.portcullis.core.analysis.RuleLinter;
import io.portcullis.core.analysis.Severity;
import io.portcullis.testkit.FakeHuaweiVpc;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 128 rules per direction and family with a group or address-group remote or non-contiguous ports: checked
 * before apply as a quota, and linted.
 */
class HuaweiRuleLimitTest {
  private FakeHuaweiVpc fake;
  private HuaweiSecurityGroupRules rules;

  @BeforeEach
  void start() {
    fake = new FakeHuaweiVpc();
    rules = new HuaweiSecurityGroupRules(VpcClient.newBuilder()
        .withCredential(new BasicCredentials().withAk("AK").withSk("SK").withProjectId(fake.projectId()))
        .withEndpoints(List.of(fake.endpoint().toString())).build()).withRuleQuota(1000);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** {@code limited} ingress IPv4 rules of the limited kind (port lists), then {@code plain} single ports. */
  private static List<SecurityRule> ingress(int limited, int plain) {
    List<SecurityRule> out = new ArrayList<>();
    IntStream.rangeClosed(1, limited).forEach(i ->
        out.add(SecurityRule.parse("ingress allow tcp " + (2 * i) + "," + (2 * i + 1000) + " from 10.0.0.0/8")));
    IntStream.rangeClosed(1, plain)
        .forEach(i -> out.add(SecurityRule.parse("ingress allow tcp " + i + " from 10.1.0.0/16")));
    return out;
  }

  @Test
  void theLimitedKindIsGroupsAddressGroupsAndPortLists() {
    assertTrue(HuaweiRuleLimit.isLimited(SecurityRule.parse("ingress allow tcp 22 from group 1c8d2e1a")));
    assertTrue(HuaweiRuleLimit.isLimited(SecurityRule.parse("ingress allow tcp 22 from address-group ag-1")));
    assertTrue(HuaweiRuleLimit.isLimited(SecurityRule.parse("ingress allow tcp 22,80 from 10.0.0.0/8")));
    assertFalse(HuaweiRuleLimit.isLimited(SecurityRule.parse("ingress allow tcp 8000-8080 from 10.0.0.0/8")));
    assertFalse(HuaweiRuleLimit.isLimited(SecurityRule.parse("ingress allow any from ::/0")));
  }

  @Test
  void moreThan128IsAQuotaErrorBeforeAnyCallNamingTheKind() {
    List<SecurityRule> atLimit = ingress(128, 50);
    rules.quota().orElseThrow().requireWithinQuota(atLimit);

    QuotaExceededPlanException e = assertThrows(QuotaExceededPlanException.class,
        () -> rules.quota().orElseThrow().requireWithinQuota(ingress(129, 0)));

    List<QuotaUsage> exceeded = e.report().exceeded();
    assertEquals(1, exceeded.size());
    assertEquals(129, exceeded.get(0).count());
    assertEquals(HuaweiRuleLimit.MAX_LIMITED_RULES, exceeded.get(0).limit());
    assertEquals("ingress ipv4 rules " + HuaweiRuleLimit.KIND, exceeded.get(0).scope().toString());
    assertTrue(e.getMessage().contains(HuaweiRuleLimit.KIND), e.getMessage());
    assertEquals(0, fake.calls().size());
  }

  @Test
  void theLintCheckReportsEachRuleBeyondTheLimitPerDirectionAndFamily() {
    List<SecurityRule> given = new ArrayList<>(ingress(130, 5));
    given.add(SecurityRule.parse("egress allow tcp 22,80 to ::/0"));
    RuleLinter linter = RuleLinter.builder().target(HuaweiCapabilities.CAPABILITIES).add(new HuaweiRuleLimitCheck())
        .build();

    List<Finding> findings = linter.lint(given).stream().filter(f -> f.id().equals(HuaweiRuleLimitCheck.ID)).toList();

    assertEquals(List.of(given.get(128).toText(), given.get(129).toText()),
        findings.stream().map(Finding::rule).toList());
    assertEquals(Severity.MEDIUM, findings.get(0).severity());
    assertTrue(findings.get(0).message().contains("makes 129"), findings.get(0).message());
  }

  @Test
  void aRuleQuotaBelowOneIsRefusedNamingTheSetting() {
    for (int bad : new int[] {0, -5}) {
      InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> rules.withRuleQuota(bad));
      assertEquals("ruleQuota", e.violation().field());
      assertEquals(Integer.toString(bad), e.violation().value());
    }
  }
}
