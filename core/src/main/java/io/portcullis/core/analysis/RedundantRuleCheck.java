package io.portcullis.core.analysis;

import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #ID} ({@link Severity#LOW}): a rule that another rule of the group makes unnecessary. The other rule
 * has the same direction and action, and matches every packet this one does: the same protocol (or any), a
 * superset of the ports or an enclosing ICMP match, and a remote that contains this one (CIDR containment;
 * other remotes only when identical). Exact duplicates are reported once, on the later rule.
 *
 * <p>Priority matters only where a rule of the opposite action could decide first: the covering rule must then
 * have a priority at least as high (a number not above this rule's; both unset also counts). When no rule of
 * the opposite action overlaps this one, priorities are irrelevant. {@link RuleCompactor} removes these rules.
 */
public final class RedundantRuleCheck implements LintCheck {
  /** The id of this check's findings. */
  public static final String ID = "redundant-rule";

  /** The check. */
  public RedundantRuleCheck() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(LintContext context) {
    List<RuleShape> shapes = RuleShape.of(context.rules());
    RuleShape.Index index = new RuleShape.Index(shapes);
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      int j = index.supersededBy(i,
          (a, b) -> RuleShape.atLeastAsHigh(a, b) || !opposedWithin(shapes, b));
      if (j >= 0) {
        SecurityRule rule = shapes.get(i).rule;
        SecurityRule by = shapes.get(j).rule;
        boolean duplicate = rule.withoutDescription().equals(by.withoutDescription());
        findings.add(new Finding(ID, Severity.LOW, rule.toText(),
            (duplicate ? "duplicates '" : "is fully covered by '") + by.toText() + "'",
            "remove it (RuleCompactor does this and merges what can be merged)"));
      }
    }
    return findings;
  }

  /** Whether some rule of the opposite action overlaps {@code shape}, so that its priority could matter. */
  private static boolean opposedWithin(List<RuleShape> shapes, RuleShape shape) {
    return shapes.stream().anyMatch(o -> o.rule.action() != shape.rule.action() && o.overlaps(shape));
  }
}
