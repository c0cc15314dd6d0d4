package io.portcullis.core.analysis;

import io.portcullis.core.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #ID} ({@link Severity#LOW}): a deny rule that can never match because an allow rule of strictly
 * higher priority (a lower number) matches every packet it does. Only coverage by a single rule is detected;
 * a deny covered by several allows together is not reported. A deny covered by another deny is reported by
 * {@link RedundantRuleCheck}.
 */
public final class UnreachableDenyCheck implements LintCheck {
  /** The id of this check's findings. */
  public static final String ID = "unreachable-deny";

  /** The check. */
  public UnreachableDenyCheck() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(LintContext context) {
    List<RuleShape> shapes = RuleShape.of(context.rules());
    List<Finding> findings = new ArrayList<>();
    for (RuleShape deny : shapes) {
      if (deny.rule.action() != Action.DENY) {
        continue;
      }
      shapes.stream()
          .filter(a -> a.rule.action() == Action.ALLOW && a.covers(deny)
              && RuleShape.strictlyHigher(a.rule.priority(), deny.rule.priority()))
          .findFirst()
          .ifPresent(allow -> findings.add(new Finding(ID, Severity.LOW, deny.rule.toText(),
              "can never match: the higher-priority allow '" + allow.rule.toText() + "' matches every packet first",
              "remove the deny, or give it a higher priority (a lower number) than the allow if it is meant to win")));
    }
    return findings;
  }
}
