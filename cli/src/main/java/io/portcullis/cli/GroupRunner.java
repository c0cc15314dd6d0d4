package io.portcullis.cli;

import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.analysis.Finding;
import io.portcullis.core.analysis.RuleLinter;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.rulefile.GroupRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans and applies one group at a time; whatever goes wrong with a group ends up in its report, not thrown. */
final class GroupRunner {
  private static final Logger LOG = LoggerFactory.getLogger(GroupRunner.class);

  private final Clouds clouds;

  GroupRunner(Clouds clouds) {
    this.clouds = clouds;
  }

  /** Lints the group's desired rules for its provider and plans them, checking the quota. */
  GroupReport plan(GroupRules group) {
    try {
      SecurityGroupRules adapter = clouds.rules(group);
      List<Finding> findings = RuleLinter.builder().target(adapter.capabilities()).build().lint(group.rules());
      RulePlan plan = adapter.plan(group.group(), group.rules(), group.mode());
      adapter.requireWithinQuota(plan);
      return GroupReport.planned(group, plan, findings, RuleLines.of(group, adapter));
    } catch (UnsupportedRuleException e) {
      return GroupReport.failed(group, describe(group, e), e.rejections());
    } catch (RuntimeException e) {
      return GroupReport.failed(group, describe(group, e), List.of());
    }
  }

  /** Applies a planned group's plan and logs a summary at INFO. */
  GroupReport apply(GroupReport planned, ApplyOptions options) {
    GroupRules group = planned.group();
    try {
      ApplyResult result = clouds.rules(group).apply(group.group(), planned.plan().orElseThrow(), options);
      LOG.info(lastLine(result));
      return result.isComplete() ? planned.applied(result)
          : planned.notApplied(Optional.of(result), "not every change was applied: " + lastLine(result));
    } catch (ApplyException e) {
      LOG.info(lastLine(e.result()));
      return planned.notApplied(Optional.of(e.result()), describe(e));
    } catch (RuntimeException e) {
      LOG.info("{}: nothing applied: {}", planned.title(), describe(e));
      return planned.notApplied(Optional.empty(), describe(e));
    }
  }

  /**
   * The exception's message, and for rules the provider cannot express where they were written: {@code ... (at
   * rules.yaml:5, rules.yaml:9)}.
   */
  static String describe(GroupRules group, RuntimeException e) {
    if (!(e instanceof UnsupportedRuleException unsupported)) {
      return describe(e);
    }
    List<String> where = unsupported.rejections().stream()
        .map(r -> group.locationOf(r.rule()).map(Objects::toString)).flatMap(Optional::stream).distinct().toList();
    return describe(e) + (where.isEmpty() ? "" : " (at " + String.join(", ", where) + ")");
  }

  /** {@code Applied: 3 of 3 changes to aws-ec2 sg-1 in 2 calls.} */
  private static String lastLine(ApplyResult result) {
    String rendered = result.render();
    return rendered.substring(rendered.lastIndexOf('\n') + 1);
  }

  /** The exception's message, or its type when it has none. */
  static String describe(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }
}
