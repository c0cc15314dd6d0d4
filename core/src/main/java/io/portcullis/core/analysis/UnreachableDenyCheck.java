package io.portcullis.core.analysis;

import io.portcullis.core.Action;

/**
 * {@value #ID} ({@link Severity#LOW}): a deny rule that can never match because an allow rule of strictly
 * higher priority (a lower number) matches every packet it does. Only coverage by a single rule is detected;
 * a deny covered by several allows together is not reported. A deny covered by another deny is reported by
 * {@link RedundantRuleCheck}.
 */
public final class UnreachableDenyCheck extends OverruledRuleCheck {
  /** The id of this check's findings. */
  public static final String ID = "unreachable-deny";

  /** The check. */
  public UnreachableDenyCheck() {
    super(ID, Severity.LOW, Action.DENY, RuleShape::strictlyHigher);
  }

  @Override
  String message(String allow) {
    return "can never match: the higher-priority allow '" + allow + "' matches every packet first";
  }

  @Override
  String fix() {
    return "remove the deny, or give it a higher priority (a lower number) than the allow if it is meant to win";
  }
}
