package io.portcullis.benchmarks;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
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
import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.RecordedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/**
 * A fleet of N new EC2 groups × 10 rules applied through the fake, every call answered after {@link #LATENCY_MS}
 * (the fake serves the call at once and replies later, so calls overlap as they would at a real endpoint), with
 * {@link #CONCURRENCY} groups at once over 4 scopes and rate limits high enough not to bind. The reference is the
 * ideal, calls × latency ÷ concurrency, counted from the same run: {@code idealMs} beside the score, {@code calls}
 * and {@code throttled} per run as auxiliary counters (summed over the iterations). Heap: {@code
 * retainedBytesPerGroup} is what the run's result keeps per group (heap after a GC, before and after);
 * allocation is JMH's {@code gc.alloc.rate.norm} (fakes and SDK clients included) ÷ groups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class FleetBenchmark {
  static final int LATENCY_MS = 20;
  static final int CONCURRENCY = 32;
  static final int SCOPES = 4;
  static final int RULES = 10;
  private static final List<SecurityRule> DESIRED = desired();

  @Param({"100", "1000"})
  int groups;

  private FakeClouds clouds;
  private Fleet fleet;
  private List<FleetTarget> targets;

  /** Calls and throttles of one run; {@code idealMs} is calls × latency ÷ concurrency. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long calls;
    public long throttled;
    public long idealMs;
    public long notApplied;
    public long retainedBytesPerGroup;
  }

  /** Fresh fakes for each run, so that the fake's own work does not grow with the groups of earlier runs. */
  @Setup(Level.Invocation)
  public void start() {
    clouds = FakeClouds.start();
    for (String op : List.of("DescribeSecurityGroupRules", "DescribeSecurityGroups", "AuthorizeSecurityGroupIngress",
        "RevokeSecurityGroupEgress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress")) {
      clouds.ec2().failAlways(op, Fault.delay(Duration.ofMillis(LATENCY_MS)));
    }
    SecurityGroupRules adapter = clouds.rules(FakeClouds.AWS_EC2);
    RateLimit unbound = new RateLimit(1_000_000, 1_000_000);
    fleet = Fleet.of(scope -> adapter, FleetOptions.builder().parallelism(CONCURRENCY).perScope(CONCURRENCY / SCOPES)
        .rateLimits(RateLimits.builder().set(FakeClouds.AWS_EC2, CallKind.READ, unbound)
            .set(FakeClouds.AWS_EC2, CallKind.MUTATE, unbound).build()).build());
    targets = new ArrayList<>(groups);
    for (int i = 0; i < groups; i++) {
      String id = clouds.ec2().createSecurityGroup("fleet-" + i, "vpc-fleet", false, false);
      FleetScope scope = new FleetScope(FakeClouds.AWS_EC2, Optional.empty(), Optional.of("region-" + i % SCOPES));
      targets.add(new FleetTarget(scope, SecurityGroupRef.ofId(id), DESIRED, PlanMode.AUTHORITATIVE));
    }
  }

  @TearDown(Level.Invocation)
  public void stop() {
    clouds.close();
  }

  @Benchmark
  public FleetResult apply(Counters counters) {
    long before = usedHeap();
    FleetResult result = fleet.run(targets, FleetAction.APPLY);
    counters.retainedBytesPerGroup += Math.max(0, usedHeap() - before) / groups; // the results the run keeps
    List<RecordedCall> calls = clouds.ec2().calls();
    counters.calls += calls.size();
    counters.throttled += result.throttles();
    counters.idealMs += (long) calls.size() * LATENCY_MS / CONCURRENCY;
    counters.notApplied += groups - result.withStatus(GroupStatus.APPLIED).size();
    return result;
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
