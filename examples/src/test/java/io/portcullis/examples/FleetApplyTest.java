package io.portcullis.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.fleet.Fleet;
import io.portcullis.core.fleet.FleetAction;
import io.portcullis.core.fleet.FleetListener;
import io.portcullis.core.fleet.FleetOptions;
import io.portcullis.core.fleet.FleetResult;
import io.portcullis.core.fleet.FleetRun;
import io.portcullis.core.fleet.FleetScope;
import io.portcullis.core.fleet.FleetTarget;
import io.portcullis.core.fleet.GroupResult;
import io.portcullis.core.fleet.GroupStatus;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.CallKind;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.PortcullisException;
import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.Fault;
import io.portcullis.testkit.RecordedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet against the three fake clouds: concurrency caps, independence, throttling and cancellation. */
class FleetApplyTest {
  private static final List<SecurityRule> WEB = List.of(
      SecurityRule.parse("ingress allow tcp 443 from 0.0.0.0/0"),
      SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"));
  private static final List<SecurityRule> CACHE = List.of(
      SecurityRule.parse("ingress allow any from group-name app owner 123456789012"),
      SecurityRule.parse("ingress allow any from group-name web owner 123456789012"));

  private FakeClouds clouds;

  @BeforeEach
  void start() {
    clouds = FakeClouds.start();
  }

  @AfterEach
  void stop() {
    clouds.close();
  }

  private Fleet fleet(FleetOptions options) {
    return Fleet.of(scope -> clouds.rules(scope.provider()), options);
  }

  private static FleetScope scope(String provider) {
    return new FleetScope(provider, Optional.empty(), Optional.empty());
  }

  /** {@code ec2} EC2 groups, {@code cache} ElastiCache groups and {@code huawei} Huawei groups, all empty. */
  private List<FleetTarget> targets(int ec2, int cache, int huawei) {
    List<FleetTarget> targets = new ArrayList<>();
    for (int i = 0; i < ec2; i++) {
      String id = clouds.ec2().createSecurityGroup("fleet-" + i, "vpc-0default", false);
      targets.add(new FleetTarget(scope(FakeClouds.AWS_EC2), SecurityGroupRef.ofId(id), WEB, PlanMode.AUTHORITATIVE));
    }
    for (int i = 0; i < cache; i++) {
      clouds.elastiCache().createCacheSecurityGroup("cache-" + i, "fleet");
      targets.add(new FleetTarget(scope(FakeClouds.AWS_ELASTICACHE), SecurityGroupRef.ofName("cache-" + i), CACHE,
          PlanMode.AUTHORITATIVE));
    }
    for (int i = 0; i < huawei; i++) {
      String id = clouds.huaweiVpc().createSecurityGroup("fleet-" + i, false);
      targets.add(new FleetTarget(scope(FakeClouds.HUAWEICLOUD_VPC), SecurityGroupRef.ofId(id), WEB,
          PlanMode.AUTHORITATIVE));
    }
    return targets;
  }

  /** Counts calls in flight per provider and overall, and keeps the highest counts seen. */
  private static final class InFlight implements FleetListener {
    final Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> max = new ConcurrentHashMap<>();
    final AtomicInteger all = new AtomicInteger();
    final AtomicInteger maxAll = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();

    @Override
    public void callSent(String provider, SecurityGroupRef group, String operation, int changes) {
      int n = now.computeIfAbsent(provider, p -> new AtomicInteger()).incrementAndGet();
      max.computeIfAbsent(provider, p -> new AtomicInteger()).accumulateAndGet(n, Math::max);
      maxAll.accumulateAndGet(all.incrementAndGet(), Math::max);
    }

    @Override
    public void callAnswered(String provider, SecurityGroupRef group, String operation,
        Optional<String> requestId, Optional<PortcullisException> failure) {
      now.get(provider).decrementAndGet();
      all.decrementAndGet();
    }

    @Override
    public void groupEnded(GroupResult result, io.portcullis.core.fleet.FleetProgress progress) {
      ended.incrementAndGet();
    }
  }

  @Test
  void appliesManyGroupsOnAllThreeProvidersWithinTheConcurrencyCaps() {
    List<FleetTarget> targets = targets(24, 12, 12);
    InFlight listener = new InFlight();
    Fleet fleet = fleet(FleetOptions.builder().parallelism(4).perScope(2).listener(listener).build());

    FleetResult result = fleet.run(targets, FleetAction.APPLY);

    assertEquals(48, result.withStatus(GroupStatus.APPLIED).size(), result.summary());
    assertTrue(result.isComplete());
    assertEquals(48, listener.ended.get());
    for (String provider : List.of(FakeClouds.AWS_EC2, FakeClouds.AWS_ELASTICACHE, FakeClouds.HUAWEICLOUD_VPC)) {
      int max = listener.max.get(provider).get();
      assertTrue(max >= 1 && max <= 2, provider + " had " + max + " calls in flight");
    }
    assertTrue(listener.maxAll.get() <= 4, "calls in flight: " + listener.maxAll.get());
    // Every group holds its rules: a second plan finds nothing to do.
    FleetResult again = fleet.run(targets, FleetAction.PLAN);
    assertEquals(48, again.withStatus(GroupStatus.NO_CHANGES).size(), again.summary());
    assertEquals(2, clouds.ec2().rules(targets.get(0).group().id().get()).size());
    assertTrue(result.groups().stream().allMatch(g -> g.calls() >= 2), "each group read and wrote");
  }

  @Test
  void theApplyOptionsCallConcurrencyOverlapsEachGroupsAuthorisations() {
    List<FleetTarget> targets = targets(0, 3, 0);
    clouds.elastiCache().setLatency(Duration.ofMillis(30));
    InFlight listener = new InFlight();
    Fleet fleet = fleet(FleetOptions.builder().parallelism(1).listener(listener)
        .apply(ApplyOptions.builder().callConcurrency(2).build()).build());

    FleetResult result = fleet.run(targets, FleetAction.APPLY);

    assertEquals(3, result.withStatus(GroupStatus.APPLIED).size(), result.summary());
    assertEquals(2, listener.maxAll.get(), "one group at a time, its two authorisations at once");
    assertEquals(2, clouds.elastiCache().maxInFlight());
  }

  @Test
  void aFailingGroupDoesNotStopTheOthers() {
    List<FleetTarget> targets = new ArrayList<>(targets(6, 0, 3));
    FleetTarget missing = new FleetTarget(scope(FakeClouds.AWS_EC2), SecurityGroupRef.ofId("sg-0000000000000dead"),
        WEB, PlanMode.AUTHORITATIVE);
    targets.add(3, missing);
    // The Huawei group after the first one refuses its create.
    clouds.huaweiVpc().failMutatingCall(1, Fault.forbidden());

    FleetResult result = fleet(FleetOptions.builder().parallelism(3).perScope(1).build())
        .run(targets, FleetAction.APPLY);

    assertEquals(GroupStatus.FAILED, result.groups().get(3).status());
    assertTrue(result.groups().get(3).error().get().getCause() instanceof GroupNotFoundException,
        result.groups().get(3).toString());
    assertEquals(2, result.withStatus(GroupStatus.FAILED).size(), result.summary());
    assertEquals(8, result.withStatus(GroupStatus.APPLIED).size(), result.summary());
    GroupResult refused = result.withStatus(GroupStatus.FAILED).stream()
        .filter(g -> g.target().scope().provider().equals(FakeClouds.HUAWEICLOUD_VPC)).findFirst().orElseThrow();
    assertTrue(refused.result().isPresent(), "the refused apply reports each change's outcome");
    assertFalse(result.isComplete());
  }

  /** Hears the fleet's throttles: kind and new rate per provider. */
  private static final class Throttles implements FleetListener {
    final Map<String, List<CallKind>> kinds = new ConcurrentHashMap<>();
    final Map<String, List<Double>> rates = new ConcurrentHashMap<>();

    @Override
    public void throttled(FleetScope scope, CallKind kind, double rate) {
      kinds.computeIfAbsent(scope.provider(), p -> new CopyOnWriteArrayList<>()).add(kind);
      rates.computeIfAbsent(scope.provider(), p -> new CopyOnWriteArrayList<>()).add(rate);
    }
  }

  @Test
  void aThrottledCallSlowsTheScopesLimiterAndTheGroupIsAppliedAgain() {
    List<FleetTarget> targets = targets(4, 0, 0);
    // Throttled past the SDK's three attempts, then once more when the group is applied again.
    clouds.ec2().failMutatingCall(0, Fault.throttled().times(4));
    Throttles throttles = new Throttles();

    // One group of the scope at a time, so that the SDK's own retries of the throttled call meet every throttle.
    FleetResult result = fleet(FleetOptions.builder().parallelism(2).perScope(1).listener(throttles)
        .throttleBackoff(Duration.ofMillis(10)).build()).run(targets, FleetAction.APPLY);

    assertEquals(4, result.withStatus(GroupStatus.APPLIED).size(), result.summary());
    // Every throttle counts, the three the SDK retried as well as the one that failed the first apply.
    assertEquals(4, result.throttles(), result.summary());
    assertEquals(Collections.nCopies(4, CallKind.MUTATE), throttles.kinds.get(FakeClouds.AWS_EC2));
    assertEquals(List.of(2.5, 1.25, 0.625, 0.3125), throttles.rates.get(FakeClouds.AWS_EC2),
        "EC2's 5 mutating calls a second, halved at each throttle");
    targets.forEach(t -> assertEquals(2, clouds.ec2().rules(t.group().id().get()).size()));
  }

  @Test
  void aThrottleTheClientRetriedOnItsOwnStillSlowsTheScopesLimiter() {
    List<FleetTarget> targets = targets(1, 1, 1);
    clouds.all().forEach(fake -> fake.failMutatingCall(0, Fault.throttled())); // the retry is answered
    Throttles throttles = new Throttles();

    FleetResult result = fleet(FleetOptions.builder().listener(throttles).throttleBackoff(Duration.ofMillis(10))
        .build()).run(targets, FleetAction.APPLY);

    assertEquals(3, result.withStatus(GroupStatus.APPLIED).size(), result.summary());
    assertEquals(3, result.throttles(), result.summary());
    for (String provider : List.of(FakeClouds.AWS_EC2, FakeClouds.AWS_ELASTICACHE, FakeClouds.HUAWEICLOUD_VPC)) {
      assertEquals(List.of(CallKind.MUTATE), throttles.kinds.get(provider), provider);
      assertEquals(List.of(2.5), throttles.rates.get(provider), provider + ": 5 mutating calls a second, halved");
    }
    // The throttled attempt reached each fake, with the provider's own throttling status, before the retry.
    assertEquals(List.of(503, 400, 429), clouds.all().stream().map(fake -> fake.calls().stream()
        .filter(RecordedCall::mutating).findFirst().orElseThrow().status()).toList());
  }

  @Test
  void aThrottleRetriedInACallSentBesideOthersStillSlowsTheScopesLimiter() {
    List<FleetTarget> targets = targets(0, 1, 0);
    clouds.elastiCache().failMutatingCall(1, Fault.throttled()); // the retry is answered
    clouds.elastiCache().setLatency(Duration.ofMillis(20));
    Throttles throttles = new Throttles();

    FleetResult result = fleet(FleetOptions.builder().listener(throttles).throttleBackoff(Duration.ofMillis(10))
        .apply(ApplyOptions.builder().callConcurrency(2).build()).build()).run(targets, FleetAction.APPLY);

    assertEquals(1, result.withStatus(GroupStatus.APPLIED).size(), result.summary());
    assertEquals(2, clouds.elastiCache().maxInFlight(), "the two authorisations were sent at once");
    assertEquals(1, result.throttles(), "heard from the thread that sent the call, not the one that admitted it");
    assertEquals(List.of(CallKind.MUTATE), throttles.kinds.get(FakeClouds.AWS_ELASTICACHE));
  }

  @Test
  void cancellingMidFleetLeavesEveryGroupWithAKnownOutcome() throws Exception {
    List<FleetTarget> targets = targets(20, 0, 10);
    Map<FleetTarget, Integer> before = new ConcurrentHashMap<>();
    targets.forEach(t -> before.put(t, held(t)));
    AtomicReference<FleetRun> run = new AtomicReference<>();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    FleetListener listener = new FleetListener() {
      @Override
      public void groupEnded(GroupResult result, io.portcullis.core.fleet.FleetProgress progress) {
        ended.incrementAndGet();
      }

      @Override
      public void callAnswered(String provider, SecurityGroupRef group, String operation,
          Optional<String> requestId, Optional<PortcullisException> failure) {
        if (answered.incrementAndGet() == 3) {
          synchronized (run) {
            run.get().cancel();
          }
        }
      }
    };
    Fleet fleet = fleet(FleetOptions.builder().parallelism(2).perScope(1).listener(listener).build());
    synchronized (run) {
      run.set(fleet.start(targets, FleetAction.APPLY));
    }

    FleetResult result = run.get().await();

    assertEquals(30, result.groups().size());
    assertEquals(30, ended.get(), "the listener hears every group end, those never started too");
    int notAttempted = result.withStatus(GroupStatus.NOT_ATTEMPTED).size();
    assertTrue(notAttempted >= 20, result.summary());
    for (GroupResult g : result.groups()) {
      assertTrue(g.status() == GroupStatus.APPLIED || g.status() == GroupStatus.NOT_ATTEMPTED
          || g.status() == GroupStatus.CANCELLED, g.toString());
      int held = held(g.target());
      if (g.status() == GroupStatus.NOT_ATTEMPTED) {
        assertEquals(before.get(g.target()), held, g + ": nothing was sent");
      } else if (g.status() == GroupStatus.APPLIED) {
        assertTrue(held(g.target()) >= 2, g.toString());
      }
    }
    // No group started after the cancel: at most the two in flight finished their call.
    assertTrue(result.withStatus(GroupStatus.APPLIED).size() <= 5, result.summary());
  }

  private int held(FleetTarget t) {
    String id = t.group().id().get();
    return t.scope().provider().equals(FakeClouds.AWS_EC2) ? clouds.ec2().rules(id).size()
        : clouds.huaweiVpc().rules(id).size();
  }
}
