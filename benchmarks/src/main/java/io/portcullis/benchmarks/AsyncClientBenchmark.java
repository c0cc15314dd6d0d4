package io.portcullis.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.portcullis.testkit.FakeEc2;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Issue 13's choice of client for the fleet: {@link #CALLS} DescribeSecurityGroupRules calls to a fake EC2 that
 * answers each after {@link #LATENCY_MS}, {@code inFlight} at a time, sent by the SDK's async client over Netty
 * ({@link #asyncNetty}) and by the fleet's way, a pool of {@code inFlight} threads over the sync client on Apache
 * ({@link #syncPool}, the reference). Beside the wall time, {@code cpuMsPerRun} is the process's CPU time per run
 * (the fake's share is the same for both) and {@code idealMs} is calls × latency ÷ in flight.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 5)
@Fork(1)
public class AsyncClientBenchmark {
  static final int LATENCY_MS = 50;
  static final int CALLS = 1000;
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPORTCULLISBENCH0", "benchmark"));
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  @Param({"32", "128"})
  int inFlight;

  private FakeEc2 fake;
  private DescribeSecurityGroupRulesRequest request;
  private Ec2Client sync;
  private ExecutorService pool;
  private Ec2AsyncClient async;
  private long cpuBefore;
  private Counters counters;

  /** CPU time and the ideal, per run (summed over the iterations). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long cpuMsPerRun;
    public long idealMs;
  }

  @Setup(Level.Trial)
  public void start() {
    fake = new FakeEc2();
    fake.setLatency(Duration.ofMillis(LATENCY_MS));
    String group = fake.createSecurityGroup("web", "vpc-1", false, true);
    request = DescribeSecurityGroupRulesRequest.builder()
        .filters(Filter.builder().name("group-id").values(group).build()).build();
    URI endpoint = fake.endpoint();
    sync = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(inFlight)).build();
    pool = Executors.newFixedThreadPool(inFlight);
    async = Ec2AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(inFlight)).build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    async.close();
    pool.shutdownNow();
    sync.close();
    fake.close();
  }

  @Setup(Level.Invocation)
  public void before() {
    fake.clearCalls();
    cpuBefore = OS.getProcessCpuTime();
  }

  @TearDown(Level.Invocation)
  public void after() {
    counters.cpuMsPerRun += (OS.getProcessCpuTime() - cpuBefore) / 1_000_000;
    counters.idealMs += (long) CALLS * LATENCY_MS / inFlight;
  }

  /** The reference: {@code inFlight} threads, each sending sync calls. */
  @Benchmark
  public int syncPool(Counters counters) throws Exception {
    this.counters = counters;
    List<Future<Integer>> calls = new ArrayList<>(CALLS);
    for (int i = 0; i < CALLS; i++) {
      calls.add(pool.submit(() -> sync.describeSecurityGroupRules(request).securityGroupRules().size()));
    }
    int rules = 0;
    for (Future<Integer> call : calls) {
      rules += call.get();
    }
    return rules;
  }

  /** The async client, at most {@code inFlight} calls outstanding. */
  @Benchmark
  public int asyncNetty(Counters counters) throws Exception {
    this.counters = counters;
    Semaphore slots = new Semaphore(inFlight);
    List<CompletableFuture<Integer>> calls = new ArrayList<>(CALLS);
    for (int i = 0; i < CALLS; i++) {
      slots.acquire();
      calls.add(async.describeSecurityGroupRules(request).whenComplete((r, e) -> slots.release())
          .thenApply(r -> r.securityGroupRules().size()));
    }
    int rules = 0;
    for (CompletableFuture<Integer> call : calls) {
      rules += call.get();
    }
    return rules;
  }
}
