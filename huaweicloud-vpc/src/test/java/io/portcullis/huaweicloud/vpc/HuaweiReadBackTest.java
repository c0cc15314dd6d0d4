package io.portcullis.huaweicloud.vpc;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.Direction;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One rule the model does not accept (a stored remote_ip_prefix with host bits, a description with a line break)
 * no longer fails the whole list or plan: it is an {@link OpaqueRule}, kept or deleted by id. Real VpcClient
 * against WireMock.
 */
class HuaweiReadBackTest extends VpcWireMock {
  private static final String GROUP = "1c8d9f94-6022-4518-bb98-e0145fcc7b33";
  private static final String LIST = """
      {"security_group_rules": [
        {"id": "r-ok", "security_group_id": "%1$s", "direction": "ingress", "protocol": "tcp", "ethertype": "IPv4",
         "remote_ip_prefix": "10.0.0.0/8", "multiport": "22", "action": "allow", "priority": 1},
        {"id": "r-hostbits", "security_group_id": "%1$s", "direction": "ingress", "protocol": "tcp",
         "ethertype": "IPv4", "remote_ip_prefix": "10.0.0.1/8", "multiport": "443", "action": "allow", "priority": 1},
        {"id": "r-newline", "security_group_id": "%1$s", "direction": "egress", "protocol": "udp",
         "ethertype": "IPv4", "remote_ip_prefix": "0.0.0.0/0", "multiport": "53", "action": "allow", "priority": 1,
         "description": "two\\nlines"}
      ], "page_info": {"current_count": 3}}""".formatted(GROUP);

  private HuaweiSecurityGroupRules rules;

  @BeforeEach
  void service() {
    rules = new HuaweiSecurityGroupRules(client).withThrottlingRetry(ThrottlingRetry.NONE);
    server.stubFor(get(urlPathEqualTo(RULES_PATH)).willReturn(json(200, LIST)));
  }

  @Test
  void listAndReadKeepGoingPastRulesTheModelCannotRepresent() {
    RuleListing listing = rules.read(SecurityGroupRef.ofId(GROUP));

    assertEquals(List.of("r-ok: ingress allow tcp 22 from 10.0.0.0/8 priority 1"),
        listing.rules().stream().map(ProvisionedRule::toString).toList());
    assertEquals(List.of("r-hostbits", "r-newline"), listing.opaque().stream().map(OpaqueRule::providerId).toList());
    assertEquals(List.of(Direction.INGRESS, Direction.EGRESS),
        listing.opaque().stream().map(o -> o.direction().orElseThrow()).toList());
    assertTrue(listing.opaque().get(0).reason().contains("did you mean 10.0.0.0/8"), listing.opaque().get(0).reason());
    assertTrue(listing.opaque().get(0).raw().contains("remoteIpPrefix: 10.0.0.1/8"), listing.opaque().get(0).raw());
    assertTrue(listing.opaque().get(1).reason().contains("control characters"), listing.opaque().get(1).reason());
    assertEquals(listing.rules(), rules.list(SecurityGroupRef.ofId(GROUP)));
  }

  @Test
  void anAdditivePlanKeepsThemAndAnAuthoritativeOneDeletesThemById() {
    SecurityRule ssh = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");
    SecurityGroupRef group = SecurityGroupRef.ofId(GROUP);

    RulePlan additive = rules.plan(group, List.of(ssh), PlanMode.ADDITIVE);
    assertFalse(additive.hasChanges());
    assertEquals(2, additive.opaqueKept().size());

    RulePlan authoritative = rules.plan(group, List.of(ssh), PlanMode.AUTHORITATIVE);
    assertTrue(authoritative.render().contains("  - r-hostbits: [not representable] "), authoritative.render());
    assertTrue(authoritative.summary().contains("2 to delete (2 not representable)"), authoritative.summary());

    server.stubFor(delete(RULES_PATH + "/r-hostbits").willReturn(json(204, "")));
    server.stubFor(delete(RULES_PATH + "/r-newline").willReturn(json(204, "")));
    rules.apply(group, authoritative);

    server.verify(1, deleteRequestedFor(urlEqualTo(RULES_PATH + "/r-hostbits")));
    server.verify(1, deleteRequestedFor(urlEqualTo(RULES_PATH + "/r-newline")));
  }
}
