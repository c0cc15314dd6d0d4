package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.exception.ConnectionException;
import com.huaweicloud.sdk.core.exception.SdkException;
import com.huaweicloud.sdk.core.exception.ServerResponseException;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesOption;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesRequest;
import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleResponse;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupRulesRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupRulesResponse;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import com.huaweicloud.sdk.vpc.v3.model.ShowSecurityGroupRuleRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault and misbehaviour of {@link FakeHuaweiVpc}, seen through the real {@code VpcClient}. */
class FakeHuaweiVpcFaultTest {
  private FakeHuaweiVpc vpc;
  private VpcClient client;
  private String group;

  @BeforeEach
  void start() {
    vpc = new FakeHuaweiVpc();
    client = client(HttpConfig.getDefaultHttpConfig());
    group = vpc.createSecurityGroup("web", false);
  }

  @AfterEach
  void stop() {
    vpc.close();
  }

  private VpcClient client(HttpConfig config) {
    return VpcClient.newBuilder().withHttpConfig(config)
        .withCredential(new BasicCredentials().withAk("AKFAKE").withSk("SKFAKE").withProjectId(vpc.projectId()))
        .withEndpoints(List.of(vpc.endpoint().toString())).build();
  }

  private static CreateSecurityGroupRuleRequest createRequest(String group, int port) {
    return new CreateSecurityGroupRuleRequest().withBody(new CreateSecurityGroupRuleRequestBody()
        .withSecurityGroupRule(new CreateSecurityGroupRuleOption().withSecurityGroupId(group).withDirection("ingress")
            .withProtocol("tcp").withMultiport(Integer.toString(port)).withRemoteIpPrefix("10.0.0.0/8")
            .withAction("allow").withPriority("1")));
  }

  private CreateSecurityGroupRuleResponse create(int port) {
    return client.createSecurityGroupRule(createRequest(group, port));
  }

  private List<SecurityGroupRule> batch(int... ports) {
    List<BatchCreateSecurityGroupRulesOption> rules = new ArrayList<>();
    for (int port : ports) {
      rules.add(new BatchCreateSecurityGroupRulesOption().withDirection("ingress").withProtocol("tcp")
          .withMultiport(Integer.toString(port)).withRemoteIpPrefix("10.0.0.0/8").withAction("allow")
          .withPriority("1"));
    }
    return client.batchCreateSecurityGroupRules(new BatchCreateSecurityGroupRulesRequest().withSecurityGroupId(group)
        .withBody(new BatchCreateSecurityGroupRulesRequestBody().withSecurityGroupRules(rules))).getSecurityGroupRules();
  }

  private ListSecurityGroupRulesResponse page(String marker) {
    return client.listSecurityGroupRules(new ListSecurityGroupRulesRequest().withSecurityGroupId(List.of(group))
        .withLimit(5).withMarker(marker));
  }

  private Set<String> storedPorts() {
    Set<String> ports = new HashSet<>();
    vpc.rules(group).forEach(r -> ports.add(r.multiport().orElse("")));
    return ports;
  }

  @Test
  void theSixFailureModesReplyAsHuaweiDoesAndOnlyTheLastTwoCarryOutTheCall() {
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.serverError());
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.throttled());
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.forbidden());

    ServerResponseException server = assertThrows(ServerResponseException.class, () -> create(1));
    ClientRequestException throttled = assertThrows(ClientRequestException.class, () -> create(2));
    ClientRequestException forbidden = assertThrows(ClientRequestException.class, () -> create(3));

    assertEquals(List.of("VPC.0500", "APIGW.0308", "VPC.0010"),
        List.of(server.getErrorCode(), throttled.getErrorCode(), forbidden.getErrorCode()));
    assertEquals(List.of(500, 429, 403), List.of(server.getHttpStatusCode(), throttled.getHttpStatusCode(),
        forbidden.getHttpStatusCode()));
    assertEquals(Set.of(), storedPorts());
  }

  @Test
  void okHttpSendsACallAgainWhenAConnectionThatServedCallsBeforeDrops() {
    page(null); // the connection is pooled after a call it served
    vpc.clearCalls();
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.connectionReset().times(2));

    assertThrows(ConnectionException.class, () -> create(4));

    assertEquals(List.of(0, 0), vpc.calls().stream().map(RecordedCall::status).toList(), "sent twice");
    assertEquals(Set.of(), storedPorts());

    page(null);
    vpc.clearCalls();
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.lostReplyAfterSuccess());

    ClientRequestException duplicate = assertThrows(ClientRequestException.class, () -> create(5));

    assertEquals(409, duplicate.getHttpStatusCode(), "the silent second send finds the rule the first one made");
    assertEquals(List.of(0, 409), vpc.calls().stream().map(RecordedCall::status).toList());
    assertEquals(Set.of("5"), storedPorts());
  }

  @Test
  void aLostReplyOnAFreshConnectionIsAConnectionException() {
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.lostReplyAfterSuccess());

    assertThrows(ConnectionException.class, () -> create(6));

    assertEquals(List.of(0), vpc.calls().stream().map(RecordedCall::status).toList());
    assertEquals(Set.of("6"), storedPorts());
  }

  @Test
  void aDelayedReplyOutlastsTheClientTimeout() {
    // the Huawei SDK's timeouts are whole seconds: the shortest is 1 s
    VpcClient impatient = client(HttpConfig.getDefaultHttpConfig().withReadTimeout(1));
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, Fault.delay(Duration.ofMillis(1300)));

    SdkException timedOut = assertThrows(SdkException.class, () -> impatient.createSecurityGroupRule(
        createRequest(group, 22)));

    assertTrue(!(timedOut instanceof ServiceResponseException), timedOut.toString());
    assertEquals(Set.of("22"), storedPorts());
    assertEquals(1, impatient.listSecurityGroupRules(new ListSecurityGroupRulesRequest()
        .withSecurityGroupId(List.of(group))).getSecurityGroupRules().size(), "the fake serves the re-read at once");
  }

  @Test
  void errorBodiesOfTheOtherShapes() {
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE,
        FakeHuaweiVpcFaults.neutronError(409, "SecurityGroupRuleExists", "Security group rule already exists."));
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, FakeHuaweiVpcFaults.wrappedError(400, "VPC.0601", "Invalid rule."));
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE,
        FakeHuaweiVpcFaults.errorWithRequestIdInBodyOnly(409, "VPC.0602", "Security group rule already exists."));

    ClientRequestException neutron = assertThrows(ClientRequestException.class, () -> create(1));
    ClientRequestException wrapped = assertThrows(ClientRequestException.class, () -> create(2));
    ClientRequestException bodyOnly = assertThrows(ClientRequestException.class, () -> create(3));

    // the SDK does not know the Neutron shape: no code, and the whole body as the message
    assertEquals(409, neutron.getHttpStatusCode());
    assertNull(neutron.getErrorCode());
    assertTrue(neutron.getErrorMsg().contains("\"type\":\"SecurityGroupRuleExists\""), neutron.getErrorMsg());
    assertTrue(neutron.getErrorMsg().contains("\"request_id\""), neutron.getErrorMsg());
    assertEquals("VPC.0601", wrapped.getErrorCode());
    assertEquals("Invalid rule.", wrapped.getErrorMsg());
    assertEquals("VPC.0602", bodyOnly.getErrorCode());
    assertNull(bodyOnly.getRequestId(), "the SDK reads the request id from the header only");
    assertEquals(Set.of(), storedPorts());
  }

  @Test
  void repliesWithAFieldMissingNullOrEmptiedAfterTheCallWasCarriedOut() {
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, FakeHuaweiVpcFaults.withoutField("security_group_rule"));
    vpc.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, FakeHuaweiVpcFaults.emptyList("security_group_rules"));
    vpc.failNext(FakeHuaweiVpc.BATCH_CREATE_RULES, FakeHuaweiVpcFaults.nullEntry("security_group_rules"));

    CreateSecurityGroupRuleResponse created = create(1);
    List<SecurityGroupRule> emptied = batch(2, 3);
    List<SecurityGroupRule> withNull = batch(4);

    assertEquals(201, created.getHttpStatusCode());
    assertNull(created.getSecurityGroupRule());
    assertEquals(List.of(), emptied);
    assertEquals(2, withNull.size());
    assertNull(withNull.get(0));
    assertEquals("4", withNull.get(1).getMultiport());
    assertEquals(Set.of("1", "2", "3", "4"), storedPorts());

    String id = vpc.rules(group).get(0).id();
    vpc.failNext(FakeHuaweiVpc.SHOW_RULE, FakeHuaweiVpcFaults.nullField("security_group_rule"));
    assertNull(client.showSecurityGroupRule(new ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(id))
        .getSecurityGroupRule());
    vpc.failNext(FakeHuaweiVpc.LIST_RULES, FakeHuaweiVpcFaults.nullEntry("security_group_rules"));
    List<SecurityGroupRule> listed = page(null).getSecurityGroupRules();
    assertNull(listed.get(0));
  }

  @Test
  void aListingCanIncludeAnotherGroupsRulesAndAReplyAnotherRule() {
    String other = vpc.createSecurityGroup("other", true);
    vpc.failNext(FakeHuaweiVpc.CREATE_RULE, FakeHuaweiVpcFaults.differentRule());
    SecurityGroupRule created = create(22).getSecurityGroupRule();
    vpc.failNext(FakeHuaweiVpc.LIST_RULES, FakeHuaweiVpcFaults.otherGroupsRules(other));

    List<SecurityGroupRule> listed = page(null).getSecurityGroupRules();

    assertEquals("udp", created.getProtocol());
    assertEquals("9", created.getMultiport());
    assertEquals(vpc.rules(group).get(0).id(), created.getId());
    assertEquals(Set.of("22"), storedPorts());
    assertEquals(5, listed.size());
    assertEquals(List.of(group, other, other, other, other),
        listed.stream().map(SecurityGroupRule::getSecurityGroupId).toList());
  }

  @Test
  void pagesRepeatOrNeverEnd() {
    for (int port = 1; port <= 12; port++) {
      create(port);
    }
    vpc.failAfter(FakeHuaweiVpc.LIST_RULES, 1, Fault.repeatPage());
    ListSecurityGroupRulesResponse first = page(null);
    ListSecurityGroupRulesResponse repeated = page(first.getPageInfo().getNextMarker());
    assertEquals(first.getSecurityGroupRules(), repeated.getSecurityGroupRules());
    assertEquals(first.getPageInfo().getNextMarker(), repeated.getPageInfo().getNextMarker());

    vpc.failAlways(FakeHuaweiVpc.LIST_RULES, Fault.ignoreMarker());
    assertEquals(first.getSecurityGroupRules(), page(first.getPageInfo().getNextMarker()).getSecurityGroupRules());

    vpc.failAlways(FakeHuaweiVpc.LIST_RULES, Fault.endlessMarkers());
    Set<String> markers = new HashSet<>();
    int rules = 0;
    String marker = null;
    for (int i = 0; i < 5; i++) {
      ListSecurityGroupRulesResponse reply = page(marker);
      rules += reply.getSecurityGroupRules().size();
      marker = reply.getPageInfo().getNextMarker();
      markers.add(marker);
    }
    assertEquals(5, markers.size());
    assertEquals(5, rules);
    assertInstanceOf(String.class, marker);
  }
}
