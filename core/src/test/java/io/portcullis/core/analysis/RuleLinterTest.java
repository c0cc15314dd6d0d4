package io.portcullis.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.RemoteKind;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleLinterTest {
  private static final List<SecurityRule> RULES = List.of(
      SecurityRule.parse("ingress allow tcp 22 from 0.0.0.0/0 \"<ssh>\""),
      SecurityRule.parse("ingress allow tcp 22 from 0.0.0.0/0"),
      SecurityRule.parse("ingress allow any from 0.0.0.0/1"));

  @Test
  void runsEveryBuiltInCheckInOrder() {
    List<Finding> findings = RuleLinter.withDefaults().lint(RULES);

    assertEquals(List.of(
        "world-open-admin " + RULES.get(0), "world-open-admin " + RULES.get(1),
        "broad-public-cidr " + RULES.get(2), "redundant-rule " + RULES.get(1)),
        findings.stream().map(f -> f.id() + " " + f.rule()).toList());
  }

  @Test
  void builtInIdsAreStableAndUnique() {
    assertEquals(List.of("world-open-admin", "world-open-database", "world-open-all-ports", "world-open-any-protocol",
        "broad-public-cidr", "shadowed-allow", "unreachable-deny", "redundant-rule", "description-rejected"),
        RuleLinter.defaultChecks().stream().map(LintCheck::id).toList());
  }

  @Test
  void disabledChecksReportNothing() {
    RuleLinter linter = RuleLinter.builder().disable(WorldOpenAdminPortsCheck.ID).disable(RedundantRuleCheck.ID).build();

    assertEquals(List.of("broad-public-cidr"), linter.lint(RULES).stream().map(Finding::id).toList());
    assertEquals(7, linter.checks().size());
  }

  @Test
  void targetsEnableTheDescriptionCheck() {
    ProviderCapabilities huawei = ProviderCapabilities.builder().provider("huaweicloud-vpc").displayName("Huawei rules")
        .remoteKinds(Set.of(RemoteKind.CIDR)).descriptionCharacters(com.google.common.base.CharMatcher.noneOf("<>"))
        .build();

    List<Finding> findings = RuleLinter.builder().target(huawei).build().lint(RULES);

    assertEquals(1, findings.stream().filter(f -> f.id().equals(RejectedDescriptionCheck.ID)).count());
  }

  @Test
  void customChecksRunAfterTheBuiltInOnes() {
    LintCheck custom = new LintCheck() {
      @Override
      public String id() {
        return "needs-description";
      }

      @Override
      public List<Finding> check(LintContext context) {
        return context.rules().stream()
            .filter(r -> r.description().isEmpty())
            .map(r -> new Finding(id(), Severity.INFO, r.toText(), "has no description", "describe it"))
            .toList();
      }
    };

    List<Finding> findings = RuleLinter.builder().add(custom).build().lint(RULES);

    assertEquals(List.of(RULES.get(1).toText(), RULES.get(2).toText()), findings.stream()
        .filter(f -> f.id().equals("needs-description")).map(Finding::rule).toList());
    assertEquals("needs-description", findings.get(findings.size() - 1).id());
  }

  @Test
  void rejectsUnknownDisabledIdsAndDuplicateIds() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> RuleLinter.builder().disable("world-open-admn").build());
    assertEquals(true, unknown.getMessage().contains("world-open-admn"));
    assertThrows(IllegalArgumentException.class, () -> RuleLinter.builder().add(new BroadPublicCidrCheck()));
  }
}
