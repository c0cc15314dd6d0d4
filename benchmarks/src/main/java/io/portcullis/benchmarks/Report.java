package io.portcullis.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark and the API-call report and writes them as markdown, with the machine they ran on,
 * to the file given (default {@code benchmarks/RESULTS.md}).
 */
public final class Report {
  private Report() {}

  /** {@code Report [output.md]}. */
  public static void main(String[] args) throws RunnerException, IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/RESULTS.md");
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("io\\.portcullis\\.benchmarks\\..*Benchmark")
        .addProfiler(GCProfiler.class)
        .build()).run();
    String calls = ApiCallReport.markdown(ApiCallReport.measure()) + "\n### Wall time with " + ApiCallReport.LATENCY.toMillis()
        + " ms injected into every reply\n\n" + ApiCallReport.timingMarkdown(ApiCallReport.measureTimes());
    Files.writeString(out, render(results, calls), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  static String render(Collection<RunResult> results, String calls) {
    StringBuilder s = new StringBuilder("# Benchmark results\n\n");
    s.append("Written by `io.portcullis.benchmarks.Report` on ").append(LocalDate.now()).append(".\n\n");
    s.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB max heap, ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", ")
        .append(ManagementFactory.getRuntimeMXBean().getVmName()).append(' ')
        .append(System.getProperty("java.version")).append(". JMH: 1 fork; warm-up and measurement as in each class.")
        .append("\n\n## JMH\n\n")
        .append("| benchmark | parameters | score | error (99.9%) | unit | allocated per op |\n")
        .append("|---|---|---|---|---|---|\n");
    for (RunResult r : results) {
      BenchmarkParams params = r.getParams();
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      List<String> keys = new ArrayList<>(params.getParamsKeys());
      StringBuilder p = new StringBuilder();
      keys.forEach(k -> p.append(p.length() == 0 ? "" : ", ").append(k).append('=').append(params.getParam(k)));
      s.append("| ").append(params.getBenchmark().replace("io.portcullis.benchmarks.", "")).append(" | ")
          .append(p.length() == 0 ? "-" : p).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", primary.getScore())).append(" | ")
          .append(Double.isNaN(primary.getScoreError()) ? "-" : String.format(Locale.ROOT, "%.3f", primary.getScoreError()))
          .append(" | ").append(primary.getScoreUnit()).append(" | ")
          .append(alloc == null ? "-" : String.format(Locale.ROOT, "%.0f B", alloc.getScore())).append(" |\n");
    }
    s.append("\nTranslation scores are rules per second (each operation translates 1000 rules). "
        + "\"allocated per op\" is per rule for translation, per plan or compaction otherwise.\n\n## API calls per apply\n\n")
        .append("Counted by the test kit's fakes for N rules on one group (authoritative plans, the real SDK clients). ")
        .append("The baseline is one call per rule, as per-rule resources (e.g. terraform's) make.\n\n")
        .append(calls);
    return s.toString();
  }
}
