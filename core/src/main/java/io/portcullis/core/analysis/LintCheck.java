package io.portcullis.core.analysis;

import java.util.List;

/**
 * One lint check. Implement it to add your own check to a {@link RuleLinter}; the built-in checks are listed in
 * {@link RuleLinter#defaultChecks()}.
 */
public interface LintCheck {
  /** The stable id every finding of this check carries, e.g. {@code world-open-admin}; unique in a linter. */
  String id();

  /** Every finding of this check in {@code context}, in rule order; empty when there is nothing to report. */
  List<Finding> check(LintContext context);
}
