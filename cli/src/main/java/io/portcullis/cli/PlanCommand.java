package io.portcullis.cli;

import io.portcullis.rulefile.RuleFile;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis plan FILE}: what apply would change, group by group, with lint findings. */
@Command(name = "plan", description = "Show what apply would change in each group, with lint findings.")
final class PlanCommand extends FileCommand {
  @Option(names = "--json", description = "Print one JSON document (schemaVersion 1, see the README).")
  boolean json;

  @Option(names = "--detailed-exitcode", description = "Exit 2 when changes are pending (0: none, 1: error).")
  boolean detailedExitCode;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "1",
      description = "Plan (and apply) up to N groups at once, within each provider's rate limits (default 1).")
  int parallelism;

  @Override
  public Integer call() {
    if (parallelism < 1 || parallelism > 1024) {
      throw badUsage("--parallelism must be from 1 to 1024, not " + parallelism);
    }
    Optional<RuleFile> read = read();
    if (read.isEmpty()) {
      return Portcullis.ERROR;
    }
    RuleFile file = read.get();
    try (Clouds clouds = clouds()) {
      clouds.createGroups(file);
      // Groups given by name are resolved one by one; the fleet plans groups given by id.
      boolean byName = file.groups().stream().anyMatch(GroupRunner::needsResolution);
      List<GroupReport> reports = parallelism > 1 && !byName
          ? new FleetRunner(clouds, file.groups(), parallelism, err()).plan(file.groups())
          : new GroupRunner(clouds).planAll(file);
      if (json) {
        out().println(JsonReport.groups("plan", file.source(), reports));
      } else {
        Printer printer = new Printer(out(), style());
        reports.forEach(r -> printer.plan(file, r));
        printer.summary(reports);
      }
      if (reports.stream().anyMatch(r -> r.status() == GroupReport.Status.FAILED)) {
        return Portcullis.ERROR;
      }
      boolean pending = reports.stream().anyMatch(r -> r.status() == GroupReport.Status.CHANGES);
      return detailedExitCode && pending ? Portcullis.CHANGES : Portcullis.OK;
    }
  }
}
