package io.portcullis.core.analysis;

import io.portcullis.core.Action;

/**
 * {@value #ID} ({@link Severity#MEDIUM}): an allow rule that never takes effect because a deny rule of higher
 * or equal priority matches every packet it does (Huawei Cloud semantics: the lower number is the higher
 * priority, and at equal priority deny wins). Rules whose priorities cannot be compared (one set, one unset)
 * are not reported; two unset priorities count as equal.
 */
public final class ShadowedAllowCheck extends OverruledRuleCheck {
  /** The id of this check's findings. */
  public static final String ID = "shadowed-allow";

  /** The check. */
  public ShadowedAllowCheck() {
    super(ID, Severity.MEDIUM, Action.ALLOW, RuleShape::atLeastAsHigh);
  }

  @Override
  String message(String deny) {
    return "never takes effect: the deny '" + deny + "' decides first for every packet it matches";
  }

  @Override
  String fix() {
    return "remove the allow, or give it a higher priority (a lower number) than the deny if it is meant to win";
  }
}
