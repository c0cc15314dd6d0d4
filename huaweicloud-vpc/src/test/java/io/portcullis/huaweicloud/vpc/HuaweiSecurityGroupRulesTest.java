package io.portcullis.huaweicloud.vpc;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.portcullis.core.Action;
import io.portcullis.core.Direction;
import io.portcullis.core.DryRunResult;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.PartiallyAppliedException;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.plan.PlanMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HuaweiSecurityGroupRulesTest extends VpcWireMock {
  static final String GROUP = "1c8d9f94-6022-4518-bb98-e0145fcc7b33";
  static final SecurityGroupRef GROUP_REF = SecurityGroupRef.ofId(GROUP);
  static final String BATCH_PATH = "/v3/" + PROJECT + "/vpc/security-groups/" + GROUP
      + "/security-group-rules/batch-create";

  /** The seed's example response. */
  static final String SEED_RESPONSE = """
      {
          "request_id": "1666b2708aaf849337572d6846dce781",
          "security_group_rule": {
              "id": "f626eb24-d8bd-4d26-ae0b-c16bb65730cb",
              "project_id": "060576782980d5762f9ec014dd2f1148",
              "security_group_id": "0552091e-b83a-49dd-88a7-4a5c86fd9ec3",
              "remote_group_id": null,
              "direction": "ingress",
              "protocol": "tcp",
              "description": "security group rule description",
              "created_at": "2020-08-13T07:12:36Z",
              "updated_at": "2020-08-13T07:12:36Z",
              "ethertype": "IPv4",
              "remote_ip_prefix": "10.10.0.0/16",
              "multiport": "33",
              "remote_address_group_id": null,
              "action": "allow",
              "priority": 1
          }
      }""";

  HuaweiSecurityGroupRules rules;

  @BeforeEach
  void service() {
    // One request per call, so each stubbed error is seen once; retries have their own test.
    rules = new HuaweiSecurityGroupRules(client).withThrottlingRetry(ThrottlingRetry.NONE);
  }

  private List<LoggedRequest> requests() {
    return server.findAll(anyRequestedFor(anyUrl()));
  }

  private void assertCreateFails(Class<? extends ProviderException> type, ResponseDefinitionBuilder reply,
      String expectedCode) {
    server.stubFor(post(RULES_PATH).willReturn(reply));
    ProviderException e = assertThrows(ProviderException.class,
        () -> rules.create(GROUP_REF, SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")));
    assertEquals(type, e.getClass());
    assertEquals(Optional.ofNullable(expectedCode), e.errorCode());
    assertEquals(HuaweiCapabilities.PROVIDER, e.provider());
  }

  @Test
  void seedRequestFromTheNeutralRuleAndSeedResponseBackToIt() {
    server.stubFor(post(RULES_PATH).willReturn(json(201, SEED_RESPONSE)));
    SecurityRule rule = SecurityRule.parse(HuaweiRuleTranslatorTest.SEED_RULE);

    List<ProvisionedRule> created = rules.create(GROUP_REF, rule);

    // The seed's request plus ethertype (always sent); the SDK sends priority as a string.
    server.verify(postRequestedFor(urlEqualTo(RULES_PATH)).withRequestBody(equalToJson("""
        {"security_group_rule": {
            "security_group_id": "1c8d9f94-6022-4518-bb98-e0145fcc7b33",
            "direction": "ingress",
            "ethertype": "IPv4",
            "protocol": "tcp",
            "description": "security group rule description",
            "action": "allow",
            "priority": "1",
            "multiport": "33",
            "remote_ip_prefix": "10.10.0.0/16"
        }}""")));
    assertEquals(1, created.size());
    assertEquals(rule, created.get(0).rule());
    assertEquals("f626eb24-d8bd-4d26-ae0b-c16bb65730cb", created.get(0).providerId());
    assertEquals(Optional.of("0552091e-b83a-49dd-88a7-4a5c86fd9ec3"), created.get(0).groupId());
  }

  @Test
  void denyRuleWithPriorityOnTheWire() {
    server.stubFor(post(RULES_PATH).willReturn(json(201, """
        {"security_group_rule": {"id": "r-deny", "security_group_id": "%s", "direction": "egress",
         "protocol": "udp", "ethertype": "IPv6", "remote_ip_prefix": "2001:db8::/32", "multiport": "53,123",
         "action": "deny", "priority": 10, "remote_group_id": null, "remote_address_group_id": null}}
        """.formatted(GROUP))));
    SecurityRule rule = SecurityRule.parse("egress deny udp 53,123 to 2001:db8::/32 priority 10");

    ProvisionedRule created = rules.create(GROUP_REF, rule).get(0);

    server.verify(postRequestedFor(urlEqualTo(RULES_PATH)).withRequestBody(equalToJson("""
        {"security_group_rule": {"security_group_id": "%s", "direction": "egress", "ethertype": "IPv6",
         "protocol": "udp", "multiport": "53,123", "remote_ip_prefix": "2001:db8::/32",
         "action": "deny", "priority": "10"}}""".formatted(GROUP))));
    assertEquals(rule, created.rule());
  }

  private static String ruleJson(String id, String multiport) {
    return """
        {"id": "%s", "security_group_id": "%s", "direction": "ingress", "protocol": "tcp",
         "ethertype": "IPv4", "remote_ip_prefix": "10.0.0.0/8", "multiport": "%s", "action": "allow",
         "priority": 1}""".formatted(id, GROUP, multiport);
  }

  @Test
  void batchCreateSendsOneCallAndReportsIdsPerRule() {
    server.stubFor(post(BATCH_PATH).willReturn(json(201, """
        {"request_id": "req-b", "security_group_rules": [
          {"id": "r-ssh", "security_group_id": "%s", "direction": "ingress", "protocol": "tcp", "ethertype": "IPv4",
           "remote_ip_prefix": "10.0.0.0/8", "multiport": "22", "action": "allow", "priority": 1},
          {"id": "r-addr", "security_group_id": "%s", "direction": "egress", "protocol": null, "ethertype": "IPv6",
           "remote_address_group_id": "ag-6", "action": "deny", "priority": 50}
        ]}""".formatted(GROUP, GROUP))));
    SecurityRule ssh = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");
    SecurityRule toAddressGroup = SecurityRule.parse("egress deny any to address-group ag-6 ipv6 priority 50");

    List<CreatedRules> created = rules.batchCreate(GROUP_REF, List.of(ssh, toAddressGroup));

    server.verify(postRequestedFor(urlEqualTo(BATCH_PATH)).withRequestBody(equalToJson("""
        {"security_group_rules": [
          {"direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "multiport": "22",
           "remote_ip_prefix": "10.0.0.0/8", "action": "allow", "priority": "1"},
          {"direction": "egress", "ethertype": "IPv6", "remote_address_group_id": "ag-6",
           "action": "deny", "priority": "50"}
        ], "ignore_duplicate": false}""")));
    assertEquals(1, requests().size());
    assertEquals(List.of("r-ssh"), created.get(0).ids());
    assertEquals(List.of("r-addr"), created.get(1).ids());
    assertEquals(ssh, created.get(0).requested());
    assertEquals(rules.translator().normalize(ssh), created.get(0).created().get(0).rule());
    assertEquals(toAddressGroup, created.get(1).created().get(0).rule());
  }

  @Test
  void multiportAboveTwentyEntriesIsSplitAndCreatedInOneBatchCall() {
    String ports = IntStream.rangeClosed(1, 25).mapToObj(i -> Integer.toString(i * 100))
        .collect(Collectors.joining(","));
    String first = IntStream.rangeClosed(1, 20).mapToObj(i -> Integer.toString(i * 100))
        .collect(Collectors.joining(","));
    String second = "2100,2200,2300,2400,2500";
    // The reply lists the parts in the other order: they are matched by content.
    server.stubFor(post(BATCH_PATH).willReturn(json(201, "{\"security_group_rules\": [" + ruleJson("r-b", second)
        + "," + ruleJson("r-a", first) + "]}")));
    SecurityRule rule = SecurityRule.parse("ingress allow tcp " + ports + " from 10.0.0.0/8");

    List<ProvisionedRule> created = rules.create(GROUP_REF, rule);

    String item = "{\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"multiport\": \"%s\","
        + " \"remote_ip_prefix\": \"10.0.0.0/8\", \"action\": \"allow\", \"priority\": \"1\"}";
    server.verify(postRequestedFor(urlEqualTo(BATCH_PATH)).withRequestBody(equalToJson(
        "{\"security_group_rules\": [" + item.formatted(first) + "," + item.formatted(second)
            + "], \"ignore_duplicate\": false}")));
    assertEquals(List.of("r-a", "r-b"), created.stream().map(ProvisionedRule::providerId).collect(Collectors.toList()));
    assertEquals(rule.ports(), created.get(0).rule().ports().union(created.get(1).rule().ports()));
  }

  private static List<SecurityRule> manyRules(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> SecurityRule.parse("ingress allow tcp " + i + " from 10.0.0.0/8"))
        .collect(Collectors.toList());
  }

  private static String batchReply(int fromPort, int toPort) {
    return "{\"security_group_rules\": [" + IntStream.rangeClosed(fromPort, toPort)
        .mapToObj(i -> ruleJson("r-" + i, Integer.toString(i))).collect(Collectors.joining(",")) + "]}";
  }

  @Test
  void batchOfMoreThanTwoHundredIsChunkedIntoFewestCalls() {
    server.stubFor(post(BATCH_PATH).withRequestBody(equalToJson("{\"security_group_rules\": [{\"multiport\": \"1\"}]}",
        true, true)).willReturn(json(201, batchReply(1, 200))));
    server.stubFor(post(BATCH_PATH).withRequestBody(equalToJson(
        "{\"security_group_rules\": [{\"multiport\": \"201\"}]}", true, true)).willReturn(json(201, batchReply(201, 250))));

    List<CreatedRules> created = rules.batchCreate(GROUP_REF, manyRules(250));

    List<LoggedRequest> calls = requests();
    assertEquals(2, calls.size());
    assertEquals(List.of(200, 50), calls.stream()
        .map(r -> r.getBodyAsString().split("\"direction\"").length - 1).sorted((a, b) -> b - a)
        .collect(Collectors.toList()));
    assertEquals(250, created.size());
    assertEquals(List.of("r-250"), created.get(249).ids());
  }

  @Test
  void failureOfALaterChunkSaysExactlyWhatWasCreated() {
    server.stubFor(post(BATCH_PATH).withRequestBody(equalToJson("{\"security_group_rules\": [{\"multiport\": \"1\"}]}",
        true, true)).willReturn(json(201, batchReply(1, 200))));
    server.stubFor(post(BATCH_PATH).withRequestBody(equalToJson(
        "{\"security_group_rules\": [{\"multiport\": \"201\"}]}", true, true))
        .willReturn(error(409, "VPC.0602", "Quota exceeded for resources: ['security_group_rule']")));

    // the one partial-failure type every adapter's imperative batch calls throw
    PartialBatchCreateException e = assertInstanceOf(PartialBatchCreateException.class,
        assertThrows(PartiallyAppliedException.class, () -> rules.batchCreate(GROUP_REF, manyRules(210))));

    assertEquals(200, e.created().size());
    assertEquals(manyRules(210).subList(0, 200), e.applied());
    assertEquals(List.of("r-7"), e.created().get(6).ids());
    assertEquals(manyRules(210).subList(200, 210), e.notApplied());
    assertInstanceOf(QuotaExceededException.class, e.getCause());
  }

  @Test
  void aGroupRefWithoutAnIdIsRejectedNamingTheGroupField() {
    SecurityGroupRef byName = SecurityGroupRef.ofName("web");
    SecurityRule rule = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");
    List<Executable> calls = List.of(
        () -> rules.create(byName, rule),
        () -> rules.dryRunCreate(byName, rule),
        () -> rules.batchCreate(byName, List.of(rule)),
        () -> rules.dryRunBatchCreate(byName, List.of(rule)),
        () -> rules.list(byName),
        () -> rules.list(byName, RuleListFilter.none()),
        () -> rules.read(byName, RuleListFilter.none()));
    for (Executable call : calls) {
      InvalidRuleException e = assertThrows(InvalidRuleException.class, call);
      assertEquals("group", e.violations().get(0).field());
    }
    assertEquals(List.of(), requests());
  }

  @Test
  void failureOfTheFirstChunkIsTheTypedError() {
    server.stubFor(post(BATCH_PATH).willReturn(error(409, "VPC.0602", "Security group rule already exists.")));
    DuplicateRuleException e = assertThrows(DuplicateRuleException.class,
        () -> rules.batchCreate(GROUP_REF, manyRules(2)));
    assertEquals(Optional.of("req-409"), e.requestId());
    assertEquals(OptionalInt.of(409), e.httpStatus());
  }

  @Test
  void unsupportedRuleInABatchFailsBeforeAnyCall() {
    List<SecurityRule> batch = new ArrayList<>(manyRules(3));
    batch.add(SecurityRule.parse("ingress allow tcp 443 from pl-0abc123"));
    batch.add(SecurityRule.parse("ingress allow icmp type 8 from 0.0.0.0/0"));
    batch.add(SecurityRule.parse("ingress allow tcp 80 from 0.0.0.0/0 \"<script>\""));

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> rules.batchCreate(GROUP_REF, batch));
    assertEquals(batch.subList(3, 6), e.rejections().stream().map(r -> r.rule()).collect(Collectors.toList()));
    assertThrows(UnsupportedRuleException.class, () -> rules.create(GROUP_REF, batch.get(4)));
    assertThrows(UnsupportedRuleException.class, () -> rules.dryRunCreate(GROUP_REF, batch.get(3)));
    assertEquals(List.of(), requests());
  }

  @Test
  void ruleTagsAreRejectedBeforeAnyCallNamingTheRuleAndTags() {
    SecurityRule tagged = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8").toBuilder()
        .putTags("team", "edge").build();

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class,
        () -> rules.plan(GROUP_REF, List.of(tagged), PlanMode.ADDITIVE));

    assertEquals(List.of(tagged), e.rejections().stream().map(r -> r.rule()).toList());
    assertTrue(e.getMessage().contains("have no rule tags: tags {team=edge} cannot be expressed"), e.getMessage());
    assertEquals(List.of(), requests(), "v3 rules have no tags: never sent and silently dropped");
  }

  @Test
  void dryRunThatPassesIsReportedAsWouldSucceed() {
    server.stubFor(post(RULES_PATH).willReturn(json(202, "{\"request_id\": \"req-dry\"}")));
    SecurityRule rule = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 2");

    DryRunResult result = rules.dryRunCreate(GROUP_REF, rule);

    server.verify(postRequestedFor(urlEqualTo(RULES_PATH)).withRequestBody(equalToJson("""
        {"dry_run": true, "security_group_rule": {"security_group_id": "%s", "direction": "ingress",
         "ethertype": "IPv4", "protocol": "tcp", "multiport": "22", "remote_ip_prefix": "10.0.0.0/8",
         "action": "allow", "priority": "2"}}""".formatted(GROUP))));
    assertEquals(new DryRunResult(HuaweiCapabilities.PROVIDER, "CreateSecurityGroupRule", Optional.of("req-dry")),
        result);
  }

  @Test
  void dryRunAnsweredWithACreateIsNotTakenForAPass() {
    server.stubFor(post(RULES_PATH).willReturn(json(201, SEED_RESPONSE)));
    ProviderException e = assertThrows(ProviderException.class,
        () -> rules.dryRunCreate(GROUP_REF, SecurityRule.parse(HuaweiRuleTranslatorTest.SEED_RULE)));
    assertTrue(e.getMessage().contains("HTTP 201 instead of 202"));
  }

  @Test
  void dryRunThatFailsThrowsTheMappedError() {
    server.stubFor(post(RULES_PATH).willReturn(error(403, "VPC.0010", "Permission denied")));
    UnauthorizedException e = assertThrows(UnauthorizedException.class,
        () -> rules.dryRunCreate(GROUP_REF, SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")));
    assertEquals(Optional.of("VPC.0010"), e.errorCode());
  }

  @Test
  void batchDryRun() {
    server.stubFor(post(BATCH_PATH).willReturn(json(202, "{\"request_id\": \"req-bd\"}")));
    DryRunResult result = rules.dryRunBatchCreate(GROUP_REF, manyRules(2));
    server.verify(postRequestedFor(urlEqualTo(BATCH_PATH)).withRequestBody(
        equalToJson("{\"dry_run\": true, \"ignore_duplicate\": false}", false, true)));
    assertEquals("BatchCreateSecurityGroupRules", result.operation());
    assertEquals(Optional.of("req-bd"), result.requestId());
  }

  @Test
  void listFollowsTheMarkerToTheLastPageWithFilters() {
    server.stubFor(get(urlPathEqualTo(RULES_PATH)).withQueryParam("marker", absent())
        .willReturn(json(200, "{\"security_group_rules\": [" + ruleJson("r-1", "1") + "," + ruleJson("r-2", "2")
            + "], \"page_info\": {\"next_marker\": \"r-2\", \"current_count\": 2}}")));
    server.stubFor(get(urlPathEqualTo(RULES_PATH)).withQueryParam("marker", equalTo("r-2"))
        .willReturn(json(200, "{\"security_group_rules\": [" + ruleJson("r-3", "3")
            + "], \"page_info\": {\"next_marker\": \"r-3\", \"previous_marker\": \"r-3\", \"current_count\": 1}}")));
    server.stubFor(get(urlPathEqualTo(RULES_PATH)).withQueryParam("marker", equalTo("r-3"))
        .willReturn(json(200, "{\"security_group_rules\": [], \"page_info\": {\"current_count\": 0}}")));

    List<ProvisionedRule> listed = rules.list(GROUP_REF, RuleListFilter.builder().direction(Direction.INGRESS)
        .action(Action.ALLOW).addProtocols(Protocol.TCP).addPriorities(1).pageSize(2).build());

    assertEquals(List.of("r-1", "r-2", "r-3"), listed.stream().map(ProvisionedRule::providerId)
        .collect(Collectors.toList()));
    assertEquals(PortSet.single(3), listed.get(2).rule().ports());
    List<LoggedRequest> calls = requests();
    assertEquals(3, calls.size());
    for (LoggedRequest call : calls) {
      assertEquals(List.of(GROUP), call.queryParameter("security_group_id").values());
      assertEquals("ingress", call.queryParameter("direction").firstValue());
      assertEquals("allow", call.queryParameter("action").firstValue());
      assertEquals("tcp", call.queryParameter("protocol").firstValue());
      assertEquals("1", call.queryParameter("priority").firstValue());
      assertEquals("2", call.queryParameter("limit").firstValue());
    }
  }

  @Test
  void listStopsWhenThereIsNoNextMarker() {
    server.stubFor(get(urlPathEqualTo(RULES_PATH)).willReturn(json(200,
        "{\"security_group_rules\": [" + ruleJson("r-1", "1") + "], \"page_info\": {\"current_count\": 1}}")));
    assertEquals(1, rules.list(GROUP_REF).size());
    assertEquals(1, requests().size());
  }

  @Test
  void listOfAMissingGroup() {
    server.stubFor(get(urlPathEqualTo(RULES_PATH)).willReturn(error(404, "VPC.0603", "Security group not found")));
    assertThrows(GroupNotFoundException.class, () -> rules.list(GROUP_REF));
  }

  @Test
  void showReadsTheRule() {
    server.stubFor(get(RULES_PATH + "/f626eb24-d8bd-4d26-ae0b-c16bb65730cb").willReturn(json(200, SEED_RESPONSE)));
    ProvisionedRule shown = rules.show("f626eb24-d8bd-4d26-ae0b-c16bb65730cb");
    assertEquals(SecurityRule.parse(HuaweiRuleTranslatorTest.SEED_RULE), shown.rule());
  }

  @Test
  void showOfAMissingRule() {
    server.stubFor(get(RULES_PATH + "/nope").willReturn(json(404,
        "{\"error\": {\"code\": \"VPC.0502\", \"message\": \"Security group rule nope could not be found.\"}}")));
    RuleNotFoundException e = assertThrows(RuleNotFoundException.class, () -> rules.show("nope"));
    assertEquals(Optional.of("VPC.0502"), e.errorCode());
  }

  @Test
  void deleteSendsOneCallPerRule() {
    server.stubFor(delete(RULES_PATH + "/r-1").willReturn(json(204, "")));
    rules.delete("r-1");
    server.verify(1, deleteRequestedFor(urlEqualTo(RULES_PATH + "/r-1")));
  }

  @Test
  void deleteOfAMissingRule() {
    server.stubFor(delete(RULES_PATH + "/r-gone").willReturn(error(404, "VPC.0502", "not found")));
    assertThrows(RuleNotFoundException.class, () -> rules.delete("r-gone"));
  }

  @Test
  void duplicateAndQuotaShareVpc0602AndAreToldApartByTheMessage() {
    assertCreateFails(DuplicateRuleException.class, error(409, "VPC.0602", "Security group rule already exists."),
        "VPC.0602");
    assertCreateFails(QuotaExceededException.class,
        error(409, "VPC.0602", "Quota exceeded for resources: ['security_group_rule']"), "VPC.0602");
  }

  @Test
  void errorCodesMapToTheCoreTypes() {
    assertCreateFails(QuotaExceededException.class, error(409, "VPC.0604", "Quota exceeded"), "VPC.0604");
    assertCreateFails(GroupNotFoundException.class, error(404, "VPC.0603", "Security group not found"), "VPC.0603");
    assertCreateFails(MalformedRequestException.class, error(400, "VPC.0601", "Invalid parameter"), "VPC.0601");
    assertCreateFails(MalformedRequestException.class, error(400, "VPC.9999", "Bad request"), "VPC.9999");
    assertCreateFails(ThrottledException.class, error(429, "APIGW.0308", "The throttling threshold has been reached"),
        "APIGW.0308");
    assertCreateFails(UnauthorizedException.class, error(401, "APIGW.0301", "Incorrect IAM authentication"),
        "APIGW.0301");
    assertCreateFails(UnauthorizedException.class, error(403, "VPC.2201", "Policy doesn't allow"), "VPC.2201");
    assertCreateFails(ProviderException.class, error(500, "VPC.0500", "System error"), "VPC.0500");
  }

  @Test
  void requestIdComesFromTheHeader() {
    server.stubFor(post(RULES_PATH).willReturn(error(400, "VPC.0601", "Invalid protocol")));
    MalformedRequestException e = assertThrows(MalformedRequestException.class,
        () -> rules.create(GROUP_REF, SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")));
    assertEquals(Optional.of("req-400"), e.requestId());
    assertEquals("Invalid protocol", e.error().message());
  }
}
