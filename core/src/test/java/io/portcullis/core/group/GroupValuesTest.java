package io.portcullis.core.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ConfigurationException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts of the group API: validation, filters, differences, remote resolution. */
class GroupValuesTest {
  private static final SecurityGroupInfo WEB = SecurityGroupInfo.builder().id("sg-1").name("web")
      .description("web tier").vpcId("vpc-1").putTags("team", "edge").putTags("env", "prod").build();

  @Test
  void aSpecReportsEveryProblemWithItsField() {
    InvalidGroupException e = assertThrows(InvalidGroupException.class, () -> GroupSpec.builder().name(" ")
        .description("x".repeat(256)).vpcId("vpc\n1").putTags("", "v").build());

    assertEquals(List.of("name", "description", "vpc", "tag key"),
        e.violations().stream().map(Violation::field).toList());
    assertTrue(e.getMessage().startsWith("Invalid security group (4 problems): name ' ': 1-255 characters"),
        e.getMessage());
  }

  @Test
  void aFilterMatchesOnEveryPartGiven() {
    assertTrue(GroupFilter.all().matches(WEB));
    assertTrue(GroupFilter.byName("web", Optional.of("vpc-1")).matches(WEB));
    assertFalse(GroupFilter.byName("web", Optional.of("vpc-2")).matches(WEB));
    assertTrue(GroupFilter.builder().putTags("team", "edge").addIds("sg-1", "sg-2").build().matches(WEB));
    assertFalse(GroupFilter.builder().putTags("team", "core").build().matches(WEB));
    assertFalse(GroupFilter.builder().putTags("owner", "").build().matches(WEB));
  }

  @Test
  void differencesCountTheGivenDescriptionAndTagsOnly() {
    assertEquals(List.of(), GroupCreation.differences(GroupSpec.builder().name("web").putTags("team", "edge").build(),
        WEB));
    assertEquals(List.of("description 'web tier', not 'other'", "tag team='edge', not 'core'",
        "tag owner missing, not 'me'"), GroupCreation.differences(GroupSpec.builder().name("web")
            .description("other").putTags("team", "core").putTags("owner", "me").build(), WEB));
  }

  @Test
  void remotesByNameBecomeIdsOnlyWhereTheNameIsKnown() {
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("ingress allow tcp 443 from group-name app ipv6"),
        SecurityRule.parse("ingress allow tcp 5432 from group-name db"),
        SecurityRule.parse("ingress allow tcp 22 from group-name app owner 123456789012"),
        SecurityRule.parse("ingress allow tcp 80 from 10.0.0.0/8"));

    List<SecurityRule> resolved = GroupResolver.resolveRemotes(rules, Map.of("app", "sg-app"));

    assertEquals(List.of(SecurityRule.parse("ingress allow tcp 443 from sg-app ipv6"), rules.get(1), rules.get(2),
        rules.get(3)), resolved);
  }

  @Test
  void aResolutionRendersForThePlan() {
    GroupSelector selector = GroupSelector.builder().name("web").vpcId("vpc-1").create(true).build();

    assertEquals("group web in vpc-1: to be created", new GroupResolution(selector, Optional.empty(), false).render());
    assertEquals("group web in vpc-1: sg-1", new GroupResolution(selector, Optional.of(WEB), false).render());
    assertEquals("group web in vpc-1: sg-1 (created)", new GroupResolution(selector, Optional.of(WEB), true).render());
    assertEquals(Optional.empty(), new GroupResolution(selector, Optional.empty(), false).ref());
    assertEquals("web", selector.toSpec().name());
  }

  @Test
  void twoGroupsOfOneNameCannotBeReferredToByName() {
    GroupResolution one = new GroupResolution(GroupSelector.builder().name("web").vpcId("vpc-1").build(),
        Optional.of(WEB), false);
    GroupResolution two = new GroupResolution(GroupSelector.builder().name("web").vpcId("vpc-2").build(),
        Optional.of(SecurityGroupInfo.builder().from(WEB).id("sg-2").vpcId("vpc-2").build()), false);

    assertEquals(Map.of("web", "sg-1"), GroupResolver.idsByName(List.of(one, one)));
    InvalidGroupException e = assertThrows(InvalidGroupException.class, () -> GroupResolver.idsByName(List.of(one, two)));
    assertTrue(e.getMessage().contains("sg-1 and sg-2"), e.getMessage());
  }

  @Test
  void anUnknownGroupAdapterIsAConfigurationErrorLikeAnUnknownRuleAdapter() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SecurityGroupsProvider.load("nope", ProviderSettings.builder().build()));

    assertTrue(e.getMessage().contains("no group adapter 'nope' on the class path"), e.getMessage());
  }
}
