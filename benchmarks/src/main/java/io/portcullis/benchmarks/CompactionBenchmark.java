package io.portcullis.benchmarks;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.RuleCompactor;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Compaction of rules that differ only in their CIDR, beside two references run on the same blocks: the IP
 * library's own {@code mergeToPrefixBlocks} (on addresses parsed beforehand) and a plain sort-and-sweep over
 * numeric ranges ({@link SortAndSweep}). Sets: random IPv4 blocks of every prefix length /16-/32 anywhere in
 * the address space, random IPv6 blocks /32-/128, and dense IPv4 /32s in a /14 that merge into larger blocks.
 * The set-up checks that all three give the same blocks, so that they do the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CompactionBenchmark {
  /** Family, size and shape of the set. */
  @Param({"ipv4-10k", "ipv4-100k", "ipv4-1m", "ipv6-10k", "ipv6-100k", "dense-ipv4-100k"})
  public String set;

  private List<SecurityRule> rules;
  private IPAddress[] addresses;
  private SortAndSweep.Block[] blocks;
  private int bits;
  private final RuleCompactor compactor = new RuleCompactor();

  /** Generates the rules and the references' inputs from the same blocks. */
  @Setup
  public void setUp() {
    String[] parts = set.split("-");
    int count = Integer.parseInt(parts[parts.length - 1].replace("k", "000").replace("m", "000000"));
    boolean ipv6 = parts[0].equals("ipv6");
    boolean dense = parts[0].equals("dense");
    bits = ipv6 ? 128 : 32;
    SplittableRandom random = new SplittableRandom(11);
    rules = new ArrayList<>(count);
    addresses = new IPAddress[count];
    blocks = new SortAndSweep.Block[count];
    for (int i = 0; i < count; i++) {
      IPAddress block;
      if (ipv6) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        block = new IPv6Address(bytes, 32 + random.nextInt(97)).toPrefixBlock();
      } else if (dense) {
        block = new IPv4Address((10 << 24) + random.nextInt(1 << 18), 32);
      } else {
        block = new IPv4Address(random.nextInt(), 16 + random.nextInt(17)).toPrefixBlock();
      }
      addresses[i] = block;
      BigInteger value = block.getValue();
      blocks[i] = new SortAndSweep.Block(value.shiftRight(64).longValue(), value.longValue(),
          block.getNetworkPrefixLength());
      rules.add(SecurityRule.builder().direction(Direction.INGRESS).protocol(Protocol.TCP)
          .ports(PortSet.single(443)).remote(CidrBlock.of(block)).build());
    }
    List<SortAndSweep.Block> expected = sortAndSweep();
    List<SortAndSweep.Block> compacted = compact().stream().map(r -> (CidrBlock) r.remote())
        .map(b -> new SortAndSweep.Block(b.high(), b.low(), b.prefixLength())).toList();
    if (!compacted.equals(expected) || ipLibraryMerge().length != expected.size()) {
      throw new IllegalStateException("the compactor and the references disagree on " + set);
    }
  }

  /** Portcullis: one compaction of the whole rule set. */
  @Benchmark
  public List<SecurityRule> compact() {
    return compactor.compact(rules);
  }

  /** Reference: the IP library merging the same blocks, sorted like the compactor's output. */
  @Benchmark
  public IPAddress[] ipLibraryMerge() {
    IPAddress[] merged = addresses[0].mergeToPrefixBlocks(Arrays.copyOfRange(addresses, 1, addresses.length));
    Arrays.sort(merged);
    return merged;
  }

  /** Reference: a plain sort-and-sweep over the same blocks as numbers. */
  @Benchmark
  public List<SortAndSweep.Block> sortAndSweep() {
    return SortAndSweep.merge(blocks.clone(), bits);
  }
}
