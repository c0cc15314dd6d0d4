package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.RuleCompactor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule tags are metadata: never part of a rule's meaning, planned as an update in place when they differ. */
class RulePlanTagsTest {
  private static SecurityRule rule(String text, Map<String, String> tags) {
    return SecurityRule.parse(text).toBuilder().tags(tags).build();
  }

  @Test
  void tagsTakeNoPartInEqualityOrTheTextForm() {
    SecurityRule tagged = rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of("team", "edge"));
    SecurityRule plain = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");

    assertEquals(plain, tagged);
    assertEquals(plain.hashCode(), tagged.hashCode());
    assertEquals(plain.toText(), tagged.toText());
    assertEquals(Map.of("team", "edge"), tagged.withoutDescription().tags(), "kept beside the meaning");
  }

  @Test
  void badTagsAreAnInvalidRuleNamingTheField() {
    InvalidRuleException e = assertThrows(InvalidRuleException.class,
        () -> rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of(" ", "x\n")));

    assertEquals(Set.of("tag key", "tag value"), Set.copyOf(e.violations().stream().map(v -> v.field()).toList()));
  }

  @Test
  void differentTagsAreATagOnlyUpdateNeverAReplaceAndRuleWithoutTagsLeavesThemAlone() {
    ProvisionedRule ssh = ProvisionedRule.of("r1", rule("ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"",
        Map.of("team", "core", "old", "x")));
    ProvisionedRule web = ProvisionedRule.of("r2", rule("ingress allow tcp 443 from 0.0.0.0/0",
        Map.of("team", "core")));

    RulePlan plan = RulePlan.between(List.of(
        rule("ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"", Map.of("team", "edge")),
        SecurityRule.parse("ingress allow tcp 443 from 0.0.0.0/0")), List.of(ssh, web), PlanMode.AUTHORITATIVE);

    assertEquals(1, plan.toUpdate().size());
    RuleUpdate u = plan.toUpdate().get(0);
    assertTrue(u.tagsChange());
    assertFalse(u.descriptionChanges());
    assertEquals(Set.of("old"), u.tagsRemoved());
    assertEquals(List.of(web), plan.unchanged());
    assertEquals(String.join("\n",
        "!! AUTHORITATIVE plan: every rule not in the desired state is deleted (0 rules)",
        "  ~ ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"   (r1, tags {team=edge}, were {old=x, team=core})",
        "Plan: 0 to create, 1 to update, 0 to delete, 1 unchanged."), plan.render());
  }

  @Test
  void theSameRuleDesiredWithTwoSetsOfTagsIsRejected() {
    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> RulePlan.between(List.of(
        rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of("team", "a")),
        rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of("team", "b"))), List.of()));

    assertEquals("tags", e.violations().get(0).field());
    RulePlan plan = RulePlan.between(List.of(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"),
        rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of("team", "a"))), List.of());
    assertEquals(Map.of("team", "a"), plan.toCreate().get(0).tags(), "the copy without tags says nothing on them");
  }

  @Test
  void aRuleWantedWithTagsIsInPlaceOnlyWithThem() {
    SecurityRule wanted = rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of("team", "edge"));

    assertFalse(RuleMatch.same(wanted, SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")));
    assertTrue(RuleMatch.same(wanted, rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of("team", "edge"))));
    assertTrue(RuleMatch.same(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"), wanted));
  }

  @Test
  void compactionIgnoresTags() {
    List<SecurityRule> rules = List.of(rule("ingress allow tcp 22 from 10.0.0.0/8", Map.of("team", "a")),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"));

    assertEquals(1, new RuleCompactor().compact(rules).size());
  }
}
