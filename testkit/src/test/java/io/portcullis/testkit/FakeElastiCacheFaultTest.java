package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;

/** Every fault and misbehaviour of {@link FakeElastiCache}, seen through the real {@code ElastiCacheClient}. */
class FakeElastiCacheFaultTest {
  private static final String AUTHORIZE = "AuthorizeCacheSecurityGroupIngress";
  private static final String DESCRIBE = "DescribeCacheSecurityGroups";

  private FakeElastiCache fake;
  private ElastiCacheClient client;

  @BeforeEach
  void start() {
    fake = new FakeElastiCache();
    client = AwsClients.elastiCache(fake.endpoint());
    fake.createCacheSecurityGroup("web", "web servers");
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private CacheSecurityGroup authorize(String ec2Group) {
    return client.authorizeCacheSecurityGroupIngress(b -> b.cacheSecurityGroupName("web")
        .ec2SecurityGroupName(ec2Group).ec2SecurityGroupOwnerId("565419523791")).cacheSecurityGroup();
  }

  private List<String> authorized() {
    return fake.cacheSecurityGroup("web").orElseThrow().ec2SecurityGroups().stream()
        .map(FakeCacheAuthorization::ec2SecurityGroupName).toList();
  }

  private DescribeCacheSecurityGroupsResponse page(String marker) {
    return client.describeCacheSecurityGroups(b -> b.maxRecords(20).marker(marker));
  }

  @Test
  void theSixFailureModesReplyAsElastiCacheDoesAndOnlyTheLastTwoCarryOutTheCall() {
    fake.failNext(AUTHORIZE, Fault.serverError());
    fake.failNext(AUTHORIZE, Fault.throttled());
    fake.failNext(AUTHORIZE, Fault.forbidden());
    fake.failNext(AUTHORIZE, Fault.connectionReset());
    fake.failNext(AUTHORIZE, Fault.lostReplyAfterSuccess());

    ElastiCacheException server = assertThrows(ElastiCacheException.class, () -> authorize("a"));
    ElastiCacheException throttled = assertThrows(ElastiCacheException.class, () -> authorize("b"));
    ElastiCacheException forbidden = assertThrows(ElastiCacheException.class, () -> authorize("c"));
    assertThrows(SdkClientException.class, () -> authorize("d"));
    assertThrows(SdkClientException.class, () -> authorize("e"));

    assertEquals(List.of("InternalFailure", "Throttling", "AccessDenied"), List.of(
        server.awsErrorDetails().errorCode(), throttled.awsErrorDetails().errorCode(),
        forbidden.awsErrorDetails().errorCode()));
    assertEquals(List.of(500, 400, 403), List.of(server.statusCode(), throttled.statusCode(), forbidden.statusCode()));
    assertTrue(throttled.isThrottlingException());
    assertEquals(List.of("e"), authorized());
  }

  @Test
  void anHtmlOrJsonBodyOnA200IsNotAReplyTheSdkCanRead() {
    fake.failNext(AUTHORIZE, FakeElastiCacheFaults.htmlBody());
    fake.failNext(AUTHORIZE, FakeElastiCacheFaults.jsonBody());

    SdkClientException html = assertThrows(SdkClientException.class, () -> authorize("a"));
    SdkClientException json = assertThrows(SdkClientException.class, () -> authorize("b"));

    assertTrue(html.getMessage() != null && json.getMessage() != null);
    assertEquals(List.of("a", "b"), authorized(), "both calls were carried out");
    assertEquals(List.of(200, 200), fake.calls().stream().map(RecordedCall::status).toList());
  }

  @Test
  void anEmptyAuthorizationBecomesAnEc2GroupWithoutFields() {
    authorize("a");
    fake.failNext(DESCRIBE, FakeElastiCacheFaults.emptyAuthorization());

    List<EC2SecurityGroup> listed = page(null).cacheSecurityGroups().get(0).ec2SecurityGroups();

    assertEquals(2, listed.size());
    assertEquals("a", listed.get(0).ec2SecurityGroupName());
    assertNull(listed.get(1).ec2SecurityGroupName());
    assertNull(listed.get(1).status());
  }

  @Test
  void aDescribeOfOneGroupCanIncludeASecondGroup() {
    fake.createCacheSecurityGroup("other", "other");
    fake.failNext(DESCRIBE, FakeElastiCacheFaults.otherGroup("other"));

    List<CacheSecurityGroup> described =
        client.describeCacheSecurityGroups(b -> b.cacheSecurityGroupName("web")).cacheSecurityGroups();

    assertEquals(List.of("web", "other"), described.stream().map(CacheSecurityGroup::cacheSecurityGroupName).toList());
  }

  @Test
  void aReplyCanDescribeADifferentAuthorization() {
    fake.failNext(AUTHORIZE, FakeElastiCacheFaults.differentAuthorization());

    CacheSecurityGroup reply = authorize("app");

    assertEquals("app-other", reply.ec2SecurityGroups().get(0).ec2SecurityGroupName());
    assertEquals(List.of("app"), authorized());
  }

  @Test
  void pagesRepeatOrNeverEnd() {
    for (int i = 0; i < 30; i++) {
      fake.createCacheSecurityGroup(String.format("g%02d", i), "group " + i);
    }
    fake.failAfter(DESCRIBE, 1, Fault.repeatPage());
    DescribeCacheSecurityGroupsResponse first = page(null);
    DescribeCacheSecurityGroupsResponse repeated = page(first.marker());
    assertEquals(first.cacheSecurityGroups(), repeated.cacheSecurityGroups());
    assertEquals(first.marker(), repeated.marker());

    fake.failAlways(DESCRIBE, Fault.ignoreMarker());
    assertEquals(first.cacheSecurityGroups(), page(first.marker()).cacheSecurityGroups());

    fake.failAlways(DESCRIBE, Fault.endlessMarkers());
    List<String> markers = new ArrayList<>();
    int groups = 0;
    String marker = null;
    for (int i = 0; i < 4; i++) {
      DescribeCacheSecurityGroupsResponse reply = page(marker);
      groups += reply.cacheSecurityGroups().size();
      marker = reply.marker();
      markers.add(marker);
    }
    assertEquals(4, Set.copyOf(markers).size());
    assertEquals(20, groups);
  }
}
