package io.portcullis.benchmarks;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.StaticCredentials;
import io.portcullis.core.fleet.Fleet;
import io.portcullis.core.fleet.FleetAction;
import io.portcullis.core.fleet.FleetOptions;
import io.portcullis.core.fleet.FleetResult;
import io.portcullis.core.fleet.FleetScope;
import io.portcullis.core.fleet.FleetTarget;
import io.portcullis.core.fleet.GroupStatus;
import io.portcullis.core.fleet.RateLimit;
import io.portcullis.core.fleet.RateLimits;
import io.portcullis.core.plan.CallKind;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.testkit.FakeEc2;
import io.portcullis.testkit.FakeEc2Rule;
import io.portcullis.testkit.RecordedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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

/**
 * Issue 13's fleet benchmark: N new EC2 groups × 10 rules over {@link #SCOPES} account/regions, each a fake EC2 of
 * the test kit that answers every call after {@link #LATENCY_MS} and enforces a server-side rate limit per kind of
 * call ({@link #SERVER_READS}, {@link #SERVER_MUTATIONS}: five times EC2's published refill rates, as after a quota
 * increase), answering calls over it with EC2's {@code RequestLimitExceeded} (503). The fleet runs {@link
 * #CONCURRENCY} groups at once ({@code CONCURRENCY / SCOPES} per scope) with client-side limits a little below the
 * server's.
 *
 * <p>The reference is the ideal, counted from the same run ({@code idealMs} beside the score): the larger of calls ×
 * latency ÷ concurrency and, for each scope and kind of call, (calls − burst) ÷ rate. Auxiliary counters, summed over
 * the iterations: {@code calls}; {@code throttled}, the calls the servers refused; {@code fleetThrottles}, the
 * throttles the fleet saw (its own and those the SDK retried); {@code notApplied}, groups whose result is not
 * {@code APPLIED}; {@code notAsDesired}, groups that do not hold exactly the desired rules (read back from the
 * fakes); {@code resultBytesPerGroup}, what the run's result keeps per group (heap after a GC with and without it).
 * The counting happens after the time is taken. 100 and 1,000 groups run by default; the 10,000 of the issue by
 * hand (minutes): {@code java -jar benchmarks/target/benchmarks.jar FleetBenchmark -p groups=10000 -wi 1 -i 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class FleetBenchmark {
  static final int LATENCY_MS = 50;
  static final int CONCURRENCY = 64;
  static final int SCOPES = 4;
  static final int RULES = 10;
  static final RateLimit SERVER_READS = new RateLimit(100, 100);
  static final RateLimit SERVER_MUTATIONS = new RateLimit(25, 50);
  /** The fleet's own limits: 5% below the server's, whose token buckets it cannot see. */
  static final double CLIENT_SHARE = 0.95;
  private static final List<SecurityRule> DESIRED = desired();
  private static final Set<Integer> DESIRED_PORTS = DESIRED.stream()
      .map(r -> r.ports().ranges().get(0).from()).collect(Collectors.toSet());

  @Param({"100", "1000"})
  int groups;

  private List<FakeEc2> fakes;
  private Fleet fleet;
  private List<FleetTarget> targets;
  private FleetResult result;
  private Counters counters;

  /** Per run: calls, throttles, the ideal, groups not applied or not as desired, heap per group. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long calls;
    public long throttled;
    public long fleetThrottles;
    public long idealMs;
    public long notApplied;
    public long notAsDesired;
    public long resultBytesPerGroup;
  }

  /** Fresh fakes for each run, so that the fakes' own work does not grow with the groups of earlier runs. */
  @Setup(Level.Invocation)
  public void start() {
    fakes = new ArrayList<>();
    List<SecurityGroupRules> adapters = new ArrayList<>();
    for (int s = 0; s < SCOPES; s++) {
      FakeEc2 fake = new FakeEc2();
      fake.setLatency(Duration.ofMillis(LATENCY_MS));
      fake.setRateLimit(SERVER_READS, SERVER_MUTATIONS);
      fakes.add(fake);
      adapters.add(SecurityGroupRulesProvider.load("aws-ec2", ProviderSettings.builder().endpoint(fake.endpoint())
          .region("us-east-1").credentials(new StaticCredentials("AKIAPORTCULLISBENCH0", "benchmark")).build()));
    }
    fleet = Fleet.of(scope -> adapters.get(Integer.parseInt(scope.region().get().substring("region-".length()))),
        FleetOptions.builder().parallelism(CONCURRENCY).perScope(CONCURRENCY / SCOPES)
            .rateLimits(RateLimits.builder().set("aws-ec2", CallKind.READ, client(SERVER_READS))
                .set("aws-ec2", CallKind.MUTATE, client(SERVER_MUTATIONS)).build()).build());
    targets = new ArrayList<>(groups);
    for (int i = 0; i < groups; i++) {
      String id = fakes.get(i % SCOPES).createSecurityGroup("fleet-" + i, "vpc-fleet", false, false);
      FleetScope scope = new FleetScope("aws-ec2", Optional.empty(), Optional.of("region-" + i % SCOPES));
      targets.add(new FleetTarget(scope, SecurityGroupRef.ofId(id), DESIRED, PlanMode.AUTHORITATIVE));
    }
  }

  /** Counts the run just timed (outside the time), then stops the fakes. */
  @TearDown(Level.Invocation)
  public void stop() {
    long withResult = usedHeap();
    counters.fleetThrottles += result.throttles();
    counters.notApplied += groups - result.withStatus(GroupStatus.APPLIED).size();
    result = null; // measured below by its absence
    counters.resultBytesPerGroup += Math.max(0, withResult - usedHeap()) / groups;
    long ideal = 0;
    long allCalls = 0;
    for (FakeEc2 fake : fakes) {
      List<RecordedCall> calls = fake.calls();
      long mutations = calls.stream().filter(RecordedCall::mutating).count();
      allCalls += calls.size();
      counters.throttled += fake.throttledCallCount();
      ideal = Math.max(ideal, Math.max(bound(calls.size() - mutations, SERVER_READS),
          bound(mutations, SERVER_MUTATIONS)));
    }
    counters.calls += allCalls;
    counters.idealMs += Math.max(ideal, allCalls * LATENCY_MS / CONCURRENCY);
    counters.notAsDesired += groups - asDesired();
    fakes.forEach(FakeEc2::close);
  }

  /** The run; {@code counters} is filled in by {@link #stop}, after the time is taken. */
  @Benchmark
  public void apply(Counters counters) {
    this.counters = counters;
    result = fleet.run(targets, FleetAction.APPLY);
  }

  /** The milliseconds a server's limit needs for {@code calls} calls. */
  private static long bound(long calls, RateLimit limit) {
    return (long) (Math.max(0, calls - limit.burst()) * 1000 / limit.perSecond());
  }

  private static RateLimit client(RateLimit server) {
    return new RateLimit(server.perSecond() * CLIENT_SHARE, (int) (server.burst() * CLIENT_SHARE));
  }

  /** The groups holding exactly the desired rules: ingress TCP 8000-8009 from 10.0.0.0/8, nothing else. */
  private int asDesired() {
    int ok = 0;
    for (int i = 0; i < groups; i++) {
      List<FakeEc2Rule> held = fakes.get(i % SCOPES).rules(targets.get(i).group().id().get());
      Set<Integer> ports = held.stream().filter(r -> !r.egress() && r.ipProtocol().equals("tcp")
          && r.fromPort() == r.toPort() && r.cidrIpv4().equals(Optional.of("10.0.0.0/8")))
          .map(FakeEc2Rule::fromPort).collect(Collectors.toSet());
      ok += held.size() == RULES && ports.equals(DESIRED_PORTS) ? 1 : 0;
    }
    return ok;
  }

  /** The heap in use after a collection: rough, but enough to see whether it grows linearly with groups. */
  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static List<SecurityRule> desired() {
    List<SecurityRule> rules = new ArrayList<>();
    for (int i = 0; i < RULES; i++) {
      rules.add(SecurityRule.parse("ingress allow tcp " + (8000 + i) + " from 10.0.0.0/8"));
    }
    return List.copyOf(rules);
  }
}
