package io.portcullis.benchmarks;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning desired against actual rule sets of 1k to 1M rules: 80% unchanged, 10% description updates, 10% to
 * create and 10% extra rules to delete (authoritative), beside the reference in the same run: the difference of
 * two {@code HashSet<SecurityRule>}s both ways (what to create, what to delete), which is the least a plan does.
 *
 * <p>Sized for 1M rules: the heap holds the rule sets (about 360 MB) several times over, and its young generation
 * is large enough that no collection copies the reference's million HashSet entries mid-operation (which made it
 * 3-4x slower); each iteration starts from a collected heap, so neither side pays for the other's garbage. The
 * iterations are long and many, for several operations per sample at 1M and a fully compiled plan: on a busy
 * machine its third one-second warm-up iteration still ran at three times its final time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Xmn2g"})
public class PlanBenchmark {
  @Param({"1000", "10000", "100000", "1000000"})
  public int rules;

  private List<SecurityRule> desired;
  private List<ProvisionedRule> actual;
  private List<SecurityRule> actualRules;

  /** Builds the two rule sets. */
  @Setup
  public void setUp() {
    List<SecurityRule> all = RuleMix.generate(rules + rules / 10, 42);
    desired = all.subList(0, rules);
    actual = new ArrayList<>(rules);
    for (int i = 0; i < rules * 9 / 10; i++) {
      SecurityRule r = desired.get(i);
      actual.add(ProvisionedRule.of("r-" + i, i % 9 == 0 ? r.toBuilder().description(Optional.of("old")).build() : r));
    }
    for (int i = rules; i < all.size(); i++) {
      actual.add(ProvisionedRule.of("r-" + i, all.get(i)));
    }
    actualRules = actual.stream().map(ProvisionedRule::rule).toList();
  }

  /** Collects the previous iteration's garbage outside the measurement. */
  @Setup(Level.Iteration)
  public void collect() {
    System.gc();
  }

  /** One authoritative plan. */
  @Benchmark
  public RulePlan plan() {
    return RulePlan.between(desired, actual, PlanMode.AUTHORITATIVE);
  }

  /**
   * The floor under any plan: one pass over both sides reading what the least plan must, each rule's cached hash
   * of its meaning (and each listed rule's provider id). It shows what the memory alone makes of the growth from
   * one size to the next, once the rules no longer fit in the caches.
   */
  @Benchmark
  public int readInputs() {
    int sum = 0;
    for (SecurityRule rule : desired) {
      sum += rule.withoutDescription().hashCode();
    }
    for (ProvisionedRule p : actual) {
      sum += p.rule().withoutDescription().hashCode() + p.providerId().hashCode();
    }
    return sum;
  }

  /** Reference: the rules to create and to delete as two hash-set differences. */
  @Benchmark
  public int hashSetDifference() {
    Set<SecurityRule> have = new HashSet<>(actualRules);
    Set<SecurityRule> want = new HashSet<>(desired);
    int changes = 0;
    for (SecurityRule rule : desired) {
      changes += have.contains(rule) ? 0 : 1;
    }
    for (SecurityRule rule : actualRules) {
      changes += want.contains(rule) ? 0 : 1;
    }
    return changes;
  }
}
