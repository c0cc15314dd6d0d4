package io.portcullis.benchmarks;

import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.RuleCompactor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compaction of 10k and 100k rules that differ only in their CIDR: dense single addresses in a /14 (which
 * merge into larger blocks) and scattered IPv6 /64s, half each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CompactionBenchmark {
  @Param({"10000", "100000"})
  public int cidrs;

  private List<SecurityRule> rules;
  private final RuleCompactor compactor = new RuleCompactor();

  /** Generates the rules. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(11);
    Set<String> blocks = new LinkedHashSet<>();
    while (blocks.size() < cidrs / 2) {
      int a = random.nextInt(1 << 18);
      blocks.add("10." + (a >> 16) + "." + (a >> 8 & 0xff) + "." + (a & 0xff) + "/32");
    }
    while (blocks.size() < cidrs) {
      blocks.add(String.format("2001:db8:%x:%x::/64", random.nextInt(1 << 12), random.nextInt(1 << 16)));
    }
    rules = new ArrayList<>(cidrs);
    for (String block : blocks) {
      rules.add(SecurityRule.parse("ingress allow tcp 443 from " + block));
    }
  }

  /** One compaction of the whole set. */
  @Benchmark
  public List<SecurityRule> compact() {
    return compactor.compact(rules);
  }
}
