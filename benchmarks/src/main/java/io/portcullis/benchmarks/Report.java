package io.portcullis.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark and the API-call report and writes them as markdown, with the machine they ran on,
 * to the file given (default {@code benchmarks/RESULTS.md}).
 */
public final class Report {
  private Report() {}

  /** {@code Report [output.md] [JMH options, e.g. -wi 1 -i 3 for short runs]}. */
  public static void main(String[] args) throws RunnerException, IOException, CommandLineOptionException {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/RESULTS.md");
    CommandLineOptions jmh = new CommandLineOptions(args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
        : new String[0]);
    Collection<RunResult> results = new Runner(new OptionsBuilder().parent(jmh)
        .include("io\\.portcullis\\.benchmarks\\..*Benchmark")
        .addProfiler(GCProfiler.class)
        .build()).run();
    String calls = ApiCallReport.markdown(ApiCallReport.measure()) + "\n### Wall time with " + ApiCallReport.LATENCY.toMillis()
        + " ms injected into every reply\n\n" + ApiCallReport.timingMarkdown(ApiCallReport.measureTimes());
    Files.writeString(out, render(results, calls), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /** Each Portcullis benchmark and the reference it runs beside, in the same run. */
  private static final List<String[]> PAIRS = List.of(
      new String[] {"CompactionBenchmark.compact", "CompactionBenchmark.sortAndSweep"},
      new String[] {"CompactionBenchmark.compact", "CompactionBenchmark.ipLibraryMerge"},
      new String[] {"PlanBenchmark.plan", "PlanBenchmark.hashSetDifference"},
      new String[] {"PlanBenchmark.plan", "PlanBenchmark.readInputs"},
      new String[] {"TranslationBenchmark.ec2Forward", "TranslationBenchmark.ec2ForwardDirect"},
      new String[] {"TranslationBenchmark.huaweiForward", "TranslationBenchmark.huaweiForwardDirect"},
      new String[] {"BulkTranslationBenchmark.ec2OneCall", "BulkTranslationBenchmark.ec2Direct"},
      new String[] {"BulkTranslationBenchmark.ec2OneCall", "BulkTranslationBenchmark.ec2InChunks"},
      new String[] {"AsyncClientBenchmark.asyncNetty", "AsyncClientBenchmark.syncPool"},
      new String[] {"GroupConcurrencyBenchmark.concurrent", "GroupConcurrencyBenchmark.serial"});

  /** The ratios of time per unit of work, Portcullis over the reference (below 1: Portcullis is faster). */
  static String ratios(Collection<RunResult> results) {
    StringBuilder s = new StringBuilder("\n## Ratios to the references\n\n"
        + "Time per unit of work of the first over the second, with the same parameters in the same run "
        + "(below 1.0 the first is faster).\n\n| benchmark | reference | parameters | ratio |\n|---|---|---|---|\n");
    for (String[] pair : PAIRS) {
      for (RunResult r : results) {
        if (!name(r).equals(pair[0])) {
          continue;
        }
        for (RunResult ref : results) {
          if (name(ref).equals(pair[1]) && parameters(ref).equals(parameters(r))) {
            double a = r.getPrimaryResult().getScore();
            double b = ref.getPrimaryResult().getScore();
            double ratio = r.getParams().getMode() == org.openjdk.jmh.annotations.Mode.Throughput ? b / a : a / b;
            s.append("| ").append(pair[0]).append(" | ").append(pair[1]).append(" | ").append(parameters(r))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f", ratio)).append(" |\n");
          }
        }
      }
    }
    return s.toString();
  }

  /** How the time of each benchmark with a {@code rules} parameter grows from one size to the next. */
  static String growth(Collection<RunResult> results) {
    StringBuilder s = new StringBuilder("\n## Growth with size\n\n"
        + "Time at one size over the time at the size before, in the same run (linear: the ratio of the sizes)."
        + "\n\n| benchmark | from | to | growth |\n|---|---|---|---|\n");
    results.stream().filter(r -> r.getParams().getParamsKeys().contains("rules")).map(Report::name).distinct()
        .forEach(benchmark -> {
          List<RunResult> sizes = results.stream().filter(r -> name(r).equals(benchmark))
              .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.getParams().getParam("rules"))))
              .toList();
          for (int i = 1; i < sizes.size(); i++) {
            s.append("| ").append(benchmark).append(" | ").append(sizes.get(i - 1).getParams().getParam("rules"))
                .append(" | ").append(sizes.get(i).getParams().getParam("rules")).append(" | ")
                .append(String.format(Locale.ROOT, "%.1fx", sizes.get(i).getPrimaryResult().getScore()
                    / sizes.get(i - 1).getPrimaryResult().getScore())).append(" |\n");
          }
        });
    return s.toString();
  }

  private static String name(RunResult r) {
    return r.getParams().getBenchmark().replace("io.portcullis.benchmarks.", "");
  }

  private static String parameters(RunResult r) {
    BenchmarkParams params = r.getParams();
    StringBuilder p = new StringBuilder();
    params.getParamsKeys().forEach(k -> p.append(p.length() == 0 ? "" : ", ").append(k).append('=')
        .append(params.getParam(k)));
    return p.length() == 0 ? "-" : p.toString();
  }

  static String render(Collection<RunResult> results, String calls) {
    StringBuilder s = new StringBuilder("# Benchmark results\n\n");
    s.append("Written by `io.portcullis.benchmarks.Report` on ").append(LocalDate.now()).append(".\n\n");
    s.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB max heap, ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", ")
        .append(ManagementFactory.getRuntimeMXBean().getVmName()).append(' ')
        .append(System.getProperty("java.version")).append(". JMH: 1 fork; warm-up and measurement as in each class")
        .append(" (or as given on the command line: `Report [output.md] [JMH options]`).")
        .append("\n\n## JMH\n\n")
        .append("| benchmark | parameters | score | error (99.9%) | unit | allocated per op |\n")
        .append("|---|---|---|---|---|---|\n");
    for (RunResult r : results) {
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      s.append("| ").append(name(r)).append(" | ").append(parameters(r)).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", primary.getScore())).append(" | ")
          .append(Double.isNaN(primary.getScoreError()) ? "-" : String.format(Locale.ROOT, "%.3f", primary.getScoreError()))
          .append(" | ").append(primary.getScoreUnit()).append(" | ")
          .append(alloc == null ? "-" : String.format(Locale.ROOT, "%.0f B", alloc.getScore())).append(" |\n");
    }
    s.append(ratios(results));
    s.append(growth(results));
    s.append("\nTranslation scores are rules per second (each operation translates 1000 rules), bulk translation "
        + "scores nanoseconds per rule (each operation translates a million, from a collected heap). "
        + "\"allocated per op\" is per rule for translation, per plan or compaction otherwise.\n\n## API calls per apply\n\n")
        .append("Counted by the test kit's fakes for N rules on one group (authoritative plans, the real SDK clients). ")
        .append("The baseline is one call per rule, as per-rule resources (e.g. terraform's) make.\n\n")
        .append(calls);
    return s.toString();
  }
}
