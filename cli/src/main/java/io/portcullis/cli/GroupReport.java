package io.portcullis.cli;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.RuleRejection;
import io.portcullis.core.analysis.Finding;
import io.portcullis.core.group.GroupResolution;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.rulefile.GroupRules;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What planning (and applying) did to one group of a rule file. Each group is planned and applied on its own,
 * so a failing group has its report and the others go on.
 *
 * @param group the group as the file gives it
 * @param status where it ended
 * @param plan the plan, unless planning failed
 * @param findings lint findings on the group's desired rules
 * @param result what apply did, where it ran (also when it failed part-way)
 * @param error why the group failed, where it did
 * @param rejections the rules its provider cannot express, where that is why it failed
 * @param lines where each rule of the group was written
 * @param resolution what a group given by name resolved to
 */
record GroupReport(GroupRules group, Status status, Optional<RulePlan> plan, List<Finding> findings,
    Optional<ApplyResult> result, Optional<String> error, List<RuleRejection> rejections, RuleLines lines,
    Optional<GroupResolution> resolution) {
  /** Where a group ended. */
  enum Status {
    /** Planned: nothing to do. */
    NO_CHANGES,
    /** Planned: changes pending. */
    CHANGES,
    /** Every change applied. */
    APPLIED,
    /** Planning or applying failed; see {@link GroupReport#error()}. */
    FAILED;

    /** The name in JSON output and the summary table, e.g. {@code no-changes}. */
    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  GroupReport {
    requireNonNull(group, "group");
    requireNonNull(status, "status");
    findings = List.copyOf(findings);
    rejections = List.copyOf(rejections);
    requireNonNull(lines, "lines");
  }

  static GroupReport planned(GroupRules group, RulePlan plan, List<Finding> findings, RuleLines lines) {
    return new GroupReport(group, plan.hasChanges() ? Status.CHANGES : Status.NO_CHANGES, Optional.of(plan),
        findings, Optional.empty(), Optional.empty(), List.of(), lines, Optional.empty());
  }

  static GroupReport failed(GroupRules group, String error, List<RuleRejection> rejections) {
    return new GroupReport(group, Status.FAILED, Optional.empty(), List.of(), Optional.empty(), Optional.of(error),
        rejections, RuleLines.of(group), Optional.empty());
  }

  GroupReport applied(ApplyResult result) {
    return new GroupReport(group, Status.APPLIED, plan, findings, Optional.of(result), Optional.empty(), List.of(),
        lines, resolution);
  }

  GroupReport notApplied(Optional<ApplyResult> partial, String why) {
    return new GroupReport(group, Status.FAILED, plan, findings, partial, Optional.of(why), List.of(), lines,
        resolution);
  }

  /** This report for the same group given another way (by the id it was created with). */
  GroupReport withGroup(GroupRules byId) {
    return new GroupReport(byId, status, plan, findings, result, error, rejections, lines, resolution);
  }

  /** This report, for a group given by name that resolved to {@code resolution}; creating a group is a change. */
  GroupReport resolved(GroupResolution resolution) {
    Status changed = status == Status.NO_CHANGES && resolution.toBeCreated() ? Status.CHANGES : status;
    return new GroupReport(group, changed, plan, findings, result, error, rejections, lines,
        Optional.of(resolution));
  }

  /** {@code aws-ec2 sg-1}. */
  String title() {
    return group.provider() + " " + group.group();
  }

  /** One line for the summary table. */
  String outcome() {
    return switch (status) {
      case NO_CHANGES, CHANGES -> plan.orElseThrow().summary();
      case APPLIED -> {
        ApplyResult r = result.orElseThrow();
        yield r.outcomes().size() + (r.outcomes().size() == 1 ? " change" : " changes") + " applied in "
            + r.mutatingCalls() + (r.mutatingCalls() == 1 ? " call" : " calls");
      }
      case FAILED -> error.orElse("failed");
    };
  }
}
