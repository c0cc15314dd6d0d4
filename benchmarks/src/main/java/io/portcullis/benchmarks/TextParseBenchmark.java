package io.portcullis.benchmarks;

import inet.ipaddr.IPAddressString;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Parsing the text form, warm: rules per second on one thread ({@code parse}, the goal is at least 1M/s), beside
 * its references in the same run: formatting the same rules ({@code formatReference}, the inverse) and building
 * them again from their parsed parts ({@code buildReference}, the validation every rule needs whatever reads it).
 * {@code parse / buildReference} is the parser's overhead over the model. {@code cidrReference} parses just the
 * CIDR blocks among the remotes ({@link CidrBlock} from text), the part of {@code parse} that is address parsing,
 * and {@code cidrIpLibraryReference} the same texts with the IP library, which read every CIDR before.
 * {@link TextParseColdBenchmark} measures the first use in a fresh JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextParseBenchmark {
  static final int RULES = 10_000;

  private List<SecurityRule> rules;
  private List<String> texts;
  private List<String> cidrs;

  /** The rule mix of the other benchmarks, and its text. */
  @Setup
  public void setUp() {
    rules = RuleMix.generate(RULES, 42);
    texts = rules.stream().map(SecurityRule::toText).toList();
    cidrs = rules.stream().filter(r -> r.remote() instanceof CidrBlock).map(r -> r.remote().toText()).toList();
  }

  /** Parses every text; the score is rules per second. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void parse(Blackhole out) {
    for (String text : texts) {
      out.consume(SecurityRule.parse(text));
    }
  }

  /** Formats every rule. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void formatReference(Blackhole out) {
    for (SecurityRule rule : rules) {
      out.consume(rule.toText());
    }
  }

  /** Parses the CIDR block of every rule that has one (85% of the mix); the score is still per rule. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void cidrReference(Blackhole out) {
    for (String cidr : cidrs) {
      out.consume(CidrBlock.parse(cidr));
    }
  }

  /** Parses the same CIDR blocks with the IP library alone (its default parameters), to an address. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void cidrIpLibraryReference(Blackhole out) {
    for (String cidr : cidrs) {
      out.consume(new IPAddressString(cidr).getAddress());
    }
  }

  /** Builds every rule again from its parts, validating them as parsing does. */
  @Benchmark
  @OperationsPerInvocation(RULES)
  public void buildReference(Blackhole out) {
    for (SecurityRule r : rules) {
      out.consume(SecurityRule.builder().direction(r.direction()).action(r.action()).protocol(r.protocol())
          .ports(r.ports()).icmp(r.icmp()).remote(r.remote()).priority(r.priority()).description(r.description())
          .build());
    }
  }
}
