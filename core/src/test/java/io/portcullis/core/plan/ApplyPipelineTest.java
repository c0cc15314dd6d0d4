package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.plan.MemoryGroup.Fault;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The apply pipeline against a group in memory: ordering, settling, guards and events. */
class ApplyPipelineTest {
  private static final SecurityGroupRef GROUP = SecurityGroupRef.ofId("sg-1");
  private static final String SSH_OLD = "ingress allow tcp 22 from 198.51.100.0/24";
  private static final String SSH_NEW = "ingress allow tcp 22 from 203.0.113.0/24";
  private static final String WEB = "ingress allow tcp 443 from 0.0.0.0/0";

  private static ApplyResult apply(MemoryGroup group, RulePlan plan) {
    return ApplyPipeline.apply(group, GROUP, plan, ApplyOptions.defaults());
  }

  private static List<Status> statuses(ApplyResult result) {
    return result.outcomes().stream().map(RuleOutcome::status).toList();
  }

  private static Set<SecurityRule> rules(MemoryGroup group) {
    return Set.copyOf(group.rules.values());
  }

  private static Set<SecurityRule> parse(String... texts) {
    return java.util.Arrays.stream(texts).map(SecurityRule::parse).collect(Collectors.toSet());
  }

  @Test
  void aReplacedRuleIsCreatedBeforeTheOldOneIsDeleted() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD, WEB);

    ApplyResult result = apply(group, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW, WEB));

    assertTrue(result.isComplete(), result.render());
    assertEquals(List.of("CREATE " + SSH_NEW, "DELETE r0"), group.sent);
    assertEquals(parse(SSH_NEW, WEB), rules(group));
  }

  @Test
  void whenTheCreateIsRefusedTheOldRuleStays() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    group.faults.put(0, Fault.REFUSED);

    ApplyException e = assertThrows(ApplyException.class,
        () -> apply(group, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW)));

    assertInstanceOf(UnauthorizedException.class, e.getCause());
    assertEquals(List.of(Status.FAILED, Status.NOT_ATTEMPTED), statuses(e.result()), e.result().render());
    assertEquals(parse(SSH_OLD), rules(group), "nobody is locked out");
  }

  @Test
  void aTightQuotaDeletesOnlyWhatMakesRoomPreferringRulesAlreadyReplaced() {
    MemoryGroup roomForOne = new MemoryGroup().with(SSH_OLD, WEB).quota(3);
    String webV6 = "ingress allow tcp 443 from ::/0";
    RulePlan plan = roomForOne.plan(PlanMode.AUTHORITATIVE, SSH_NEW, "ingress allow tcp 443 from 192.0.2.0/24");

    ApplyResult result = apply(roomForOne, plan);

    assertTrue(result.isComplete(), result.render());
    // Each old rule goes right after its replacement exists; nothing desired is ever absent.
    assertEquals(List.of("CREATE " + SSH_NEW, "DELETE r0", "CREATE ingress allow tcp 443 from 192.0.2.0/24",
        "DELETE r1"), roomForOne.sent);
    assertTrue(ApplyPipeline.annotate(plan, roomForOne.quota()).render().contains("quota:"));
    assertFalse(ApplyPipeline.annotate(plan, roomForOne.quota()).render().contains("absent"));

    // Room for nothing more: a rule nobody wants goes first, then each replaced rule right after its replacement.
    MemoryGroup full = new MemoryGroup().with(SSH_OLD, WEB).quota(2);
    assertTrue(apply(full, full.plan(PlanMode.AUTHORITATIVE, SSH_NEW, webV6)).isComplete());
    assertEquals(List.of("DELETE r1", "CREATE " + SSH_NEW, "DELETE r0", "CREATE " + webV6), full.sent);

    // Only when nothing else frees room is a rule deleted before its replacement exists, and the plan says so.
    MemoryGroup one = new MemoryGroup().with(SSH_OLD).quota(1);
    RulePlan forced = one.plan(PlanMode.AUTHORITATIVE, SSH_NEW);
    String render = ApplyPipeline.annotate(forced, one.quota()).render();
    assertTrue(render.contains("r0") && render.contains("absent in between"), render);
    assertTrue(apply(one, forced).isComplete());
    assertEquals(List.of("DELETE r0", "CREATE " + SSH_NEW), one.sent);
  }

  @Test
  void aPeakThatFitsKeepsEveryCreateFirst() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD, WEB).quota(4);

    apply(group, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW, "ingress allow tcp 8443 from 0.0.0.0/0"));

    assertEquals(List.of("CREATE " + SSH_NEW, "CREATE ingress allow tcp 8443 from 0.0.0.0/0", "DELETE r0",
        "DELETE r1"), group.sent);
  }

  @Test
  void aRetryAnsweringDuplicateOrNotFoundIsSettledAsApplied() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    group.faults.put(0, Fault.RETRY_SAYS_DONE);
    group.faults.put(1, Fault.RETRY_SAYS_DONE);

    ApplyResult result = apply(group, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW));

    assertTrue(result.isComplete(), result.render());
    assertEquals(List.of(Status.APPLIED, Status.APPLIED), statuses(result));
    assertEquals(Optional.of("r1"), result.outcomes().get(0).providerId(), "the id is read back");
  }

  @Test
  void aLostReplyAfterSuccessIsSettledAndTheApplyGoesOn() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    group.faults.put(0, Fault.LOST_REPLY);

    ApplyResult result = apply(group, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW, WEB));

    assertTrue(result.isComplete(), result.render());
    assertEquals(parse(SSH_NEW, WEB), rules(group));
  }

  @Test
  void aLostRequestIsSettledAsFailedAndNothingIsDeleted() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    group.faults.put(0, Fault.LOST_REQUEST);

    ApplyException e = assertThrows(ApplyException.class,
        () -> apply(group, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW)));

    assertEquals(List.of(Status.FAILED, Status.NOT_ATTEMPTED), statuses(e.result()));
    assertEquals(parse(SSH_OLD), rules(group));
  }

  @Test
  void whenTheReReadFailsTooAnAmbiguousOutcomeIsUnknownAndARefusalIsFailed() {
    MemoryGroup lost = new MemoryGroup().with(SSH_OLD);
    lost.faults.put(0, Fault.LOST_REPLY);
    RulePlan plan = lost.plan(PlanMode.AUTHORITATIVE, SSH_NEW);
    List<ProvisionedRule> snapshot = lost.snapshot();
    lost.listFails = true;

    // The plan's snapshot check needs a listing: let the first one through.
    ApplyException e = assertThrows(ApplyException.class, () -> ApplyPipeline.apply(new ListOnce(lost, snapshot),
        GROUP, plan, ApplyOptions.defaults()));

    assertEquals(List.of(Status.UNKNOWN, Status.NOT_ATTEMPTED), statuses(e.result()), e.result().render());
    assertTrue(e.result().outcomes().get(0).detail().orElseThrow().contains("could not be re-read"));
    assertFalse(e.result().isComplete());

    MemoryGroup refused = new MemoryGroup().with(SSH_OLD);
    refused.faults.put(0, Fault.REFUSED);
    RulePlan again = refused.plan(PlanMode.AUTHORITATIVE, SSH_NEW);
    List<ProvisionedRule> before = refused.snapshot();
    refused.listFails = true;
    ApplyException r = assertThrows(ApplyException.class, () -> ApplyPipeline.apply(new ListOnce(refused, before),
        GROUP, again, ApplyOptions.defaults()));
    assertEquals(List.of(Status.FAILED, Status.NOT_ATTEMPTED), statuses(r.result()));
  }

  @Test
  void aSuccessThatListsFewerCreatedRulesIsSettledByReadingTheGroup() {
    MemoryGroup group = new MemoryGroup();
    group.faults.put(0, Fault.EMPTY_REPLY);

    ApplyResult result = apply(group, group.plan(PlanMode.ADDITIVE, SSH_NEW, WEB));

    assertTrue(result.isComplete(), result.render());
    assertEquals(Set.of(Optional.of("r0"), Optional.of("r1")),
        result.outcomes().stream().map(RuleOutcome::providerId).collect(Collectors.toSet()));
    assertEquals(2, group.lists, "the stale-plan check and the settling read");
  }

  @Test
  void anInterruptStopsNewCallsSettlesTheCallInFlightAndIsRestored() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    group.faults.put(0, Fault.INTERRUPTED_AFTER);
    try {
      ApplyException e = assertThrows(ApplyException.class,
          () -> apply(group, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW)));

      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is restored");
      assertEquals(List.of(Status.APPLIED, Status.NOT_ATTEMPTED), statuses(e.result()), e.result().render());
      assertEquals(List.of("CREATE " + SSH_NEW), group.sent, "no call after the interrupt");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anInterruptBetweenCallsSendsNothingMore() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    ApplyListener interrupter = new ApplyListener() {
      @Override
      public void callAnswered(String provider, SecurityGroupRef g, String operation, Optional<String> requestId,
          Optional<io.portcullis.core.PortcullisException> failure) {
        Thread.currentThread().interrupt();
      }
    };
    try {
      ApplyException e = assertThrows(ApplyException.class, () -> ApplyPipeline.apply(group, GROUP,
          group.plan(PlanMode.AUTHORITATIVE, SSH_NEW), ApplyOptions.builder().listener(interrupter).build()));
      assertTrue(Thread.currentThread().isInterrupted());
      assertEquals(List.of(Status.APPLIED, Status.NOT_ATTEMPTED), statuses(e.result()));
      assertEquals(1, group.sent.size());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theGateAdmitsEveryCallAndReadAndHearsHowEachEnded() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    group.faults.put(0, Fault.LOST_REPLY);
    List<String> heard = new ArrayList<>();
    CallGate gate = new CallGate() {
      @Override
      public void admit(CallKind kind) {
        heard.add("admit " + kind);
      }

      @Override
      public void ended(CallKind kind, Optional<io.portcullis.core.PortcullisException> failure) {
        heard.add("ended " + kind + (failure.isPresent() ? " failed" : ""));
      }
    };

    ApplyResult result = ApplyPipeline.apply(group, GROUP, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW),
        ApplyOptions.builder().gate(gate).build());

    assertTrue(result.isComplete(), result.render());
    // The stale-plan check, the create (reply lost), the settling read, the delete.
    assertEquals(List.of("admit READ", "ended READ", "admit MUTATE", "ended MUTATE failed", "admit READ",
        "ended READ", "admit MUTATE", "ended MUTATE"), heard);
  }

  @Test
  void anInterruptWhileWaitingAtTheGateSendsNothingMore() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    List<CallKind> admitted = new ArrayList<>();
    CallGate secondCallWaits = kind -> {
      if (kind == CallKind.MUTATE && admitted.contains(CallKind.MUTATE)) {
        throw new InterruptedException();
      }
      admitted.add(kind);
    };
    try {
      ApplyException e = assertThrows(ApplyException.class, () -> ApplyPipeline.apply(group, GROUP,
          group.plan(PlanMode.AUTHORITATIVE, SSH_NEW), ApplyOptions.builder().gate(secondCallWaits).build()));

      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is restored");
      assertEquals(List.of(Status.APPLIED, Status.NOT_ATTEMPTED), statuses(e.result()), e.result().render());
      assertEquals(List.of("CREATE " + SSH_NEW), group.sent);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aPlanMadeBeforeSomeoneElseChangedTheGroupIsStale() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD, WEB);
    RulePlan mine = group.plan(PlanMode.AUTHORITATIVE, SSH_NEW, WEB);
    RulePlan theirs = group.plan(PlanMode.AUTHORITATIVE, SSH_OLD, "ingress allow tcp 80 from 0.0.0.0/0");
    apply(group, theirs);
    group.sent.clear();

    StalePlanException e = assertThrows(StalePlanException.class, () -> apply(group, mine));

    assertTrue(group.sent.isEmpty(), "nothing was sent");
    assertTrue(e.getMessage().contains("r1") && e.getMessage().contains("gone"), e.getMessage());
    assertTrue(e.differences().stream().anyMatch(d -> d.contains("appeared")), e.differences().toString());

    ApplyResult replanned = ApplyPipeline.apply(group, GROUP, mine,
        ApplyOptions.builder().onStalePlan(StalePlanPolicy.REPLAN).build());
    assertTrue(replanned.isComplete(), replanned.render());
    assertEquals(parse(SSH_NEW, WEB), rules(group), "the desired state of the stale plan, from the group as it is");
  }

  @Test
  void anAdditivePlanIsStaleWhenADesiredRuleAppearedButNotForOtherRules() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    RulePlan plan = group.plan(PlanMode.ADDITIVE, WEB);
    group.meanwhile(rules -> rules.put("x1", SecurityRule.parse("egress allow any to 0.0.0.0/0")));
    assertTrue(apply(group, plan).isComplete(), "an unmanaged rule appearing is not the plan's business");

    RulePlan again = group.plan(PlanMode.ADDITIVE, WEB, SSH_NEW);
    group.meanwhile(rules -> rules.put("x2", SecurityRule.parse(SSH_NEW + " \"someone else's\"")));
    assertThrows(StalePlanException.class, () -> apply(group, again));
  }

  @Test
  void deletionCapsStopAnApplyBeforeAnyCall() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD, WEB, "ingress allow tcp 80 from 0.0.0.0/0");
    RulePlan plan = group.plan(PlanMode.AUTHORITATIVE, SSH_NEW);

    DeletionLimitException count = assertThrows(DeletionLimitException.class, () -> ApplyPipeline.apply(group, GROUP,
        plan, ApplyOptions.builder().maxDeletes(2).build()));
    DeletionLimitException share = assertThrows(DeletionLimitException.class, () -> ApplyPipeline.apply(group, GROUP,
        plan, ApplyOptions.builder().maxDeleteFraction(0.5).build()));

    assertEquals(List.of(3, 2), List.of(count.deletes(), count.allowed()));
    assertEquals(1, share.allowed());
    assertTrue(group.sent.isEmpty());
    assertEquals(0, group.lists, "refused before even listing");
    assertTrue(ApplyPipeline.apply(group, GROUP, plan, ApplyOptions.builder().maxDeletes(3).build()).isComplete());
  }

  @Test
  void theLockIsHeldForTheWholeApplyAndReleasedOnFailure() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    group.faults.put(0, Fault.REFUSED);
    List<String> events = new ArrayList<>();
    GroupLock lock = (provider, g) -> {
      events.add("acquire " + provider + " " + g);
      return () -> events.add("release");
    };
    ApplyListener listener = new ApplyListener() {
      @Override
      public void callSent(String provider, SecurityGroupRef g, String operation, int changes) {
        events.add("sent " + operation);
      }
    };

    assertThrows(ApplyException.class, () -> ApplyPipeline.apply(group, GROUP,
        group.plan(PlanMode.AUTHORITATIVE, SSH_NEW), ApplyOptions.builder().lock(lock).listener(listener).build()));

    assertEquals(List.of("acquire memory sg-1", "sent CREATE", "release"), events);
  }

  @Test
  void theListenerHearsEveryEventAndCannotBreakTheApply() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);
    List<String> events = new ArrayList<>();
    ApplyListener listener = new ApplyListener() {
      @Override
      public void applyStarted(String provider, SecurityGroupRef g, int changes, boolean dryRun) {
        events.add("started " + changes);
        throw new IllegalStateException("a faulty listener");
      }

      @Override
      public void callSent(String provider, SecurityGroupRef g, String operation, int changes) {
        events.add("sent " + operation);
      }

      @Override
      public void callAnswered(String provider, SecurityGroupRef g, String operation, Optional<String> requestId,
          Optional<io.portcullis.core.PortcullisException> failure) {
        events.add("answered " + operation + " " + requestId.orElse("-"));
      }

      @Override
      public void changeSettled(String provider, SecurityGroupRef g, RuleOutcome outcome) {
        events.add("settled " + outcome.change() + " " + outcome.status());
      }

      @Override
      public void applyEnded(ApplyResult result) {
        events.add("ended " + result.isComplete());
      }
    };

    ApplyResult result = ApplyPipeline.apply(group, GROUP, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW),
        ApplyOptions.builder().listener(listener).build());

    assertTrue(result.isComplete());
    assertEquals(List.of("started 2", "sent CREATE", "answered CREATE req-1", "settled CREATE APPLIED",
        "sent DELETE", "answered DELETE req-2", "settled DELETE APPLIED", "ended true"), events);
  }

  @Test
  void aDryRunChecksEveryCallWithoutListing() {
    MemoryGroup group = new MemoryGroup().with(SSH_OLD);

    ApplyResult result = ApplyPipeline.dryRun(group, GROUP, group.plan(PlanMode.AUTHORITATIVE, SSH_NEW),
        ApplyOptions.defaults());

    assertTrue(result.dryRun());
    assertEquals(List.of(Status.WOULD_APPLY, Status.WOULD_APPLY), statuses(result));
    assertEquals(parse(SSH_OLD), rules(group));
    assertEquals(0, group.lists);
  }

  @Test
  void aListingThatRepeatsARuleIsNeverPlanned() {
    ProvisionedRule r = ProvisionedRule.of("r1", SecurityRule.parse(SSH_OLD));

    ProviderReplyException e = assertThrows(ProviderReplyException.class,
        () -> RulePlan.between(List.of(SecurityRule.parse(SSH_OLD)), List.of(r, r), PlanMode.AUTHORITATIVE));

    assertTrue(e.getMessage().contains("r1 twice"), e.getMessage());
  }

  @Test
  void aRuleReadBackWithTheOwnerTheProviderAddedMatchesTheRuleAskedFor() {
    SecurityRule wanted = SecurityRule.parse("ingress allow tcp 5432 from sg-0def456");
    SecurityRule reported = SecurityRule.parse("ingress allow tcp 5432 from sg-0def456 owner 123456789012");

    assertTrue(RuleMatch.same(wanted, reported));
    assertFalse(RuleMatch.same(reported, wanted), "an owner asked for must be there");
    assertFalse(RuleMatch.same(wanted, SecurityRule.parse("ingress allow tcp 5432 from sg-0aaa111 owner 1234")));
    assertFalse(RuleMatch.same(SecurityRule.parse(SSH_OLD + " \"a\""), SecurityRule.parse(SSH_OLD + " \"b\"")));
  }

  /** A driver whose first listing is {@code first}, then the group's own (which may fail). */
  private static final class ListOnce implements ApplyDriver {
    private final MemoryGroup group;
    private List<ProvisionedRule> first;

    ListOnce(MemoryGroup group, List<ProvisionedRule> first) {
      this.group = group;
      this.first = first;
    }

    @Override
    public String provider() {
      return group.provider();
    }

    @Override
    public List<ProviderCall> calls(Change kind, List<PlannedChange> changes) {
      return group.calls(kind, changes);
    }

    @Override
    public List<ProvisionedRule> list() {
      if (first != null) {
        List<ProvisionedRule> once = first;
        first = null;
        return once;
      }
      return group.list();
    }

    @Override
    public Optional<io.portcullis.core.analysis.QuotaChecker> quota() {
      return Optional.empty();
    }
  }
}
