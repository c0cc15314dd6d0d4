package io.portcullis.huaweicloud.vpc;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupInUseException;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.group.InvalidGroupException;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.group.UnsupportedGroupOperationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact v3 (and v2, v1) requests {@link HuaweiSecurityGroups} sends, and its handling of replies and errors. */
class HuaweiSecurityGroupsWireTest extends VpcWireMock {
  private static final String GROUPS = "/v3/" + PROJECT + "/vpc/security-groups";
  private static final String WEB = """
      {"id":"sg-1","name":"web","description":"web tier","project_id":"%s","created_at":"2026-01-01T00:00:00Z",
       "updated_at":"2026-01-01T00:00:00Z","enterprise_project_id":"0","tags":[{"key":"team","value":"edge"}]}"""
      .formatted(PROJECT);

  private HuaweiSecurityGroups groups;

  @BeforeEach
  void groups() {
    groups = new HuaweiSecurityGroups(client, com.huaweicloud.sdk.vpc.v2.VpcClient.newBuilder()
        .withCredential(new com.huaweicloud.sdk.core.auth.BasicCredentials().withAk("AKTEST").withSk("SKTEST")
            .withProjectId(PROJECT))
        .withEndpoints(List.of("http://127.0.0.1:" + server.port())).build());
  }

  @Test
  void createLooksForTheNameThenPostsTheGroupWithTags() {
    server.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(json(200, "{\"security_groups\":[],\"page_info\":{}}")));
    server.stubFor(post(urlEqualTo(GROUPS)).willReturn(json(201, "{\"security_group\":" + WEB + "}")));

    SecurityGroupInfo created = groups.create(
        GroupSpec.builder().name("web").description("web tier").putTags("team", "edge").build());

    server.verify(getRequestedFor(urlPathEqualTo(GROUPS)).withQueryParam("name", equalTo("web"))
        .withQueryParam("marker", absent()));
    server.verify(postRequestedFor(urlEqualTo(GROUPS)).withRequestBody(equalToJson("""
        {"security_group":{"name":"web","description":"web tier","tags":[{"key":"team","value":"edge"}]}}""")));
    assertEquals(SecurityGroupInfo.builder().id("sg-1").name("web").description("web tier").ownerId(PROJECT)
        .putTags("team", "edge").build(), created);
  }

  @Test
  void aVpcIsRefusedBeforeAnyCall() {
    InvalidGroupException e = assertThrows(InvalidGroupException.class,
        () -> groups.create(GroupSpec.builder().name("web").vpcId("vpc-1").build()));
    assertEquals("vpc", e.violations().get(0).field());
    assertThrows(InvalidGroupException.class, () -> groups.list(GroupFilter.byName("web", Optional.of("vpc-1"))));
    assertEquals(0, server.getAllServeEvents().size());
  }

  @Test
  void listFollowsTheMarkerAndFiltersTagsHere() {
    server.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(json(200, "{\"security_groups\":[" + WEB
        + "],\"page_info\":{\"next_marker\":\"sg-1\",\"current_count\":1}}")));
    server.stubFor(get(urlPathEqualTo(GROUPS)).withQueryParam("marker", equalTo("sg-1")).willReturn(json(200,
        "{\"security_groups\":[" + WEB.replace("sg-1", "sg-2").replace("edge", "core")
            + "],\"page_info\":{\"current_count\":1}}")));

    List<SecurityGroupInfo> found = groups.list(GroupFilter.builder().addIds("sg-1", "sg-2")
        .putTags("team", "edge").build());

    assertEquals(List.of("sg-1"), found.stream().map(SecurityGroupInfo::id).toList());
    server.verify(2, getRequestedFor(urlPathEqualTo(GROUPS)));
    server.verify(getRequestedFor(urlPathEqualTo(GROUPS)).withQueryParam("id", equalTo("sg-1"))
        .withQueryParam("id", equalTo("sg-2")).withQueryParam("marker", equalTo("sg-1")));
  }

  @Test
  void showReadsOneGroupAndA404IsNone() {
    server.stubFor(get(urlEqualTo(GROUPS + "/sg-1")).willReturn(json(200, "{\"security_group\":"
        + WEB.replace("}", ",\"security_group_rules\":[]}") + "}")));
    server.stubFor(get(urlEqualTo(GROUPS + "/sg-9")).willReturn(error(404, "VPC.0603", "Security group sg-9 could not be found.")));

    assertEquals(Optional.of("web tier"), groups.get("sg-1").orElseThrow().description());
    assertEquals(Optional.empty(), groups.get("sg-9"));
  }

  @Test
  void deleteInUseNamesTheReferencingGroups() {
    server.stubFor(delete(urlEqualTo(GROUPS + "/sg-1"))
        .willReturn(error(409, "VPC.0602", "Security Group sg-1 in use.")));
    server.stubFor(get(urlPathEqualTo("/v3/" + PROJECT + "/vpc/security-group-rules")).willReturn(json(200,
        "{\"security_group_rules\":[{\"id\":\"r-1\",\"security_group_id\":\"sg-2\",\"direction\":\"ingress\","
            + "\"remote_group_id\":\"sg-1\",\"ethertype\":\"IPv4\",\"action\":\"allow\",\"priority\":1}],"
            + "\"page_info\":{}}")));

    GroupInUseException e = assertThrows(GroupInUseException.class, () -> groups.delete("sg-1"));

    assertEquals(Optional.of("VPC.0602"), e.errorCode());
    assertEquals(OptionalInt.of(409), e.httpStatus());
    assertEquals(Optional.of("req-409"), e.requestId());
    assertEquals(List.of("rules of security group sg-2"), e.dependents());
    server.verify(getRequestedFor(urlPathEqualTo("/v3/" + PROJECT + "/vpc/security-group-rules"))
        .withQueryParam("remote_group_id", equalTo("sg-1")));
  }

  @Test
  void deleteSendsOneDelete() {
    server.stubFor(delete(urlEqualTo(GROUPS + "/sg-1")).willReturn(json(204, "")));

    groups.delete("sg-1");

    server.verify(1, deleteRequestedFor(urlEqualTo(GROUPS + "/sg-1")));
  }

  @Test
  void tagChangesUseTheV2TagsAction() {
    String path = "/v2.0/" + PROJECT + "/security-groups/sg-1/tags/action";
    server.stubFor(post(urlEqualTo(path)).willReturn(json(204, "")));

    groups.updateTags("sg-1", Map.of("env", "prod"), List.of("team"));

    server.verify(postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson(
        "{\"action\":\"create\",\"tags\":[{\"key\":\"env\",\"value\":\"prod\"}]}")));
    server.verify(postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson(
        "{\"action\":\"delete\",\"tags\":[{\"key\":\"team\"}]}")));
  }

  @Test
  void thePortsGroupsComeFromTheV1PortCall() {
    server.stubFor(get(urlEqualTo("/v1/" + PROJECT + "/ports/port-1")).willReturn(json(200,
        "{\"port\":{\"id\":\"port-1\",\"security_groups\":[\"sg-1\",\"sg-2\"]}}")));

    assertEquals(List.of(SecurityGroupRef.ofId("sg-1"), SecurityGroupRef.ofId("sg-2")),
        groups.groupsOfNetworkInterface("port-1"));
  }

  @Test
  void withoutAV2ClientTagsAndPortsAreUnsupported() {
    HuaweiSecurityGroups v3Only = new HuaweiSecurityGroups(client);
    assertThrows(UnsupportedGroupOperationException.class, () -> v3Only.updateTags("sg-1", Map.of("a", "b"), List.of()));
    assertThrows(UnsupportedGroupOperationException.class, () -> v3Only.groupsOfNetworkInterface("port-1"));
  }
}
