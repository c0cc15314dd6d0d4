package io.portcullis.benchmarks;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.huaweicloud.vpc.HuaweiSecurityGroupRules;
import io.portcullis.testkit.FakeHuaweiVpc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Huawei group's authoritative delete of {@link #RULES} rules (v3 has no batch delete: one call per rule), every
 * reply {@link #LATENCY_MS} late, with {@link ApplyOptions#callConcurrency} {@link #CONCURRENCY} ({@code
 * concurrent}) against one call at a time ({@code serial}, the reference) in the same run. {@code idealMs} is
 * deletes × latency ÷ concurrency and {@code notApplied} the deletes not applied (must be 0), both summed over the
 * measurement iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class GroupConcurrencyBenchmark {
  static final int RULES = 200;
  static final int LATENCY_MS = 20;
  static final int CONCURRENCY = 8;
  private static final List<SecurityRule> DESIRED = IntStream.range(0, RULES)
      .mapToObj(i -> SecurityRule.parse("ingress allow tcp " + (10000 + i) + " from 10.0.0.0/8 priority 1")).toList();

  private FakeHuaweiVpc fake;
  private HuaweiSecurityGroupRules rules;
  private SecurityGroupRef group;
  private RulePlan plan;

  /** The ideal time of the run and the deletes it did not apply. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long idealMs;
    public long notApplied;
  }

  @Setup(Level.Trial)
  public void start() {
    fake = new FakeHuaweiVpc();
    fake.setRuleQuota(RULES);
    VpcClient client = VpcClient.newBuilder()
        .withHttpConfig(HttpConfig.getDefaultHttpConfig())
        .withCredential(new BasicCredentials().withAk("AKBENCH").withSk("SKBENCH").withProjectId(fake.projectId()))
        .withEndpoints(List.of(fake.endpoint().toString()))
        .build();
    rules = new HuaweiSecurityGroupRules(client).withRuleQuota(RULES);
  }

  /** A fresh group holding the rules, filled without latency; the plan deletes them all. */
  @Setup(Level.Invocation)
  public void fill() {
    fake.setLatency(Duration.ZERO);
    group = SecurityGroupRef.ofId(fake.createSecurityGroup("bench", false));
    rules.apply(group, rules.plan(group, DESIRED, PlanMode.ADDITIVE));
    plan = rules.plan(group, List.of(), PlanMode.AUTHORITATIVE);
    fake.setLatency(Duration.ofMillis(LATENCY_MS));
  }

  @TearDown(Level.Trial)
  public void stop() {
    fake.close();
  }

  @Benchmark
  public ApplyResult serial(Counters counters) {
    return delete(1, counters);
  }

  @Benchmark
  public ApplyResult concurrent(Counters counters) {
    return delete(CONCURRENCY, counters);
  }

  private ApplyResult delete(int concurrency, Counters counters) {
    ApplyResult result = rules.apply(group, plan, ApplyOptions.builder().callConcurrency(concurrency).build());
    counters.idealMs += (long) RULES * LATENCY_MS / concurrency;
    counters.notApplied += RULES - result.withStatus(Status.APPLIED).size();
    return result;
  }
}
