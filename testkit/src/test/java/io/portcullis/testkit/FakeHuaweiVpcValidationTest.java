package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule checks of {@link FakeHuaweiVpc}, through its seeding API and through raw HTTP. */
class FakeHuaweiVpcValidationTest {
  private FakeHuaweiVpc vpc;
  private String group;

  @BeforeEach
  void start() {
    vpc = new FakeHuaweiVpc();
    group = vpc.createSecurityGroup("checked", false);
  }

  @AfterEach
  void stop() {
    vpc.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"direction\":\"inbound\"}",
      "{\"direction\":\"ingress\",\"ethertype\":\"ipv4\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"sctp\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"256\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"icmp\",\"ethertype\":\"IPv6\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"icmpv6\"}",
      "{\"direction\":\"ingress\",\"multiport\":\"22\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"icmp\",\"multiport\":\"22\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"0\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"65536\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"30-1\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"22, 80\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"20-30,25\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21\"}",
      "{\"direction\":\"ingress\",\"remote_ip_prefix\":\"10.0.0.0/8\",\"remote_group_id\":\"x\"}",
      "{\"direction\":\"ingress\",\"remote_ip_prefix\":\"10.0.0.0/8\",\"remote_address_group_id\":\"x\"}",
      "{\"direction\":\"ingress\",\"remote_ip_prefix\":\"::/0\"}",
      "{\"direction\":\"ingress\",\"ethertype\":\"IPv6\",\"remote_ip_prefix\":\"0.0.0.0/0\"}",
      "{\"direction\":\"ingress\",\"remote_ip_prefix\":\"10.0.0.1/8\"}",
      "{\"direction\":\"ingress\",\"remote_ip_prefix\":\"not-an-ip\"}",
      "{\"direction\":\"ingress\",\"action\":\"reject\"}",
      "{\"direction\":\"ingress\",\"priority\":\"0\"}",
      "{\"direction\":\"ingress\",\"priority\":101}",
      "{\"direction\":\"ingress\",\"priority\":\"high\"}",
      "{\"direction\":\"ingress\",\"description\":\"<script>\"}",
      "{\"direction\":\"ingress\",\"enabled\":false}",
      "not json",
  })
  void rulesTheApiRefusesAreRefused(String option) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vpc.addRule(group, option));

    assertTrue(e.getMessage().startsWith("VPC.0601: "), e.getMessage());
    assertEquals(0, vpc.rules(group).size());
  }

  @Test
  void aLongDescriptionIsRefusedAndOneOf255IsNot() {
    String longest = "d".repeat(255);

    assertThrows(IllegalArgumentException.class, () -> vpc.addRule(group,
        "{\"direction\":\"ingress\",\"description\":\"" + longest + "d\"}"));
    assertEquals(longest,
        vpc.addRule(group, "{\"direction\":\"ingress\",\"description\":\"" + longest + "\"}").description());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"22,3389,80\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"udp\",\"multiport\":\"1-65535\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20\"}",
      "{\"direction\":\"egress\",\"protocol\":\"icmpv6\",\"ethertype\":\"IPv6\",\"remote_ip_prefix\":\"2001:db8::/32\"}",
      "{\"direction\":\"egress\",\"protocol\":\"47\",\"action\":\"deny\",\"priority\":\"100\"}",
      "{\"direction\":\"ingress\",\"protocol\":\"\",\"multiport\":\"\",\"remote_ip_prefix\":null}",
  })
  void rulesTheApiTakesAreTaken(String option) {
    vpc.addRule(group, option);

    assertEquals(1, vpc.rules(group).size());
  }

  @Test
  void anAddressIsStoredAsItsSingleAddressBlock() {
    FakeHuaweiVpcRule rule = vpc.addRule(group, "{\"direction\":\"ingress\",\"remote_ip_prefix\":\"203.0.113.7\"}");

    assertEquals(Optional.of("203.0.113.7/32"), rule.remoteIpPrefix());
  }

  @Test
  void allPortsSpelledOutIsTheSameRuleAsNoPorts() {
    vpc.addRule(group, "{\"direction\":\"ingress\",\"protocol\":\"tcp\"}");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> vpc.addRule(group, "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"1-65535\"}"));

    assertEquals("VPC.0602: Security group rule already exists.", e.getMessage());
  }

  @Test
  void theSeedExampleBodyIsTakenVerbatimWithItsNumericPriority() throws Exception {
    String body = """
        {
            "security_group_rule": {
                "security_group_id": "%s",
                "direction": "ingress",
                "protocol": "tcp",
                "description": "security group rule description",
                "action": "allow",
                "priority": 1,
                "multiport": "33",
                "remote_ip_prefix": "10.10.0.0/16"
            }
        }
        """.formatted(group);
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(vpc.endpoint() + "/v3/" + vpc.projectId() + "/vpc/security-group-rules"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(201, response.statusCode(), response.body());
    JsonNode rule = new ObjectMapper().readTree(response.body()).get("security_group_rule");
    FakeHuaweiVpcRule stored = vpc.rules(group).get(0);
    assertEquals(stored.id(), rule.get("id").asText());
    assertTrue(rule.get("priority").isInt(), "priority is an integer in replies");
    assertTrue(rule.get("remote_group_id").isNull());
    assertTrue(rule.get("remote_address_group_id").isNull());
    assertEquals(List.of("id", "project_id", "security_group_id", "remote_group_id", "direction", "protocol",
        "description", "created_at", "updated_at", "ethertype", "remote_ip_prefix", "multiport",
        "remote_address_group_id", "action", "priority"), fieldNames(rule), "the fields of the seed's reply");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
