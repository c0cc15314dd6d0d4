package io.portcullis.benchmarks;

import io.portcullis.core.SecurityRule;
import java.util.Arrays;
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
 * others to {@code 1} and to the warm rate of {@link TextParseBenchmark} says whether setup dominates. Beside it,
 * {@code parseFirstUseThroughLibrary} parses the same rules with every prefix length written with a leading zero
 * ({@code /032}), a form only the IP library reads: the first use as it was when the library read every CIDR.
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
  private List<String> libraryTexts;

  /**
   * Texts of the shape the rule mix formats to, built by hand so that no parser class is loaded yet, with plain
   * loops and a StringBuilder: a lambda or string concatenation here would bootstrap, before the measurement,
   * machinery a first parse may need.
   */
  @Setup(Level.Trial)
  public void setUp() {
    String[] ports = {"22", "443", "22,80,443", "8000-8080", "5432"};
    String[] common = new String[rules];
    String[] library = new String[rules];
    for (int i = 0; i < rules; i++) {
      StringBuilder s = new StringBuilder(80);
      int prefix = -1;
      switch (i % 4) {
        case 0 -> {
          s.append("ingress allow tcp ").append(ports[i % 5]).append(" from 10.").append(i >> 16 & 0xff).append('.')
              .append(i >> 8 & 0xff).append('.').append(i & 0xff).append('/');
          prefix = s.length();
          s.append("32");
        }
        case 1 -> {
          s.append("egress allow udp 53 to 2001:db8:").append(Integer.toHexString(i >> 16)).append(':')
              .append(Integer.toHexString(i & 0xffff)).append("::/");
          prefix = s.length();
          s.append("64 \"rule ").append(i).append('"');
        }
        case 2 -> s.append("ingress allow tcp ").append(ports[i % 5]).append(" from sg-")
            .append(String.format("%08x", i)).append(" owner 123456789012");
        default -> s.append("ingress allow icmp type 3 code ").append(i % 16).append(" from 10.0.")
            .append(i >> 8 & 0xff).append('.').append(i & 0xff);
      }
      common[i] = s.toString();
      library[i] = prefix >= 0 ? s.insert(prefix, '0').toString() : i % 4 == 3 ? s.append("/032").toString()
          : common[i];
    }
    texts = Arrays.asList(common);
    libraryTexts = Arrays.asList(library);
  }

  /** Parses every text once, in a JVM that has not parsed a rule before. */
  @Benchmark
  public void parseFirstUse(Blackhole out) {
    for (String text : texts) {
      out.consume(SecurityRule.parse(text));
    }
  }

  /** The same rules with every CIDR read by the IP library, in a JVM that has not parsed a rule before. */
  @Benchmark
  public void parseFirstUseThroughLibrary(Blackhole out) {
    for (String text : libraryTexts) {
      out.consume(SecurityRule.parse(text));
    }
  }
}
