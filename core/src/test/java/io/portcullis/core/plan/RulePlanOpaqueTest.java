package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.Direction;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules the model cannot represent are kept by additive plans and deleted by id by authoritative ones. */
class RulePlanOpaqueTest {
  private static final SecurityRule SSH = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");
  private static final OpaqueRule ODD = new OpaqueRule("r-9", Optional.of(Direction.INGRESS),
      "{protocol: tcp,\n multiport: 80-22}", "ports '80-22': FROM <= TO");
  private static final RuleListing ACTUAL = new RuleListing(List.of(ProvisionedRule.of("r-1", SSH)), List.of(ODD));

  @Test
  void additiveKeepsThemWithoutChanges() {
    RulePlan plan = RulePlan.between(List.of(SSH), ACTUAL, PlanMode.ADDITIVE);

    assertFalse(plan.hasChanges());
    assertEquals(List.of(ODD), plan.opaqueKept());
    assertEquals(List.of(), plan.opaqueToDelete());
    assertEquals(List.of(), plan.changes());
    assertEquals("No changes. 1 unchanged, 1 not representable (kept).", plan.render());
  }

  @Test
  void authoritativeListsThemForDeletionByIdAndRendersThemAsSuch() {
    RulePlan plan = RulePlan.between(List.of(SSH), ACTUAL, PlanMode.AUTHORITATIVE);

    assertTrue(plan.hasChanges());
    assertEquals(List.of(ODD), plan.opaqueToDelete());
    assertEquals(List.of(), plan.changes(), "no neutral rule stands in for the opaque one");
    assertEquals("""
        !! AUTHORITATIVE plan: every rule not in the desired state is deleted (1 rule)
          - r-9: [not representable] {protocol: tcp, multiport: 80-22}   (deleted by id: ports '80-22': FROM <= TO)
        Plan: 0 to create, 0 to update, 1 to delete (1 not representable), 1 unchanged.""", plan.render());
  }
}
