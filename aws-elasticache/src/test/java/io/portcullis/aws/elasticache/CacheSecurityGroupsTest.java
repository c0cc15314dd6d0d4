package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupInUseException;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.group.InvalidGroupException;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import io.portcullis.core.group.UnsupportedGroupOperationException;
import io.portcullis.testkit.FakeElastiCache;
import io.portcullis.testkit.RecordedCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CacheSecurityGroups}, found through {@link SecurityGroupsProvider}, against the ElastiCache fake. */
class CacheSecurityGroupsTest {
  private FakeElastiCache fake;
  private SecurityGroups groups;

  @BeforeEach
  void start() {
    fake = new FakeElastiCache();
    groups = SecurityGroupsProvider.load("aws-elasticache", ProviderSettings.builder().endpoint(fake.endpoint())
        .region("us-east-1").credentials(new StaticCredentials("AKIDTEST", "secret")).build());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void createSendsNameAndDescriptionAndIsIdempotent() {
    SecurityGroupInfo created = groups.create(GroupSpec.builder().name("cache-web").description("web").build());

    RecordedCall create = fake.calls().stream().filter(c -> c.operation().equals("CreateCacheSecurityGroup"))
        .findFirst().orElseThrow();
    assertEquals("cache-web", create.request().form().get("CacheSecurityGroupName"));
    assertEquals("web", create.request().form().get("Description"));
    assertEquals("cache-web", created.id());
    fake.clearCalls();

    assertEquals(created.id(), groups.create(GroupSpec.builder().name("cache-web").description("web").build()).id());
    assertEquals(0, fake.mutatingCallCount());
    assertThrows(GroupAlreadyExistsException.class,
        () -> groups.create(GroupSpec.builder().name("cache-web").description("other").build()));
  }

  @Test
  void listAndFind() {
    groups.create(GroupSpec.builder().name("a").build());
    groups.create(GroupSpec.builder().name("b").build());

    assertEquals(List.of("a", "b"), groups.list(GroupFilter.all()).stream().map(SecurityGroupInfo::id).toList());
    assertEquals(Optional.of("b"), groups.get("b").map(SecurityGroupInfo::name));
    assertEquals("a", groups.find("a", Optional.empty()).id());
  }

  @Test
  void deleteWhileAClusterUsesItNamesTheCluster() {
    groups.create(GroupSpec.builder().name("web").build());
    fake.addCacheCluster("redis-1", List.of("web"), List.of());

    GroupInUseException e = assertThrows(GroupInUseException.class, () -> groups.delete("web"));

    assertEquals(Optional.of("InvalidCacheSecurityGroupState"), e.errorCode());
    assertEquals(List.of("cache cluster redis-1"), e.dependents());
  }

  @Test
  void whatCacheSecurityGroupsDoNotHaveIsRefusedBeforeAnyCall() {
    assertThrows(InvalidGroupException.class, () -> groups.create(GroupSpec.builder().name("Web").build()));
    assertThrows(InvalidGroupException.class, () -> groups.create(GroupSpec.builder().name("web").vpcId("v").build()));
    assertThrows(InvalidGroupException.class,
        () -> groups.create(GroupSpec.builder().name("web").putTags("a", "b").build()));
    assertThrows(UnsupportedGroupOperationException.class, () -> groups.updateTags("web", Map.of("a", "b"), List.of()));
    assertThrows(UnsupportedGroupOperationException.class, () -> groups.groupsOfNetworkInterface("eni-1"));
    assertTrue(fake.calls().isEmpty());
  }
}
