package io.portcullis.cli;

import io.portcullis.core.analysis.Finding;
import io.portcullis.core.analysis.RuleLinter;
import io.portcullis.core.analysis.Severity;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis lint FILE}: risky, useless and unappliable rules, group by group; makes no call. */
@Command(name = "lint", description = "Find risky, redundant and unappliable rules in each group (no calls).")
final class LintCommand extends FileCommand {
  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
      description = "Exit 1 when a finding is at least this severe: info, low, medium, high or none "
          + "(default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--json", description = "Print one JSON document (schemaVersion 1, see the README).")
  boolean json;

  /** The findings on one group, or why it could not be linted. */
  record GroupFindings(GroupRules group, List<Finding> findings, Optional<String> error) {}

  @Override
  public Integer call() {
    Optional<Severity> threshold = threshold();
    Optional<RuleFile> read = read();
    if (read.isEmpty()) {
      return Portcullis.ERROR;
    }
    RuleFile file = read.get();
    List<GroupFindings> groups = new ArrayList<>();
    try (Clouds clouds = new OfflineClouds()) {
      for (GroupRules group : file.groups()) {
        try {
          RuleLinter linter = RuleLinter.builder().target(clouds.rules(group).capabilities()).build();
          groups.add(new GroupFindings(group, linter.lint(group.rules()), Optional.empty()));
        } catch (RuntimeException e) {
          groups.add(new GroupFindings(group, List.of(), Optional.of(GroupRunner.describe(e))));
        }
      }
    }
    if (json) {
      out().println(JsonReport.lint(file.source(), threshold, groups));
    } else {
      print(file, groups);
    }
    boolean failed = groups.stream().anyMatch(g -> g.error().isPresent());
    boolean tooSevere = threshold.isPresent() && groups.stream().flatMap(g -> g.findings().stream())
        .anyMatch(f -> f.severity().compareTo(threshold.get()) >= 0);
    return failed || tooSevere ? Portcullis.ERROR : Portcullis.OK;
  }

  private void print(RuleFile file, List<GroupFindings> groups) {
    Printer printer = new Printer(out(), style());
    int count = 0;
    for (GroupFindings g : groups) {
      out().println(style().bold("== " + g.group().provider() + " " + g.group().group() + " (" + file.source() + ":"
          + g.group().line() + ") =="));
      g.error().ifPresent(e -> out().println(style().red("Error: " + e)));
      if (g.error().isEmpty() && g.findings().isEmpty()) {
        out().println("No findings.");
      }
      printer.findings(g.findings(), RuleLines.of(g.group()));
      count += g.findings().size();
    }
    out().println();
    out().println(count + (count == 1 ? " finding" : " findings") + " in " + groups.size()
        + (groups.size() == 1 ? " group." : " groups."));
  }

  private Optional<Severity> threshold() {
    if (failOn.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Severity.valueOf(failOn.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw badUsage("--fail-on '" + failOn + "': expected one of " + Arrays.stream(Severity.values())
          .map(s -> s.name().toLowerCase(Locale.ROOT)).toList() + " or none");
    }
  }
}
