package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.NoAnswerException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link ApplyOptions#callConcurrency()}: independent calls of one step at once, settled as if sent one by one. */
class ConcurrentApplyTest {
  private static final SecurityGroupRef GROUP = SecurityGroupRef.ofId("sg-1");

  /** A group in memory whose deletes are one independent call per rule; {@code before} runs in each call. */
  private static final class Deletes implements ApplyDriver {
    final Map<String, SecurityRule> rules = new ConcurrentHashMap<>();
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile IntConsumer before = i -> { };

    Deletes(int n) {
      IntStream.range(0, n).forEach(i -> rules.put("r" + i,
          SecurityRule.parse("ingress allow tcp " + (1000 + i) + " from 10.0.0.0/8")));
    }

    RulePlan deleteAll() {
      return RulePlan.between(List.of(), list(), PlanMode.AUTHORITATIVE);
    }

    @Override
    public String provider() {
      return "memory";
    }

    @Override
    public List<ProviderCall> calls(Change kind, List<PlannedChange> changes) {
      return changes.stream().<ProviderCall>map(c -> new ProviderCall() {
        @Override
        public String operation() {
          return "Delete";
        }

        @Override
        public List<PlannedChange> changes() {
          return List.of(c);
        }

        @Override
        public boolean independent() {
          return true;
        }

        @Override
        public CallReply send(boolean dryRun, Runnable onRequest) {
          onRequest.run();
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            threads.add(Thread.currentThread().getName());
            before.accept(Integer.parseInt(c.providerId().orElseThrow().substring(1)));
            rules.remove(c.providerId().orElseThrow());
            return CallReply.ok(Optional.empty());
          } finally {
            inFlight.decrementAndGet();
          }
        }
      }).toList();
    }

    @Override
    public List<ProvisionedRule> list() {
      lists.incrementAndGet();
      List<ProvisionedRule> now = new ArrayList<>();
      rules.forEach((id, r) -> now.add(ProvisionedRule.of(id, r)));
      now.sort((a, b) -> Integer.compare(Integer.parseInt(a.providerId().substring(1)),
          Integer.parseInt(b.providerId().substring(1))));
      return now;
    }

    @Override
    public Optional<QuotaChecker> quota() {
      return Optional.empty();
    }
  }

  private static ApplyOptions concurrency(int n) {
    return ApplyOptions.builder().callConcurrency(n).build();
  }

  private static ProviderError error(String code) {
    return ProviderError.of("memory", code, "injected", null, 0);
  }

  @Test
  void independentCallsRunOnPoolThreadsUpToTheConcurrency() {
    Deletes group = new Deletes(12);
    CountDownLatch fourAtOnce = new CountDownLatch(4);
    group.before = i -> {
      fourAtOnce.countDown();
      await(fourAtOnce); // the first four meet here: only possible if four run at once
    };

    ApplyResult result = ApplyPipeline.apply(group, GROUP, group.deleteAll(), concurrency(4));

    assertTrue(result.isComplete(), result.render());
    assertEquals(12, result.mutatingCalls());
    assertEquals(4, group.maxInFlight.get());
    assertTrue(group.rules.isEmpty());
    assertTrue(group.threads.stream().allMatch(t -> t.startsWith("portcullis-apply-memory")), group.threads.toString());
    assertEquals(IntStream.range(0, 12).mapToObj(i -> "r" + i).toList(),
        result.outcomes().stream().map(o -> o.providerId().orElseThrow()).toList(), "outcomes in call order");
  }

  @Test
  void aFailureStartsNoMoreCallsAndOneReadSettlesThoseInFlight() {
    Deletes group = new Deletes(10);
    CountDownLatch refused = new CountDownLatch(1);
    group.before = i -> {
      if (i == 1) {
        refused.countDown();
        throw new UnauthorizedException(error("AccessDenied"), null);
      }
      if (i == 0) {
        await(refused); // in flight when the refusal is answered
        group.rules.remove("r0");
        throw new NoAnswerException(error(null), null); // carried out, but its reply was lost
      }
    };
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    ApplyListener listener = new ApplyListener() {
      @Override
      public void callSent(String provider, SecurityGroupRef g, String operation, int changes) {
        events.add(Thread.currentThread().getName());
      }
    };
    RulePlan plan = group.deleteAll();
    int listsBefore = group.lists.get();

    ApplyException e = assertThrows(ApplyException.class, () -> ApplyPipeline.apply(group, GROUP, plan,
        concurrency(2).toBuilder().listener(listener).build()));

    assertInstanceOf(UnauthorizedException.class, e.getCause());
    List<Status> statuses = e.result().outcomes().stream().map(RuleOutcome::status).toList();
    assertEquals(Status.APPLIED, statuses.get(0), e.result().render());
    assertEquals(Status.FAILED, statuses.get(1), e.result().render());
    assertEquals(8, statuses.stream().filter(s -> s == Status.NOT_ATTEMPTED).count(), e.result().render());
    assertEquals(2, e.result().mutatingCalls());
    assertEquals(9, group.rules.size());
    assertEquals(listsBefore + 2, group.lists.get(), "the stale-plan check and one re-read for both calls");
    assertEquals(List.of(Thread.currentThread().getName()), events.stream().distinct().toList(),
        "events on the applying thread");
  }

  @Test
  void callConcurrencyOutOfRangeNamesTheField() {
    InvalidSettingException zero = assertThrows(InvalidSettingException.class,
        () -> ApplyOptions.builder().callConcurrency(0));
    assertThrows(InvalidSettingException.class,
        () -> ApplyOptions.builder().callConcurrency(ApplyOptions.MAX_CALL_CONCURRENCY + 1));
    assertTrue(zero.getMessage().contains("callConcurrency"), zero.getMessage());
    assertEquals(1, ApplyOptions.defaults().callConcurrency());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out: the calls did not overlap");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
