package io.portcullis.benchmarks;

import io.portcullis.core.SecurityRule;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The first use of the parser in a fresh JVM: one shot per fork of parsing 1, 10k and 100k rules of text
 * (generated as strings without touching the parser). One rule is the one-time setup; the ratio of the
 * others to {@code 1} and to the warm rate of {@link TextParseBenchmark} says whether setup dominates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class TextParseColdBenchmark {
  @Param({"1", "10000", "100000"})
  public int rules;

  private List<String> texts;

  /** Texts of the shape the rule mix formats to, built by hand so that no parser class is loaded yet. */
  @Setup(Level.Trial)
  public void setUp() {
    String[] ports = {"22", "443", "22,80,443", "8000-8080", "5432"};
    texts = java.util.stream.IntStream.range(0, rules).mapToObj(i -> switch (i % 4) {
      case 0 -> "ingress allow tcp " + ports[i % 5] + " from 10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "."
          + (i & 0xff) + "/32";
      case 1 -> "egress allow udp 53 to 2001:db8:" + Integer.toHexString(i >> 16) + ":"
          + Integer.toHexString(i & 0xffff) + "::/64 \"rule " + i + "\"";
      case 2 -> "ingress allow tcp " + ports[i % 5] + " from sg-" + String.format("%08x", i) + " owner 123456789012";
      default -> "ingress allow icmp type 3 code " + (i % 16) + " from 10.0." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }).toList();
  }

  /** Parses every text once, in a JVM that has not parsed a rule before. */
  @Benchmark
  public void parseFirstUse(Blackhole out) {
    for (String text : texts) {
      out.consume(SecurityRule.parse(text));
    }
  }
}
