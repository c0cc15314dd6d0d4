package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulePlanTest {
  private static SecurityRule rule(String text) {
    return SecurityRule.parse(text);
  }

  private static ProvisionedRule at(String id, String text) {
    return ProvisionedRule.of(id, rule(text));
  }

  @Test
  void sameMeaningInAnotherSpellingIsUnchanged() {
    RulePlan plan = RulePlan.between(
        List.of(rule("ingress allow tcp 80,22 from 10.0.0.0/8")),
        List.of(at("r1", "ingress allow tcp 22,80 from 10.0.0.0/8")));

    assertFalse(plan.hasChanges());
    assertEquals(List.of(at("r1", "ingress allow tcp 22,80 from 10.0.0.0/8")), plan.unchanged());
    assertEquals("No changes. 1 unchanged.", plan.summary());
  }

  @Test
  void authoritativePlanCreatesUpdatesAndDeletes() {
    RulePlan plan = RulePlan.between(
        List.of(
            rule("ingress allow tcp 22 from 10.0.0.0/8"),
            rule("ingress allow tcp 443 from 0.0.0.0/0 \"web\""),
            rule("egress allow any to 0.0.0.0/0")),
        List.of(
            at("r1", "ingress allow tcp 443 from 0.0.0.0/0 \"old\""),
            at("r2", "egress allow any to 0.0.0.0/0"),
            at("r3", "ingress allow tcp 23 from 0.0.0.0/0")),
        PlanMode.AUTHORITATIVE);

    assertEquals(List.of(rule("ingress allow tcp 22 from 10.0.0.0/8")), plan.toCreate());
    assertEquals(List.of(new RuleUpdate(at("r1", "ingress allow tcp 443 from 0.0.0.0/0 \"old\""),
        rule("ingress allow tcp 443 from 0.0.0.0/0 \"web\""))), plan.toUpdate());
    assertEquals(List.of(at("r3", "ingress allow tcp 23 from 0.0.0.0/0")), plan.toDelete());
    assertEquals(List.of(at("r2", "egress allow any to 0.0.0.0/0")), plan.unchanged());
    assertEquals(String.join("\n",
        "!! AUTHORITATIVE plan: every rule not in the desired state is deleted (1 rule)",
        "  + ingress allow tcp 22 from 10.0.0.0/8",
        "  ~ ingress allow tcp 443 from 0.0.0.0/0 \"web\"   (r1, was \"old\")",
        "  - ingress allow tcp 23 from 0.0.0.0/0   (r3)",
        "Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged."), plan.render());
  }

  @Test
  void additivePlanNeverDeletesAndSaysWhatItKeeps() {
    RulePlan plan = RulePlan.between(
        List.of(rule("ingress allow tcp 22 from 10.0.0.0/8")),
        List.of(at("r3", "ingress allow tcp 23 from 0.0.0.0/0")));

    assertTrue(plan.toDelete().isEmpty());
    assertEquals(List.of(at("r3", "ingress allow tcp 23 from 0.0.0.0/0")), plan.unmanaged());
    assertEquals("Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged, 1 not managed (kept).",
        plan.summary());
    assertFalse(plan.render().contains("AUTHORITATIVE"));
  }

  @Test
  void aDuplicateAtTheProviderIsDeletedOnceTheFirstMatches() {
    RulePlan plan = RulePlan.between(
        List.of(rule("ingress allow udp 53 from 10.0.0.0/8")),
        List.of(at("a", "ingress allow udp 53 from 10.0.0.0/8"), at("b", "ingress allow udp 53 from 10.0.0.0/8")),
        PlanMode.AUTHORITATIVE);

    assertEquals(List.of(at("a", "ingress allow udp 53 from 10.0.0.0/8")), plan.unchanged());
    assertEquals(List.of(at("b", "ingress allow udp 53 from 10.0.0.0/8")), plan.toDelete());
  }

  @Test
  void theRuleWithTheSameDescriptionIsTheOneKept() {
    RulePlan plan = RulePlan.between(
        List.of(rule("ingress allow udp 53 from 10.0.0.0/8 \"dns\"")),
        List.of(at("a", "ingress allow udp 53 from 10.0.0.0/8"), at("b", "ingress allow udp 53 from 10.0.0.0/8 \"dns\"")),
        PlanMode.AUTHORITATIVE);

    assertEquals(List.of(at("b", "ingress allow udp 53 from 10.0.0.0/8 \"dns\"")), plan.unchanged());
    assertEquals(List.of(at("a", "ingress allow udp 53 from 10.0.0.0/8")), plan.toDelete());
    assertTrue(plan.toUpdate().isEmpty());
  }

  @Test
  void repeatedDesiredRulesCountOnceAndConflictingDescriptionsAreAnError() {
    RulePlan plan = RulePlan.between(
        List.of(rule("ingress allow tcp 22 from 10.0.0.0/8"), rule("ingress allow tcp 22 from 10.0.0.0/8")),
        List.of());
    assertEquals(1, plan.toCreate().size());

    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> RulePlan.between(
        List.of(rule("ingress allow tcp 22 from 10.0.0.0/8 \"a\""), rule("ingress allow tcp 22 from 10.0.0.0/8 \"b\"")),
        List.of()));
    assertTrue(e.getMessage().contains("one description per rule"), e.getMessage());
  }

  @Test
  void priorityAndActionArePartOfTheMeaning() {
    RulePlan plan = RulePlan.between(
        List.of(rule("ingress deny tcp 22 from 10.0.0.0/8 priority 5")),
        List.of(at("a", "ingress deny tcp 22 from 10.0.0.0/8 priority 6"), at("b", "ingress allow tcp 22 from 10.0.0.0/8 priority 5")),
        PlanMode.AUTHORITATIVE);

    assertEquals(1, plan.toCreate().size());
    assertEquals(2, plan.toDelete().size());
  }
}
