package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.group.AmbiguousGroupException;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupInUseException;
import io.portcullis.core.group.GroupResolution;
import io.portcullis.core.group.GroupResolver;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.group.InvalidGroupException;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.testkit.FakeEc2;
import io.portcullis.testkit.FakeEc2Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Ec2SecurityGroups}, found through {@link SecurityGroupsProvider}, against the stateful EC2 fake. */
class Ec2SecurityGroupsTest {
  private FakeEc2 fake;
  private ProviderSettings settings;
  private SecurityGroups groups;

  @BeforeEach
  void start() {
    fake = new FakeEc2();
    settings = ProviderSettings.builder().endpoint(fake.endpoint()).region("us-east-1")
        .credentials(new StaticCredentials("AKIDTEST", "secret")).build();
    groups = SecurityGroupsProvider.load("aws-ec2", settings);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Ec2SecurityGroupRules rules() {
    return new Ec2SecurityGroupRules(Ec2SecurityGroupRulesProvider.client(settings));
  }

  private static GroupSpec web(String vpc) {
    return GroupSpec.builder().name("web").description("web tier").vpcId(vpc).putTags("team", "edge").build();
  }

  @Test
  void createIsIdempotentOnAnIdenticalGroup() {
    SecurityGroupInfo created = groups.create(web("vpc-1"));
    assertEquals(Map.of("team", "edge"), fake.groupTags(created.id()));
    fake.clearCalls();

    SecurityGroupInfo again = groups.create(web("vpc-1"));

    assertEquals(created.id(), again.id());
    assertEquals(0, fake.mutatingCallCount(), "an identical group is reused without a call");
    assertEquals(Optional.of("vpc-1"), again.vpcId());
    assertEquals(Optional.of(FakeEc2.DEFAULT_OWNER_ID), again.ownerId());
  }

  @Test
  void createRefusesADifferentGroupOfThatName() {
    groups.create(web("vpc-1"));
    GroupSpec other = GroupSpec.builder().name("web").description("other").vpcId("vpc-1")
        .putTags("team", "core").build();

    GroupAlreadyExistsException e = assertThrows(GroupAlreadyExistsException.class, () -> groups.create(other));

    assertTrue(e.getMessage().contains("description 'web tier', not 'other'"), e.getMessage());
    assertTrue(e.getMessage().contains("tag team='edge', not 'core'"), e.getMessage());
  }

  @Test
  void aGroupOfTheSameNameInAnotherVpcIsAnotherGroup() {
    SecurityGroupInfo one = groups.create(web("vpc-1"));
    SecurityGroupInfo two = groups.create(web("vpc-2"));

    assertTrue(!one.id().equals(two.id()));
    assertEquals(two.id(), groups.find("web", Optional.of("vpc-2")).id());
    AmbiguousGroupException e = assertThrows(AmbiguousGroupException.class, () -> groups.find("web", Optional.empty()));
    assertEquals(2, e.matches().size());
    assertThrows(GroupNotFoundException.class, () -> groups.find("web", Optional.of("vpc-3")));
  }

  @Test
  void anEc2NameMayNotLookLikeAnId() {
    InvalidGroupException e = assertThrows(InvalidGroupException.class,
        () -> groups.create(GroupSpec.builder().name("sg-web").build()));
    assertEquals("name", e.violations().get(0).field());
    assertEquals(0, fake.calls().size());
  }

  @Test
  void listFiltersByTagAndVpc() {
    SecurityGroupInfo tagged = groups.create(web("vpc-1"));
    groups.create(GroupSpec.builder().name("db").vpcId("vpc-1").build());
    groups.create(GroupSpec.builder().name("db").vpcId("vpc-2").putTags("team", "edge").build());

    List<SecurityGroupInfo> found = groups.list(GroupFilter.builder().vpcId("vpc-1").putTags("team", "edge").build());

    assertEquals(List.of(tagged.id()), found.stream().map(SecurityGroupInfo::id).toList());
    assertEquals(Optional.of("web tier"), found.get(0).description());
    assertEquals(3, groups.list(GroupFilter.all()).size());
    assertEquals(Optional.of(found.get(0)), groups.get(tagged.id()));
    assertEquals(Optional.empty(), groups.get("sg-0missing"));
  }

  @Test
  void updateTagsSetsAndRemoves() {
    SecurityGroupInfo g = groups.create(web("vpc-1"));

    groups.updateTags(g.id(), Map.of("env", "prod", "team", "core"), List.of());
    assertEquals(Map.of("env", "prod", "team", "core"), fake.groupTags(g.id()));
    groups.updateTags(g.id(), Map.of(), List.of("team"));
    assertEquals(Map.of("env", "prod"), fake.groupTags(g.id()));
    assertThrows(GroupNotFoundException.class, () -> groups.updateTags("sg-0missing", Map.of("a", "b"), List.of()));
  }

  @Test
  void deleteWhileInUseNamesTheInterfacesAndReferencingGroups() {
    SecurityGroupInfo web = groups.create(web("vpc-1"));
    SecurityGroupInfo app = groups.create(GroupSpec.builder().name("app").vpcId("vpc-1").build());
    String eni = fake.createNetworkInterface(web.id());
    rules().authorize(app.toRef(),
        List.of(SecurityRule.parse("ingress allow tcp 8080 from " + web.id())));

    GroupInUseException e = assertThrows(GroupInUseException.class, () -> groups.delete(web.id()));

    assertEquals(Optional.of("DependencyViolation"), e.errorCode());
    assertEquals(List.of("network interface " + eni, "rules of security group " + app.id()), e.dependents());
    assertTrue(e.getMessage().contains("in use by network interface " + eni), e.getMessage());
    assertTrue(fake.hasSecurityGroup(web.id()));
  }

  @Test
  void deleteRemovesTheGroupAndOnlyThen() {
    SecurityGroupInfo web = groups.create(web("vpc-1"));

    groups.delete(web.id());

    assertTrue(!fake.hasSecurityGroup(web.id()));
    assertThrows(GroupNotFoundException.class, () -> groups.delete(web.id()));
  }

  @Test
  void theGroupsOfANetworkInterface() {
    SecurityGroupInfo web = groups.create(web("vpc-1"));
    SecurityGroupInfo app = groups.create(GroupSpec.builder().name("app").vpcId("vpc-1").build());
    String eni = fake.createNetworkInterface(web.id(), app.id());

    assertEquals(List.of(web.toRef(), app.toRef()), groups.groupsOfNetworkInterface(eni));
  }

  @Test
  void aDesiredStateByNameCreatesTheGroupBeforeItsRulesAndResolvesReferences() {
    GroupResolver resolver = new GroupResolver(groups);
    SecurityGroupInfo app = groups.create(GroupSpec.builder().name("app").vpcId("vpc-1").build());
    GroupSelector web = GroupSelector.builder().name("web").vpcId("vpc-1").create(true).description("web").build();
    GroupSelector appByName = GroupSelector.builder().name("app").vpcId("vpc-1").build();

    fake.clearCalls();
    GroupResolution planned = resolver.resolve(web);
    assertEquals("group web in vpc-1: to be created", planned.render());
    assertThrows(GroupNotFoundException.class, () -> resolver.resolve(GroupSelector.named("nope")));
    assertEquals(0, fake.mutatingCallCount(), "resolving for a plan only reads");

    GroupResolution ensured = resolver.ensure(web);
    GroupResolution other = resolver.ensure(appByName);
    assertTrue(ensured.created());
    assertEquals("group web in vpc-1: " + ensured.group().get().id() + " (created)", ensured.render());
    assertEquals("group app in vpc-1: " + app.id(), other.render());

    Map<String, String> ids = GroupResolver.idsByName(List.of(ensured, other));
    List<SecurityRule> desired = GroupResolver.resolveRemotes(
        List.of(SecurityRule.parse("ingress allow tcp 443 from group-name app")), ids);
    assertEquals(List.of(SecurityRule.parse("ingress allow tcp 443 from " + app.id())), desired);

    Ec2SecurityGroupRules rules = rules().withRuleTags(Map.of("managed-by", "portcullis"));
    SecurityGroupRef ref = ensured.ref().orElseThrow();
    rules.apply(ref, rules.plan(ref, desired, PlanMode.ADDITIVE));
    List<FakeEc2Rule> ingress = fake.rules(ref.id().get()).stream().filter(r -> !r.egress()).toList();
    assertEquals(1, ingress.size());
    assertEquals(Map.of("managed-by", "portcullis"), ingress.get(0).tags());
    RulePlan again = rules.plan(ref, desired, PlanMode.ADDITIVE);
    assertTrue(!again.hasChanges(), again.render());
    assertEquals(Set.of(), Set.copyOf(fake.rules(app.id()).stream().filter(r -> !r.egress()).toList()));
  }
}
