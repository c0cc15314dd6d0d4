package io.portcullis.cli;

import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.rulefile.RuleFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portcullis apply FILE}: plans every group, asks before deleting, then applies each group on its own, so
 * one failing group never stops the others.
 */
@Command(name = "apply", description = {"Plan every group, then apply the plans group by group (--parallelism N: N at once).",
    "An apply that deletes (authoritative groups) asks for 'yes' on stdin first, unless --auto-approve."})
final class ApplyCommand extends FileCommand {
  @Option(names = "--auto-approve", description = "Apply without asking, even when rules are deleted.")
  boolean autoApprove;

  @Option(names = "--max-deletes", paramLabel = "N",
      description = "Fail a group whose plan deletes more than N rules, before any call to it.")
  Integer maxDeletes;

  @Option(names = "--json", description = "Print one JSON document (schemaVersion 1, see the README).")
  boolean json;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "1",
      description = "Plan (and apply) up to N groups at once, within each provider's rate limits (default 1).")
  int parallelism;

  @Option(names = "--call-concurrency", paramLabel = "N", defaultValue = "1",
      description = "Within a group, send up to N independent calls at once (Huawei deletes, ElastiCache "
          + "authorisations); outcomes are as one by one (default 1).")
  int callConcurrency;

  @Override
  public Integer call() {
    if (maxDeletes != null && maxDeletes < 0) {
      throw badUsage("--max-deletes must be 0 or more, not " + maxDeletes);
    }
    if (parallelism < 1 || parallelism > 1024) {
      throw badUsage("--parallelism must be from 1 to 1024, not " + parallelism);
    }
    if (callConcurrency < 1 || callConcurrency > ApplyOptions.MAX_CALL_CONCURRENCY) {
      throw badUsage("--call-concurrency must be from 1 to " + ApplyOptions.MAX_CALL_CONCURRENCY + ", not "
          + callConcurrency);
    }
    Optional<RuleFile> read = read();
    if (read.isEmpty()) {
      return Portcullis.ERROR;
    }
    RuleFile file = read.get();
    Printer printer = new Printer(out(), style());
    try (Clouds clouds = clouds()) {
      clouds.createGroups(file);
      GroupRunner runner = new GroupRunner(clouds);
      // Groups given by name are resolved one by one; the fleet plans groups given by id.
      boolean byName = file.groups().stream().anyMatch(GroupRunner::needsResolution);
      FleetRunner fleet = parallelism > 1 && !byName ? new FleetRunner(clouds, file.groups(), parallelism, err())
          : null;
      List<GroupReport> reports = new ArrayList<>(fleet != null ? fleet.plan(file.groups()) : runner.planAll(file));
      if (!json) {
        reports.forEach(r -> printer.plan(file, r));
      }
      reports.replaceAll(this::overDeletionLimit);
      int deletes = reports.stream().filter(r -> r.status() == GroupReport.Status.CHANGES)
          .mapToInt(r -> r.plan().orElseThrow().toDelete().size()).sum();
      if (deletes > 0 && !autoApprove && !confirmed(deletes)) {
        return Portcullis.ERROR;
      }
      ApplyOptions.Builder options = ApplyOptions.builder().callConcurrency(callConcurrency)
          .listener(new ProgressListener(err(), session().terminal()));
      if (maxDeletes != null) {
        options.maxDeletes(maxDeletes);
      }
      if (fleet != null) {
        List<GroupReport> done = fleet.apply(reports, options.build());
        for (int i = 0; i < reports.size() && !json; i++) {
          if (reports.get(i).status() == GroupReport.Status.CHANGES) {
            printer.heading(file, done.get(i));
            printer.result(done.get(i));
          }
        }
        reports = done;
      }
      // Missing groups first, so that the rules of every group can refer to them by the ids they get.
      List<GroupReport> toApply = fleet == null ? runner.createMissing(reports) : reports;
      for (int i = 0; fleet == null && i < reports.size(); i++) {
        if (reports.get(i).status() == GroupReport.Status.CHANGES) {
          GroupReport done = toApply.get(i).status() == GroupReport.Status.FAILED ? toApply.get(i)
              : runner.apply(toApply.get(i), options.build());
          reports.set(i, done);
          if (!json) {
            printer.heading(file, done);
            printer.result(done);
          }
        }
      }
      if (json) {
        out().println(JsonReport.groups("apply", file.source(), reports));
      } else {
        printer.summary(reports);
      }
      return reports.stream().anyMatch(r -> r.status() == GroupReport.Status.FAILED) ? Portcullis.ERROR
          : Portcullis.OK;
    }
  }

  /**
   * Fails a group whose plan deletes more than {@code --max-deletes} before any call. The adapters enforce the
   * same cap through {@link ApplyOptions#maxDeletes()}; checking here too keeps the promise whatever the adapter.
   */
  private GroupReport overDeletionLimit(GroupReport report) {
    if (maxDeletes == null || report.status() != GroupReport.Status.CHANGES) {
      return report;
    }
    int deletes = report.plan().orElseThrow().toDelete().size();
    if (deletes <= maxDeletes) {
      return report;
    }
    return report.notApplied(Optional.empty(), "the plan deletes " + deletes + (deletes == 1 ? " rule" : " rules")
        + ", more than --max-deletes " + maxDeletes + " allows; nothing was applied to this group");
  }

  /** Asks on stderr and reads the answer from stdin; no answer (no terminal, stdin closed) is a refusal. */
  private boolean confirmed(int deletes) {
    err().println();
    err().println(style().bold("Do you want to apply these changes? They delete " + deletes
        + (deletes == 1 ? " rule." : " rules.")));
    err().println("  Only 'yes' will be accepted to approve.");
    err().print("  Enter a value: ");
    err().flush();
    String answer;
    try {
      answer = new BufferedReader(new InputStreamReader(session().in(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      answer = null;
    }
    if (!session().terminal()) {
      err().println(); // the answer's own newline was not echoed
    }
    if (answer == null) {
      error("the plan deletes " + deletes + (deletes == 1 ? " rule" : " rules") + " and no answer came on standard"
          + " input; nothing was applied. Answer 'yes' at a terminal, or pass --auto-approve.");
      return false;
    }
    if (!answer.strip().equals("yes")) {
      error("apply cancelled; nothing was applied.");
      return false;
    }
    return true;
  }
}
