package io.portcullis.core.analysis;

import io.portcullis.core.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #ID} ({@link Severity#MEDIUM}): an allow rule that never takes effect because a deny rule of higher
 * or equal priority matches every packet it does (Huawei Cloud semantics: the lower number is the higher
 * priority, and at equal priority deny wins). Rules whose priorities cannot be compared (one set, one unset)
 * are not reported; two unset priorities count as equal.
 */
public final class ShadowedAllowCheck implements LintCheck {
  /** The id of this check's findings. */
  public static final String ID = "shadowed-allow";

  /** The check. */
  public ShadowedAllowCheck() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(LintContext context) {
    List<RuleShape> shapes = RuleShape.of(context.rules());
    List<Finding> findings = new ArrayList<>();
    for (RuleShape allow : shapes) {
      if (allow.rule.action() != Action.ALLOW) {
        continue;
      }
      shapes.stream()
          .filter(d -> d.rule.action() == Action.DENY && d.covers(allow) && RuleShape.atLeastAsHigh(d, allow))
          .findFirst()
          .ifPresent(deny -> findings.add(new Finding(ID, Severity.MEDIUM, allow.rule.toText(),
              "never takes effect: the deny '" + deny.rule.toText() + "' decides first for every packet it matches",
              "remove the allow, or give it a higher priority (a lower number) than the deny if it is meant to win")));
    }
    return findings;
  }
}
