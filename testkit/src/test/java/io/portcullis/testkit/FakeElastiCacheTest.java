package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.AuthorizationAlreadyExistsException;
import software.amazon.awssdk.services.elasticache.model.AuthorizationNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroupAlreadyExistsException;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroupQuotaExceededException;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.InvalidCacheSecurityGroupStateException;
import software.amazon.awssdk.services.elasticache.model.InvalidParameterValueException;

class FakeElastiCacheTest {
  private FakeElastiCache fake;
  private ElastiCacheClient client;

  @BeforeEach
  void start() {
    fake = new FakeElastiCache();
    client = AwsClients.elastiCache(fake.endpoint());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private CacheSecurityGroup authorize(String group, String ec2Group) {
    return client.authorizeCacheSecurityGroupIngress(b -> b.cacheSecurityGroupName(group)
        .ec2SecurityGroupName(ec2Group).ec2SecurityGroupOwnerId("565419523791")).cacheSecurityGroup();
  }

  private CacheSecurityGroup describe(String group) {
    return client.describeCacheSecurityGroups(b -> b.cacheSecurityGroupName(group)).cacheSecurityGroups().get(0);
  }

  private static List<String> statuses(CacheSecurityGroup group) {
    return group.ec2SecurityGroups().stream().map(g -> g.ec2SecurityGroupName() + "=" + g.status()).toList();
  }

  @Test
  void createStoresTheNameLowercaseAndRejectsDuplicatesAndDefault() {
    CacheSecurityGroup created = client.createCacheSecurityGroup(b -> b.cacheSecurityGroupName("MyGroup")
        .description("My security group")).cacheSecurityGroup();

    assertEquals("mygroup", created.cacheSecurityGroupName());
    assertEquals("My security group", created.description());
    assertEquals(FakeElastiCache.DEFAULT_OWNER_ID, created.ownerId());
    assertEquals(List.of(), created.ec2SecurityGroups());
    assertEquals("mygroup", describe("MYGROUP").cacheSecurityGroupName());
    assertThrows(CacheSecurityGroupAlreadyExistsException.class, () -> client.createCacheSecurityGroup(
        b -> b.cacheSecurityGroupName("mygroup").description("again")));
    assertThrows(InvalidParameterValueException.class, () -> client.createCacheSecurityGroup(
        b -> b.cacheSecurityGroupName("Default").description("reserved")));
  }

  @Test
  void theGroupQuotaIsEnforced() {
    fake.setGroupQuota(1);
    fake.createCacheSecurityGroup("one", "first");

    assertThrows(CacheSecurityGroupQuotaExceededException.class, () -> client.createCacheSecurityGroup(
        b -> b.cacheSecurityGroupName("two").description("second")));
    assertEquals(List.of("one"), fake.cacheSecurityGroups().stream().map(FakeCacheSecurityGroup::name).toList());
  }

  @Test
  void authorisationsAreAuthorizingUntilTheNextDescribe() {
    fake.createCacheSecurityGroup("mygroup", "My security group");

    CacheSecurityGroup reply = authorize("mygroup", "default");

    assertEquals(List.of("default=authorizing"), statuses(reply));
    EC2SecurityGroup entry = reply.ec2SecurityGroups().get(0);
    assertEquals("565419523791", entry.ec2SecurityGroupOwnerId());
    assertEquals(FakeCacheAuthorization.AUTHORIZING,
        fake.cacheSecurityGroup("mygroup").orElseThrow().ec2SecurityGroups().get(0).status());
    assertEquals(List.of("default=authorized"), statuses(describe("mygroup")));
    assertEquals(List.of("default=authorized", "web=authorizing"), statuses(authorize("mygroup", "web")));
    assertEquals(List.of("default=authorized", "web=authorized"), statuses(describe("mygroup")));
  }

  @Test
  void authorisationErrors() {
    fake.createCacheSecurityGroup("mygroup", "d");
    authorize("mygroup", "default");

    AuthorizationAlreadyExistsException again = assertThrows(AuthorizationAlreadyExistsException.class,
        () -> authorize("mygroup", "default"));
    CacheSecurityGroupNotFoundException missing = assertThrows(CacheSecurityGroupNotFoundException.class,
        () -> authorize("nosuchgroup", "default"));
    assertThrows(InvalidParameterValueException.class, () -> client.authorizeCacheSecurityGroupIngress(
        b -> b.cacheSecurityGroupName("mygroup").ec2SecurityGroupName("web").ec2SecurityGroupOwnerId("AKIDTEST")));

    assertEquals(400, again.statusCode());
    assertEquals("AuthorizationAlreadyExists", again.awsErrorDetails().errorCode());
    assertTrue(again.requestId() != null && !again.requestId().isEmpty());
    assertEquals(404, missing.statusCode());
    assertEquals(1, fake.cacheSecurityGroup("mygroup").orElseThrow().ec2SecurityGroups().size());
  }

  @Test
  void revokeShowsRevokingThenTheAuthorisationIsGone() {
    fake.createCacheSecurityGroup("mygroup", "d");
    authorize("mygroup", "default");
    authorize("mygroup", "web");

    CacheSecurityGroup reply = client.revokeCacheSecurityGroupIngress(b -> b.cacheSecurityGroupName("mygroup")
        .ec2SecurityGroupName("default").ec2SecurityGroupOwnerId("565419523791")).cacheSecurityGroup();

    assertEquals(List.of("default=revoking", "web=authorizing"), statuses(reply));
    assertEquals(List.of("web=authorized"), statuses(describe("mygroup")));
    AuthorizationNotFoundException notFound = assertThrows(AuthorizationNotFoundException.class,
        () -> client.revokeCacheSecurityGroupIngress(b -> b.cacheSecurityGroupName("mygroup")
            .ec2SecurityGroupName("default").ec2SecurityGroupOwnerId("565419523791")));
    assertEquals(404, notFound.statusCode());
  }

  @Test
  void deleteFailsWhileAClusterUsesTheGroup() {
    fake.createCacheSecurityGroup("used", "d");
    fake.createCacheSecurityGroup("unused", "d");
    fake.addCacheCluster("redis-1", List.of("Used"), List.of());

    assertThrows(InvalidCacheSecurityGroupStateException.class,
        () -> client.deleteCacheSecurityGroup(b -> b.cacheSecurityGroupName("used")));
    client.deleteCacheSecurityGroup(b -> b.cacheSecurityGroupName("unused"));

    assertEquals(Optional.empty(), fake.cacheSecurityGroup("unused"));
    assertTrue(fake.cacheSecurityGroup("used").isPresent());
    assertThrows(CacheSecurityGroupNotFoundException.class,
        () -> client.deleteCacheSecurityGroup(b -> b.cacheSecurityGroupName("unused")));
  }

  @Test
  void describePaginatesWithMarker() {
    IntStream.range(0, 45).forEach(i -> fake.createCacheSecurityGroup(String.format("group-%02d", i), "d"));

    List<Integer> sizes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String marker = null;
    do {
      String current = marker;
      DescribeCacheSecurityGroupsResponse page = client.describeCacheSecurityGroups(b -> b.maxRecords(20)
          .marker(current));
      sizes.add(page.cacheSecurityGroups().size());
      page.cacheSecurityGroups().forEach(g -> names.add(g.cacheSecurityGroupName()));
      marker = page.marker();
    } while (marker != null);

    assertEquals(List.of(20, 20, 5), sizes);
    assertEquals(fake.cacheSecurityGroups().stream().map(FakeCacheSecurityGroup::name).toList(), names);
    assertEquals(45, client.describeCacheSecurityGroupsPaginator(b -> b.maxRecords(20)).cacheSecurityGroups()
        .stream().count());
    assertThrows(InvalidParameterValueException.class,
        () -> client.describeCacheSecurityGroups(b -> b.maxRecords(19)));
    assertThrows(CacheSecurityGroupNotFoundException.class,
        () -> client.describeCacheSecurityGroups(b -> b.cacheSecurityGroupName("nosuchgroup")));
  }

  @Test
  void clustersShowTheirCacheAndVpcSecurityGroups() {
    fake.addCacheCluster("memcached-classic", List.of("mygroup"), List.of());
    fake.addCacheCluster("redis-vpc", List.of(), List.of("sg-0123456789abcdef0", "sg-0fedcba9876543210"));

    CacheCluster vpc = client.describeCacheClusters(b -> b.cacheClusterId("redis-vpc")).cacheClusters().get(0);
    List<CacheCluster> all = client.describeCacheClusters().cacheClusters();

    assertEquals(List.of("sg-0123456789abcdef0", "sg-0fedcba9876543210"),
        vpc.securityGroups().stream().map(g -> g.securityGroupId()).toList());
    assertEquals(List.of("memcached-classic", "redis-vpc"), all.stream().map(CacheCluster::cacheClusterId).toList());
    assertEquals("mygroup", all.get(0).cacheSecurityGroups().get(0).cacheSecurityGroupName());
    assertNull(client.describeCacheClusters().marker());
    CacheClusterNotFoundException e = assertThrows(CacheClusterNotFoundException.class,
        () -> client.describeCacheClusters(b -> b.cacheClusterId("nope")));
    assertEquals(404, e.statusCode());
  }

  @Test
  void callsAreCountedAndFaultsInjected() {
    fake.createCacheSecurityGroup("mygroup", "d");
    fake.failNext("AuthorizeCacheSecurityGroupIngress", FakeElastiCache.throttling());
    fake.failNext("AuthorizeCacheSecurityGroupIngress", Fault.connectionReset());

    ElastiCacheException throttled = assertThrows(ElastiCacheException.class, () -> authorize("mygroup", "web"));
    assertThrows(SdkClientException.class, () -> authorize("mygroup", "web"));
    authorize("mygroup", "web");
    describe("mygroup");
    client.describeCacheClusters();

    assertEquals("Throttling", throttled.awsErrorDetails().errorCode());
    assertEquals(List.of(400, 0, 200, 200, 200), fake.calls().stream().map(RecordedCall::status).toList());
    assertEquals(3, fake.mutatingCallCount());
    assertEquals(List.of("web=authorized"), statuses(describe("mygroup")));
  }

  @Test
  void failAfterServesTheFirstCallsThenFails() {
    fake.createCacheSecurityGroup("mygroup", "d");
    fake.failAfter("AuthorizeCacheSecurityGroupIngress", 1, FakeElastiCache.throttling());

    authorize("mygroup", "web");
    assertThrows(ElastiCacheException.class, () -> authorize("mygroup", "api"));
    authorize("mygroup", "api");

    assertEquals(List.of(200, 400, 200), fake.calls().stream().map(RecordedCall::status).toList());
    assertEquals(List.of("web=authorized", "api=authorized"), statuses(describe("mygroup")));
  }
}
