package io.portcullis.core.analysis;

import io.portcullis.core.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Rules of one action that a single rule of the opposite action, deciding first, fully covers: they can never
 * decide a packet. {@link ShadowedAllowCheck} and {@link UnreachableDenyCheck} differ only in which action is
 * overruled and which priorities decide first.
 */
abstract class OverruledRuleCheck implements LintCheck {
  private final String id;
  private final Severity severity;
  private final Action overruled;
  private final BiPredicate<Optional<Integer>, Optional<Integer>> decidesFirst;

  /**
   * @param overruled the action of the rules reported
   * @param decidesFirst whether a rule of the first priority decides before one of the second
   */
  OverruledRuleCheck(String id, Severity severity, Action overruled,
      BiPredicate<Optional<Integer>, Optional<Integer>> decidesFirst) {
    this.id = id;
    this.severity = severity;
    this.overruled = overruled;
    this.decidesFirst = decidesFirst;
  }

  @Override
  public final String id() {
    return id;
  }

  /** What is wrong with a rule that {@code by} overrules. */
  abstract String message(String by);

  /** How to fix it. */
  abstract String fix();

  @Override
  public List<Finding> check(LintContext context) {
    List<RuleShape> shapes = RuleShape.of(context.rules());
    List<Finding> findings = new ArrayList<>();
    for (RuleShape rule : shapes) {
      if (rule.rule.action() != overruled) {
        continue;
      }
      shapes.stream()
          .filter(o -> o.rule.action() != overruled && o.covers(rule)
              && decidesFirst.test(o.rule.priority(), rule.rule.priority()))
          .findFirst()
          .ifPresent(o -> findings.add(new Finding(id, severity, rule.rule.toText(), message(o.rule.toText()), fix())));
    }
    return findings;
  }
}
