package io.portcullis.benchmarks;

import io.portcullis.aws.ec2.Ec2Capabilities;
import io.portcullis.aws.ec2.Ec2RuleTranslator;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * EC2 forward translation of {@value #RULES} rules of {@link RuleMix} in one call, in calls of {@value #CHUNK},
 * and the reference (the same IpPermissions built directly). Scores are nanoseconds per rule: one call should
 * be no slower per rule than chunks.
 *
 * <p>Sized as {@link PlanBenchmark} is: a million IpPermissions kept alive cost a young collection that copies
 * them all (1-1.5 s on two cores, more than the translation) whenever one falls inside a call, which chunks whose
 * results die at once never pay. So each call starts from a collected heap whose young generation holds
 * everything a call allocates (at most 420 MB), and the scores are the work of translating, not of the collector.
 * Forty single calls each: with fifteen, one call's ratio to chunks ranged 0.91-1.23 between runs of the same code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 40)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Xmn2g"})
public class BulkTranslationBenchmark {
  static final int RULES = 1_000_000;
  static final int CHUNK = 1000;

  private final Ec2RuleTranslator ec2 = Ec2RuleTranslator.strict();
  private List<SecurityRule> rules;

  /** Builds the rules. */
  @Setup
  public void setUp() {
    rules = RuleMix.generate(RULES * 2, 7).stream()
        .filter(r -> Ec2Capabilities.CAPABILITIES.check(r).isEmpty()).limit(RULES).toList();
  }

  /** Collects the previous call's garbage outside the measurement. */
  @Setup(Level.Iteration)
  public void collect() {
    System.gc();
  }

  /** All rules in one call. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public Object ec2OneCall() {
    return ec2.translate(rules);
  }

  /** The same rules in calls of {@value #CHUNK}. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void ec2InChunks(Blackhole blackhole) {
    for (int i = 0; i < rules.size(); i += CHUNK) {
      blackhole.consume(ec2.translate(rules.subList(i, Math.min(rules.size(), i + CHUNK))));
    }
  }

  /** Reference: the same IpPermissions built directly, in one go. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public Object ec2Direct() {
    return DirectSdkObjects.ec2(rules);
  }
}
