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

import io.portcullis.core.AddressGroupRemote;
import io.portcullis.core.IpVersion;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.QuotaExceededException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HuaweiAddressGroupsTest extends VpcWireMock {
  static final String PATH = "/v3/" + PROJECT + "/vpc/address-groups";

  HuaweiAddressGroups groups;

  @BeforeEach
  void service() {
    groups = new HuaweiAddressGroups(client);
  }

  private static String groupJson(String id, String name, int ipVersion, String ipSet) {
    return """
        {"id": "%s", "name": "%s", "ip_version": %d, "ip_set": [%s], "max_capacity": 20, "description": "",
         "tenant_id": "%s", "created_at": "2024-04-15T07:12:36Z", "updated_at": "2024-04-15T07:12:36Z"}"""
        .formatted(id, name, ipVersion, ipSet, PROJECT);
  }

  @Test
  void createSendsNameIpVersionAndIpSet() {
    server.stubFor(post(PATH).willReturn(json(201, "{\"request_id\": \"r\", \"address_group\": "
        + groupJson("ag-1", "office", 4, "\"192.168.3.0/24\", \"10.0.0.1-10.0.0.9\"") + "}")));

    HuaweiAddressGroup created = groups.create(AddressGroupSpec.builder().name("office").ipVersion(IpVersion.IPV4)
        .addIpSet("192.168.3.0/24", "10.0.0.1-10.0.0.9").description("office ranges").maxCapacity(20).build());

    server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
        {"address_group": {"name": "office", "ip_version": 4, "ip_set": ["192.168.3.0/24", "10.0.0.1-10.0.0.9"],
         "description": "office ranges", "max_capacity": 20}}""")));
    assertEquals(new HuaweiAddressGroup("ag-1", "office", IpVersion.IPV4, List.of("192.168.3.0/24",
        "10.0.0.1-10.0.0.9"), Optional.empty(), Optional.of(20)), created);
    assertEquals(AddressGroupRemote.of("ag-1"), created.toRemote());
  }

  @Test
  void createIpv6WithoutOptionalFields() {
    server.stubFor(post(PATH).willReturn(json(201, "{\"address_group\": "
        + groupJson("ag-6", "v6", 6, "\"2001:db8::/32\"") + "}")));
    HuaweiAddressGroup created = groups.create(AddressGroupSpec.builder().name("v6").ipVersion(IpVersion.IPV6)
        .addIpSet("2001:db8::/32").build());
    server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
        "{\"address_group\": {\"name\": \"v6\", \"ip_version\": 6, \"ip_set\": [\"2001:db8::/32\"]}}")));
    assertEquals(new AddressGroupRemote("ag-6", IpVersion.IPV6), created.toRemote());
  }

  @Test
  void createErrorsAreTyped() {
    server.stubFor(post(PATH).willReturn(error(400, "VPC.0601", "Invalid ip_set")));
    assertThrows(MalformedRequestException.class, () -> groups.create(AddressGroupSpec.builder().name("bad")
        .ipVersion(IpVersion.IPV4).addIpSet("300.0.0.0/8").build()));
    server.stubFor(post(PATH).willReturn(error(409, "VPC.0604", "Quota exceeded for address groups")));
    assertThrows(QuotaExceededException.class, () -> groups.create(AddressGroupSpec.builder().name("more")
        .ipVersion(IpVersion.IPV4).addIpSet("10.0.0.0/8").build()));
  }

  @Test
  void specRejectsWhatHuaweiWouldRefuse() {
    assertThrows(IllegalArgumentException.class, () -> AddressGroupSpec.builder().name("x".repeat(65))
        .ipVersion(IpVersion.IPV4).addIpSet("10.0.0.0/8").build());
    assertThrows(IllegalArgumentException.class, () -> AddressGroupSpec.builder().name("empty")
        .ipVersion(IpVersion.IPV4).build());
    assertThrows(IllegalArgumentException.class, () -> AddressGroupSpec.builder().name("d")
        .ipVersion(IpVersion.IPV4).addIpSet("10.0.0.0/8").description("<b>").build());
  }

  @Test
  void listFollowsTheMarker() {
    server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("marker", absent()).willReturn(json(200,
        "{\"address_groups\": [" + groupJson("ag-1", "a", 4, "\"10.0.0.0/8\"")
            + "], \"page_info\": {\"next_marker\": \"ag-1\", \"current_count\": 1}}")));
    server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("marker", equalTo("ag-1")).willReturn(json(200,
        "{\"address_groups\": [" + groupJson("ag-2", "b", 6, "\"2001:db8::/32\"")
            + "], \"page_info\": {\"previous_marker\": \"ag-2\", \"current_count\": 1}}")));

    List<HuaweiAddressGroup> listed = groups.list();

    assertEquals(List.of("ag-1", "ag-2"), listed.stream().map(HuaweiAddressGroup::id).collect(Collectors.toList()));
    assertEquals(IpVersion.IPV6, listed.get(1).ipVersion());
    server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void deleteByIdAndItsErrors() {
    server.stubFor(delete(PATH + "/ag-1").willReturn(json(204, "")));
    groups.delete("ag-1");
    server.verify(1, deleteRequestedFor(urlEqualTo(PATH + "/ag-1")));

    // An unlisted code (illustrative): it stays a plain ProviderException with the code kept.
    server.stubFor(delete(PATH + "/ag-used").willReturn(error(409, "VPC.9409", "address group is in use")));
    ProviderException inUse = assertThrows(ProviderException.class, () -> groups.delete("ag-used"));
    assertEquals(Optional.of("VPC.9409"), inUse.errorCode());
    assertEquals(ProviderException.class, inUse.getClass());
  }
}
