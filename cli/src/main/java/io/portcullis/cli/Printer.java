package io.portcullis.cli;

import io.portcullis.core.analysis.Finding;
import io.portcullis.core.group.GroupResolution;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.rulefile.RuleFile;
import java.io.PrintWriter;
import java.util.List;

/** Human output: plans as terraform shows them, lint findings, apply results and the summary table. */
final class Printer {
  private final PrintWriter out;
  private final Style style;

  Printer(PrintWriter out, Style style) {
    this.out = out;
    this.style = style;
  }

  /** The group's heading, its plan (or why it has none) and its lint findings. */
  void plan(RuleFile file, GroupReport report) {
    heading(file, report);
    report.resolution().ifPresent(r -> out.println(r.render()));
    report.plan().ifPresent(p -> out.println(style.plan(p.render())));
    report.error().filter(e -> report.plan().isEmpty()).ifPresent(e -> out.println(style.red("Error: " + e)));
    findings(report.findings(), report.lines());
  }

  void heading(RuleFile file, GroupReport report) {
    out.println();
    out.println(style.bold("== " + report.title() + " (" + file.source() + ":" + report.group().line() + ") =="));
  }

  /** Each finding, with where its rule was written when known. */
  void findings(List<Finding> findings, RuleLines lines) {
    if (findings.isEmpty()) {
      return;
    }
    out.println("Lint: " + findings.size() + (findings.size() == 1 ? " finding" : " findings"));
    for (Finding f : findings) {
      String line = "  " + f + lines.ofText(f.rule()).map(at -> " (" + at + ")").orElse("");
      out.println(switch (f.severity()) {
        case HIGH -> style.red(line);
        case MEDIUM -> style.yellow(line);
        default -> line;
      });
    }
  }

  /** The apply result of a group that was applied (or failed while applying). */
  void result(GroupReport report) {
    report.resolution().filter(GroupResolution::created).ifPresent(r -> out.println(r.render()));
    report.result().ifPresent(r -> {
      out.println(r.render());
      for (RuleOutcome o : r.outcomes()) {
        if (o.status() == RuleOutcome.Status.FAILED) {
          report.lines().of(o.rule()).ifPresent(at -> out.println(style.red(at + ": " + o)));
        }
      }
    });
    report.error().filter(e -> report.plan().isPresent()).ifPresent(e -> out.println(style.red("Error: " + e)));
  }

  /** A table with every group's outcome. */
  void summary(List<GroupReport> reports) {
    String[] header = {"PROVIDER", "GROUP", "RESULT", "DETAIL"};
    int[] width = {header[0].length(), header[1].length(), header[2].length()};
    for (GroupReport r : reports) {
      width[0] = Math.max(width[0], r.group().provider().length());
      width[1] = Math.max(width[1], r.group().group().toString().length());
      width[2] = Math.max(width[2], r.status().label().length());
    }
    out.println();
    out.println(style.bold("Summary:"));
    row(width, header[0], header[1], header[2], header[3]);
    for (GroupReport r : reports) {
      String status = r.status().label();
      String padded = pad(status, width[2]);
      String shown = r.status() == GroupReport.Status.FAILED ? style.red(padded)
          : r.status() == GroupReport.Status.CHANGES ? style.yellow(padded) : style.green(padded);
      out.println("  " + pad(r.group().provider(), width[0]) + "  " + pad(r.group().group().toString(), width[1]) + "  "
          + shown + "  " + firstLine(r.outcome()));
    }
  }

  private void row(int[] width, String a, String b, String c, String d) {
    out.println("  " + pad(a, width[0]) + "  " + pad(b, width[1]) + "  " + pad(c, width[2]) + "  " + d);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }
}
