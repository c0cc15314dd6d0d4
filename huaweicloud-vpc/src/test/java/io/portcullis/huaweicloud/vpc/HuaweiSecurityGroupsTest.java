package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupInUseException;
import io.portcullis.core.group.GroupResolution;
import io.portcullis.core.group.GroupResolver;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.testkit.FakeHuaweiVpc;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HuaweiSecurityGroups}, found through {@link SecurityGroupsProvider}, against the stateful Huawei fake. */
class HuaweiSecurityGroupsTest {
  private FakeHuaweiVpc fake;
  private ProviderSettings settings;
  private SecurityGroups groups;

  @BeforeEach
  void start() {
    fake = new FakeHuaweiVpc();
    settings = ProviderSettings.builder().endpoint(fake.endpoint()).projectId(fake.projectId())
        .credentials(new StaticCredentials("AKTEST", "SKTEST")).build();
    groups = SecurityGroupsProvider.load("huaweicloud-vpc", settings);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static GroupSpec web() {
    return GroupSpec.builder().name("web").description("web tier").putTags("team", "edge").build();
  }

  @Test
  void createIsIdempotentAndRefusesADifferentGroup() {
    SecurityGroupInfo created = groups.create(web());
    assertEquals(Map.of("team", "edge"), fake.groupTags(created.id()));
    assertEquals(4, fake.rules(created.id()).size(), "Huawei's default rules");
    fake.clearCalls();

    assertEquals(created, groups.create(web()));
    assertEquals(0, fake.mutatingCallCount());
    GroupAlreadyExistsException e = assertThrows(GroupAlreadyExistsException.class,
        () -> groups.create(GroupSpec.builder().name("web").description("other").build()));
    assertTrue(e.getMessage().contains("description 'web tier', not 'other'"), e.getMessage());
  }

  @Test
  void findListAndTags() {
    SecurityGroupInfo web = groups.create(web());
    SecurityGroupInfo db = groups.create(GroupSpec.builder().name("db").build());

    assertEquals(web.id(), groups.find("web", Optional.empty()).id());
    assertThrows(GroupNotFoundException.class, () -> groups.find("nope", Optional.empty()));
    assertEquals(List.of(web, db), groups.list(GroupFilter.all()));
    assertEquals(List.of(web), groups.list(GroupFilter.builder().putTags("team", "edge").build()));
    assertEquals(Optional.of(db), groups.get(db.id()));

    groups.updateTags(db.id(), Map.of("team", "data", "env", "prod"), List.of());
    groups.updateTags(db.id(), Map.of(), List.of("env"));
    assertEquals(Map.of("team", "data"), fake.groupTags(db.id()));
    assertEquals(Map.of("team", "data"), groups.get(db.id()).orElseThrow().tags());
  }

  @Test
  void deleteWhileReferencedNamesTheReferencingGroupThenSucceeds() {
    SecurityGroupInfo web = groups.create(web());
    SecurityGroupInfo app = groups.create(GroupSpec.builder().name("app").build());
    SecurityGroupRules rules = SecurityGroupRulesProvider.load("huaweicloud-vpc", settings);
    SecurityGroupRef appRef = app.toRef();
    rules.apply(appRef, rules.plan(appRef, List.of(SecurityRule.parse("ingress allow tcp 80 from group " + web.id())),
        PlanMode.ADDITIVE));

    GroupInUseException e = assertThrows(GroupInUseException.class, () -> groups.delete(web.id()));
    assertEquals(List.of("rules of security group " + app.id()), e.dependents());
    assertTrue(fake.hasSecurityGroup(web.id()));

    groups.delete(app.id());
    groups.delete(web.id());
    assertFalse(fake.hasSecurityGroup(web.id()));
  }

  @Test
  void aPortKeepsItsGroupsInUse() {
    SecurityGroupInfo web = groups.create(web());
    String port = fake.createPort(web.id());

    assertEquals(List.of(SecurityGroupRef.ofId(web.id())), groups.groupsOfNetworkInterface(port));
    assertThrows(GroupInUseException.class, () -> groups.delete(web.id()));
  }

  @Test
  void aDesiredStateCreatesAMissingGroupByName() {
    GroupResolver resolver = new GroupResolver(groups);
    GroupSelector web = GroupSelector.builder().name("web").create(true).putTags("team", "edge").build();

    assertEquals("group web: to be created", resolver.resolve(web).render());
    GroupResolution ensured = resolver.ensure(web);
    assertTrue(ensured.created());
    assertEquals(ensured.group(), resolver.ensure(web).group());
    assertFalse(resolver.ensure(web).created());
  }
}
