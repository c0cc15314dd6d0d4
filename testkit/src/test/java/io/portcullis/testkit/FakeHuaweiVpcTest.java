package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.exception.ConnectionException;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import com.huaweicloud.sdk.vpc.v3.model.AddressGroup;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesOption;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesRequest;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesResponse;
import com.huaweicloud.sdk.vpc.v3.model.CreateAddressGroupOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateAddressGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateAddressGroupRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleResponse;
import com.huaweicloud.sdk.vpc.v3.model.DeleteAddressGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.DeleteSecurityGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.DeleteSecurityGroupRuleRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListAddressGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupRulesRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupRulesResponse;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupInfo;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import com.huaweicloud.sdk.vpc.v3.model.ShowAddressGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.ShowSecurityGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.ShowSecurityGroupRuleRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Drives the real Huawei VPC v3 SDK client against {@link FakeHuaweiVpc}. */
class FakeHuaweiVpcTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeHuaweiVpc vpc;
  private VpcClient client;

  @BeforeEach
  void start() {
    vpc = new FakeHuaweiVpc();
    client = client(vpc.projectId());
  }

  @AfterEach
  void stop() {
    vpc.close();
  }

  private VpcClient client(String projectId) {
    return VpcClient.newBuilder()
        .withHttpConfig(HttpConfig.getDefaultHttpConfig().withIgnoreSSLVerification(true))
        .withCredential(new BasicCredentials().withAk("AKFAKE").withSk("SKFAKE").withProjectId(projectId))
        .withEndpoints(List.of(vpc.endpoint().toString()))
        .build();
  }

  private CreateSecurityGroupRuleResponse create(CreateSecurityGroupRuleOption option) {
    return client.createSecurityGroupRule(new CreateSecurityGroupRuleRequest()
        .withBody(new CreateSecurityGroupRuleRequestBody().withSecurityGroupRule(option)));
  }

  private static CreateSecurityGroupRuleOption tcp(String group, String ports, String cidr) {
    return new CreateSecurityGroupRuleOption().withSecurityGroupId(group).withDirection("ingress")
        .withProtocol("tcp").withMultiport(ports).withRemoteIpPrefix(cidr).withAction("allow").withPriority("1");
  }

  private static BatchCreateSecurityGroupRulesOption batchTcp(String ports, String description) {
    return new BatchCreateSecurityGroupRulesOption().withDirection("ingress").withProtocol("tcp")
        .withMultiport(ports).withRemoteIpPrefix("10.0.0.0/8").withAction("allow").withPriority("1")
        .withDescription(description);
  }

  private BatchCreateSecurityGroupRulesResponse batch(String group, Boolean ignoreDuplicate, Boolean dryRun,
      BatchCreateSecurityGroupRulesOption... rules) {
    return client.batchCreateSecurityGroupRules(new BatchCreateSecurityGroupRulesRequest().withSecurityGroupId(group)
        .withBody(new BatchCreateSecurityGroupRulesRequestBody().withSecurityGroupRules(List.of(rules))
            .withIgnoreDuplicate(ignoreDuplicate).withDryRun(dryRun)));
  }

  private static ServiceResponseException fails(int status, String code, Executable call) {
    ServiceResponseException e = assertThrows(ServiceResponseException.class, call);
    assertEquals(status, e.getHttpStatusCode(), e.toString());
    assertEquals(code, e.getErrorCode(), e.toString());
    assertNotNull(e.getRequestId(), "the SDK reads the request id from X-Request-Id");
    return e;
  }

  private JsonNode lastRequestBody() throws Exception {
    List<RecordedCall> calls = vpc.calls();
    return JSON.readTree(calls.get(calls.size() - 1).request().body());
  }

  private static <T> List<String> ids(List<T> items, Function<T, String> id) {
    return items.stream().map(id).toList();
  }

  @Test
  void theSeedExampleRequestCreatesTheSeedExampleRule() throws Exception {
    String group = vpc.createSecurityGroup("seed", false);

    CreateSecurityGroupRuleResponse response = create(new CreateSecurityGroupRuleOption()
        .withSecurityGroupId(group).withDirection("ingress").withProtocol("tcp")
        .withDescription("security group rule description").withAction("allow").withPriority("1")
        .withMultiport("33").withRemoteIpPrefix("10.10.0.0/16"));

    assertEquals(201, response.getHttpStatusCode());
    assertNotNull(response.getRequestId());
    SecurityGroupRule rule = response.getSecurityGroupRule();
    assertEquals(FakeHuaweiVpc.DEFAULT_PROJECT_ID, rule.getProjectId());
    assertEquals("060576782980d5762f9ec014dd2f1148", rule.getProjectId());
    assertEquals(group, rule.getSecurityGroupId());
    assertNull(rule.getRemoteGroupId());
    assertEquals("ingress", rule.getDirection());
    assertEquals("tcp", rule.getProtocol());
    assertEquals("security group rule description", rule.getDescription());
    assertEquals("IPv4", rule.getEthertype(), "IPv4 is the default ethertype");
    assertEquals("10.10.0.0/16", rule.getRemoteIpPrefix());
    assertEquals("33", rule.getMultiport());
    assertNull(rule.getRemoteAddressGroupId());
    assertEquals("allow", rule.getAction());
    assertEquals(1, rule.getPriority());
    assertNotNull(rule.getCreatedAt());
    assertEquals(rule.getCreatedAt(), rule.getUpdatedAt());
    // The SDK sends priority as a string; the reply carries an integer.
    assertEquals("1", lastRequestBody().at("/security_group_rule/priority").textValue());

    SecurityGroupRule shown = client.showSecurityGroupRule(
        new ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(rule.getId())).getSecurityGroupRule();
    assertEquals(rule, shown);
    assertEquals(List.of(rule.getId()), ids(vpc.rules(group), FakeHuaweiVpcRule::id));
  }

  @Test
  void defaultsApplyWhenActionPriorityAndRemoteAreLeftOut() {
    String group = vpc.createSecurityGroup("defaults", false);

    SecurityGroupRule rule = create(new CreateSecurityGroupRuleOption().withSecurityGroupId(group)
        .withDirection("egress").withEthertype("IPv6")).getSecurityGroupRule();

    assertEquals("allow", rule.getAction());
    assertEquals(1, rule.getPriority());
    assertEquals("IPv6", rule.getEthertype());
    assertNull(rule.getProtocol());
    assertNull(rule.getMultiport());
    assertNull(rule.getRemoteIpPrefix());
    assertEquals("", rule.getDescription());
  }

  @Test
  void aNewGroupHasTheFourDefaultRules() {
    SecurityGroupInfo group = client.createSecurityGroup(new CreateSecurityGroupRequest()
        .withBody(new CreateSecurityGroupRequestBody().withSecurityGroup(new CreateSecurityGroupOption()
            .withName("web")))).getSecurityGroup();

    assertEquals("web", group.getName());
    Set<String> expected = Set.of("egress IPv4 null", "egress IPv6 null",
        "ingress IPv4 " + group.getId(), "ingress IPv6 " + group.getId());
    Function<SecurityGroupRule, String> shape =
        r -> r.getDirection() + " " + r.getEthertype() + " " + r.getRemoteGroupId();
    assertEquals(expected, group.getSecurityGroupRules().stream().map(shape).collect(Collectors.toSet()));
    for (SecurityGroupRule rule : group.getSecurityGroupRules()) {
      assertEquals(100, rule.getPriority());
      assertEquals("allow", rule.getAction());
      assertNull(rule.getRemoteIpPrefix(), "default rules have no remote_ip_prefix, not 0.0.0.0/0");
      assertNull(rule.getProtocol());
    }
    assertEquals(4, vpc.rules(group.getId()).size());
    assertEquals(group.getSecurityGroupRules(), client.showSecurityGroup(
        new ShowSecurityGroupRequest().withSecurityGroupId(group.getId())).getSecurityGroup().getSecurityGroupRules());
    assertEquals(0, vpc.rules(vpc.createSecurityGroup("bare", false)).size());
  }

  @Test
  void aDuplicateFailsTheWholeBatchUnlessDuplicatesAreIgnored() {
    String group = vpc.createSecurityGroup("batch", false);
    FakeHuaweiVpcRule existing = vpc.addRule(group,
        "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"22,80\",\"remote_ip_prefix\":\"10.0.0.0/8\"}");

    ServiceResponseException e = fails(409, "VPC.0602",
        () -> batch(group, null, null, batchTcp("443", "new"), batchTcp("80,22", "same ports, other order")));
    assertEquals("Security group rule already exists.", e.getErrorMsg());
    assertEquals(List.of(existing), vpc.rules(group), "nothing of a failed batch is created");

    fails(409, "VPC.0602", () -> batch(group, false, null, batchTcp("443", "a"), batchTcp("443", "b")));
    assertEquals(1, vpc.rules(group).size(), "a rule repeated in one request is a duplicate too");

    BatchCreateSecurityGroupRulesResponse response = batch(group, true, null,
        batchTcp("443", "new"), batchTcp("80,22", "exists"), batchTcp("443", "repeated"), batchTcp("8080", "new"));

    assertEquals(201, response.getHttpStatusCode());
    assertEquals(List.of("443", "8080"), ids(response.getSecurityGroupRules(), SecurityGroupRule::getMultiport),
        "the reply holds the rules created by this call");
    assertEquals(List.of("22,80", "443", "8080"), ids(vpc.rules(group), r -> r.multiport().orElseThrow()));
    assertEquals(ids(response.getSecurityGroupRules(), SecurityGroupRule::getId),
        ids(vpc.rules(group).subList(1, 3), FakeHuaweiVpcRule::id));
  }

  @Test
  void aDuplicateCreateIsA409WithTheRequestId() throws Exception {
    String group = vpc.createSecurityGroup("dup", false);
    create(tcp(group, "22", "10.0.0.0/8").withDescription("first"));

    ServiceResponseException e = fails(409, "VPC.0602",
        () -> create(tcp(group, "22", "10.0.0.0/8").withDescription("descriptions do not count")));

    assertInstanceOf(ClientRequestException.class, e);
    assertEquals("Security group rule already exists.", e.getErrorMsg());
    assertEquals(1, vpc.rules(group).size());
    // Other priority, action or remote: another rule.
    create(tcp(group, "22", "10.0.0.0/8").withPriority("2"));
    create(tcp(group, "22", "10.0.0.0/8").withAction("deny"));
    create(tcp(group, "22", "10.1.0.0/16"));
    assertEquals(4, vpc.rules(group).size());
  }

  @Test
  void theRuleQuotaIsPerGroupAndAllOrNothing() {
    vpc.setRuleQuota(3);
    String group = vpc.createSecurityGroup("quota", false);
    String other = vpc.createSecurityGroup("other", false);
    create(tcp(group, "1", null));
    create(tcp(group, "2", null));

    ServiceResponseException e =
        fails(409, "VPC.0602", () -> batch(group, null, null, batchTcp("3", ""), batchTcp("4", "")));
    assertEquals("Quota exceeded for resources: ['security_group_rule']", e.getErrorMsg());
    assertEquals(2, vpc.rules(group).size());

    create(tcp(group, "3", null));
    fails(409, "VPC.0602", () -> create(tcp(group, "4", null)));
    assertEquals(3, vpc.rules(group).size());
    // Skipped duplicates do not count against the quota.
    batch(group, true, null, new BatchCreateSecurityGroupRulesOption().withDirection("ingress")
        .withProtocol("tcp").withMultiport("1").withAction("allow").withPriority("1"));
    create(tcp(other, "4", null));
    assertEquals(1, vpc.rules(other).size());
  }

  @Test
  void listingPagesWithTheLastRuleIdAsMarker() {
    String group = vpc.createSecurityGroup("paged", false);
    List<String> created = new ArrayList<>();
    for (int port = 1; port <= 7; port++) {
      created.add(vpc.addRule(group, "{\"direction\":\"ingress\",\"protocol\":\"udp\",\"multiport\":\"" + port
          + "\"}").id());
    }

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String marker = null;
    do {
      ListSecurityGroupRulesResponse page = client.listSecurityGroupRules(new ListSecurityGroupRulesRequest()
          .withLimit(3).withMarker(marker).withSecurityGroupId(List.of(group)));
      List<String> pageIds = ids(page.getSecurityGroupRules(), SecurityGroupRule::getId);
      assertEquals(pageIds.size(), page.getPageInfo().getCurrentCount());
      assertEquals(pageIds.get(0), page.getPageInfo().getPreviousMarker());
      seen.addAll(pageIds);
      pageSizes.add(pageIds.size());
      marker = page.getPageInfo().getNextMarker();
      if (marker != null) {
        assertEquals(pageIds.get(pageIds.size() - 1), marker);
      }
    } while (marker != null);

    assertEquals(created, seen);
    assertEquals(List.of(3, 3, 1), pageSizes);
    assertEquals(3, vpc.calls().stream().filter(c -> c.operation().equals(FakeHuaweiVpc.LIST_RULES)).count());
    assertEquals(7, client.listSecurityGroupRules(new ListSecurityGroupRulesRequest()
        .withSecurityGroupId(List.of(group))).getSecurityGroupRules().size(), "no limit: everything fits one page");
    fails(400, "VPC.0601", () -> client.listSecurityGroupRules(new ListSecurityGroupRulesRequest().withLimit(2001)));
    fails(400, "VPC.0601", () -> client.listSecurityGroupRules(new ListSecurityGroupRulesRequest()
        .withMarker("no-such-rule")));
  }

  @Test
  void listFiltersMatchAnyOfTheirValuesAndAllTogether() {
    String web = vpc.createSecurityGroup("web", false);
    String db = vpc.createSecurityGroup("db", false);
    String other = vpc.createSecurityGroup("other", false);
    String ssh = vpc.addRule(web, "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"22\"}").id();
    String deny = vpc.addRule(web,
        "{\"direction\":\"ingress\",\"protocol\":\"udp\",\"action\":\"deny\",\"priority\":5}").id();
    String out = vpc.addRule(db, "{\"direction\":\"egress\",\"protocol\":\"icmp\",\"description\":\"ping\"}").id();
    vpc.addRule(other, "{\"direction\":\"ingress\",\"protocol\":\"tcp\"}");

    Function<ListSecurityGroupRulesRequest, List<String>> list =
        request -> ids(client.listSecurityGroupRules(request).getSecurityGroupRules(), SecurityGroupRule::getId);

    assertEquals(List.of(ssh, deny, out),
        list.apply(new ListSecurityGroupRulesRequest().withSecurityGroupId(List.of(web, db))));
    assertEquals(List.of(ssh, deny), list.apply(new ListSecurityGroupRulesRequest()
        .withSecurityGroupId(List.of(web, db)).withDirection("ingress")));
    assertEquals(List.of(deny, out), list.apply(new ListSecurityGroupRulesRequest()
        .withSecurityGroupId(List.of(web, db)).withProtocol(List.of("udp", "icmp"))));
    assertEquals(List.of(deny), list.apply(new ListSecurityGroupRulesRequest().withAction("deny")));
    assertEquals(List.of(deny), list.apply(new ListSecurityGroupRulesRequest().withPriority(List.of(5))));
    assertEquals(List.of(out), list.apply(new ListSecurityGroupRulesRequest().withDescription(List.of("ping"))));
    assertEquals(List.of(ssh, out), list.apply(new ListSecurityGroupRulesRequest().withId(List.of(out, ssh))));
    assertEquals(List.of(), list.apply(new ListSecurityGroupRulesRequest().withId(List.of(out)).withAction("deny")));
  }

  @Test
  void showAndDeleteAnswer404ForAnUnknownRule() {
    String group = vpc.createSecurityGroup("gone", false);
    String id = create(tcp(group, "22", null)).getSecurityGroupRule().getId();

    assertEquals(204, client.deleteSecurityGroupRule(
        new DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId(id)).getHttpStatusCode());

    assertTrue(vpc.rule(id).isEmpty());
    fails(404, "VPC.0605",
        () -> client.showSecurityGroupRule(new ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(id)));
    fails(404, "VPC.0605",
        () -> client.deleteSecurityGroupRule(new DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId(id)));
  }

  @Test
  void anUnknownGroupIs404() {
    fails(404, "VPC.0603", () -> create(tcp("no-such-group", "22", null)));
    fails(404, "VPC.0603", () -> batch("no-such-group", null, null, batchTcp("22", "")));
    String group = vpc.createSecurityGroup("g", false);
    fails(404, "VPC.0603", () -> create(tcp(group, null, null).withRemoteGroupId("no-such-group")));
    assertEquals(0, vpc.rules(group).size());
  }

  @Test
  void anInvalidRuleIs400() {
    String group = vpc.createSecurityGroup("bad", false);

    ServiceResponseException e = fails(400, "VPC.0601",
        () -> create(tcp(group, "22", "2001:db8::/32")));

    assertTrue(e.getErrorMsg().contains("remote_ip_prefix"), e.getErrorMsg());
    fails(400, "VPC.0601", () -> create(tcp(group, "22", null).withPriority("101")));
    fails(400, "VPC.0601", () -> create(tcp(group, "22", null).withEnabled(false)));
    assertEquals(0, vpc.rules(group).size());
  }

  @Test
  void aDryRunValidatesAnswers202AndChangesNothing() {
    String group = vpc.createSecurityGroup("dry", false);

    CreateSecurityGroupRuleResponse response = client.createSecurityGroupRule(new CreateSecurityGroupRuleRequest()
        .withBody(new CreateSecurityGroupRuleRequestBody().withDryRun(true)
            .withSecurityGroupRule(tcp(group, "22", "10.0.0.0/8"))));
    BatchCreateSecurityGroupRulesResponse batchResponse = batch(group, null, true, batchTcp("22", ""));

    assertEquals(202, response.getHttpStatusCode());
    assertNull(response.getSecurityGroupRule());
    assertEquals(202, batchResponse.getHttpStatusCode());
    assertEquals(0, vpc.rules(group).size());
    fails(400, "VPC.0601", () -> client.createSecurityGroupRule(new CreateSecurityGroupRuleRequest()
        .withBody(new CreateSecurityGroupRuleRequestBody().withDryRun(true)
            .withSecurityGroupRule(tcp(group, "0", null)))));
    assertEquals(3, vpc.mutatingCallCount(), "dry runs count as mutating calls");
  }

  @Test
  void addressGroupsCanBeCreatedListedReferencedAndDeleted() {
    AddressGroup created = client.createAddressGroup(new CreateAddressGroupRequest()
        .withBody(new CreateAddressGroupRequestBody().withAddressGroup(new CreateAddressGroupOption()
            .withName("office").withIpVersion(4).withDescription("branch offices")
            .withIpSet(List.of("192.168.5.0/24", "192.168.3.20-192.168.3.100", "192.168.3.2")))))
        .getAddressGroup();
    String v6 = vpc.createAddressGroup("office-v6", 6, List.of("2001:db8::/32"));

    assertEquals(4, created.getIpVersion());
    assertEquals(20, created.getMaxCapacity());
    assertEquals(vpc.projectId(), created.getTenantId());
    assertEquals(created, client.showAddressGroup(
        new ShowAddressGroupRequest().withAddressGroupId(created.getId())).getAddressGroup());
    assertEquals(List.of(created.getId(), v6), ids(client.listAddressGroup(new ListAddressGroupRequest())
        .getAddressGroups(), AddressGroup::getId));
    assertEquals(List.of(v6), ids(client.listAddressGroup(new ListAddressGroupRequest()
        .withName(List.of("office-v6"))).getAddressGroups(), AddressGroup::getId));
    assertEquals(List.of(v6), ids(client.listAddressGroup(new ListAddressGroupRequest().withIpVersion(6))
        .getAddressGroups(), AddressGroup::getId));

    String group = vpc.createSecurityGroup("uses-address-group", false);
    String rule = create(tcp(group, "443", null).withRemoteAddressGroupId(created.getId()))
        .getSecurityGroupRule().getId();
    fails(400, "VPC.0601", () -> create(tcp(group, "443", null).withEthertype("IPv6")
        .withRemoteAddressGroupId(created.getId())));
    fails(409, "VPC.0602",
        () -> client.deleteAddressGroup(new DeleteAddressGroupRequest().withAddressGroupId(created.getId())));

    client.deleteSecurityGroupRule(new DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId(rule));
    assertEquals(204, client.deleteAddressGroup(
        new DeleteAddressGroupRequest().withAddressGroupId(created.getId())).getHttpStatusCode());
    assertTrue(vpc.addressGroup(created.getId()).isEmpty());
    fails(404, "VPC.1201",
        () -> client.showAddressGroup(new ShowAddressGroupRequest().withAddressGroupId(created.getId())));
    fails(400, "VPC.0601", () -> client.createAddressGroup(new CreateAddressGroupRequest()
        .withBody(new CreateAddressGroupRequestBody().withAddressGroup(new CreateAddressGroupOption()
            .withName("mixed").withIpVersion(6).withIpSet(List.of("10.0.0.0/8"))))));
  }

  @Test
  void aGroupInUseByAnotherGroupsRuleCannotBeDeleted() {
    String web = vpc.createSecurityGroup("web");
    String db = vpc.createSecurityGroup("db", false);
    String fromWeb = vpc.addRule(db, "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"multiport\":\"5432\","
        + "\"remote_group_id\":\"" + web + "\"}").id();

    fails(409, "VPC.0602", () -> client.deleteSecurityGroup(new DeleteSecurityGroupRequest().withSecurityGroupId(web)));

    vpc.removeRule(fromWeb);
    client.deleteSecurityGroup(new DeleteSecurityGroupRequest().withSecurityGroupId(web));
    assertFalse(vpc.hasSecurityGroup(web));
    fails(404, "VPC.0603", () -> client.showSecurityGroup(new ShowSecurityGroupRequest().withSecurityGroupId(web)));
    assertEquals(0, client.listSecurityGroupRules(new ListSecurityGroupRulesRequest()
        .withSecurityGroupId(List.of(web))).getSecurityGroupRules().size(), "a group's rules go with it");
  }

  @Test
  void anInjectedThrottlingErrorFailsOneCallOnly() {
    String group = vpc.createSecurityGroup("throttled", false);
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.error(429, "APIGW.0308", "The throttling threshold has been reached"));

    ServiceResponseException e = fails(429, "APIGW.0308", () -> create(tcp(group, "22", null)));

    assertEquals("The throttling threshold has been reached", e.getErrorMsg());
    assertEquals(0, vpc.rules(group).size());
    create(tcp(group, "22", null));
    assertEquals(1, vpc.rules(group).size());
    assertEquals(List.of(429, 201), vpc.calls().stream().map(RecordedCall::status).toList());
  }

  @Test
  void anInjectedDroppedConnectionReachesTheClientAsAConnectionException() {
    String group = vpc.createSecurityGroup("dropped", false);
    vpc.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, Fault.connectionReset());

    assertThrows(ConnectionException.class, () -> batch(group, null, null, batchTcp("22", "")));

    assertEquals(0, vpc.rules(group).size());
    assertEquals(0, vpc.calls().get(0).status());
    batch(group, null, null, batchTcp("22", ""));
    assertEquals(1, vpc.rules(group).size());
  }

  @Test
  void callsAreLoggedAndCreatesAndDeletesCountAsMutating() {
    String group = vpc.createSecurityGroup("counted", false);
    String id = create(tcp(group, "22", null)).getSecurityGroupRule().getId();
    client.showSecurityGroupRule(new ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(id));
    client.listSecurityGroupRules(new ListSecurityGroupRulesRequest());
    batch(group, null, null, batchTcp("80", ""));
    client.deleteSecurityGroupRule(new DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId(id));

    assertEquals(List.of(FakeHuaweiVpc.CREATE_RULE, FakeHuaweiVpc.SHOW_RULE, FakeHuaweiVpc.LIST_RULES,
        FakeHuaweiVpc.BATCH_CREATE_RULES, FakeHuaweiVpc.DELETE_RULE),
        vpc.calls().stream().map(RecordedCall::operation).toList());
    assertEquals(3, vpc.mutatingCallCount());
    assertEquals(List.of(true, false, false, true, true), vpc.calls().stream().map(RecordedCall::mutating).toList());
  }

  @Test
  void anotherProjectIdIsRefused() {
    VpcClient stranger = client("0123456789abcdef0123456789abcdef");

    fails(400, "VPC.0007", () -> stranger.listSecurityGroupRules(new ListSecurityGroupRulesRequest()));
  }

  @Test
  void everyReplyIsJsonWithARequestIdHeader() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = vpc.endpoint() + "/v3/" + vpc.projectId() + "/vpc/";
    String group = vpc.createSecurityGroup("raw", false);
    String rule = vpc.addRule(group, "{\"direction\":\"egress\"}").id();
    List<HttpRequest> requests = List.of(
        HttpRequest.newBuilder(URI.create(base + "security-group-rules")).build(),
        HttpRequest.newBuilder(URI.create(base + "security-group-rules/" + rule)).DELETE().build(),
        HttpRequest.newBuilder(URI.create(base + "security-group-rules/" + rule)).build(),
        HttpRequest.newBuilder(URI.create(base + "security-group-rules"))
            .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
        HttpRequest.newBuilder(URI.create(base + "no-such-api")).build());

    List<Integer> statuses = new ArrayList<>();
    for (HttpRequest request : requests) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      statuses.add(response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
      String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
      if (response.statusCode() != 204) {
        assertEquals(requestId, JSON.readTree(response.body()).path("request_id").asText());
      }
    }
    assertEquals(List.of(200, 204, 404, 400, 404), statuses);
    assertEquals(FakeHuaweiVpc.UNKNOWN, vpc.calls().get(4).operation());
  }
}
