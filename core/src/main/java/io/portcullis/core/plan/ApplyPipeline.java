package io.portcullis.core.plan;

import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleListing;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.plan.ApplyOrder.Step;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one apply every adapter runs, for adapter implementers: the adapter supplies its calls and its listing
 * ({@link ApplyDriver}); ordering, guards, settling and outcomes are the same for every provider.
 *
 * <ul>
 *   <li><b>Guards first.</b> Deletion caps, then (unless a dry run) the group is listed again and compared with the
 *       plan's snapshot: a stale plan fails with {@link StalePlanException} or is planned again ({@link
 *       StalePlanPolicy}). Then the quota of the resulting rules, and every call is built (and every rule
 *       translated) before the first is sent.
 *   <li><b>Make before break.</b> Creates, then updates, then deletes, unless the quota forces some deletes
 *       forward ({@link ApplyOrder}).
 *   <li><b>Settle, don't guess.</b> After any failed call, and after a success whose reply does not list every
 *       created rule, the group is re-read and each change of the call settled by meaning ({@link RuleMatch}). A
 *       retry's duplicate or not-found answer, a lost reply, a timeout: when the changes are in fact in place the
 *       apply goes on. Otherwise it stops; later changes are {@code NOT_ATTEMPTED}, changes whose outcome no
 *       re-read could confirm are {@code UNKNOWN}, and {@link ApplyException} carries the result.
 *   <li><b>Interrupts</b> stop new calls; the call in flight is still settled and the interrupt flag is restored.
 *   <li><b>Rate limits.</b> Every call and every read of the group waits for {@link ApplyOptions#gate()} first and
 *       tells it how it ended (a throttled call slows every apply sharing the gate).
 *   <li><b>Concurrent calls.</b> With {@link ApplyOptions#callConcurrency()} above 1, the {@link
 *       ProviderCall#independent() independent} calls of one step run up to that many at once (never across steps,
 *       so make before break holds). A failure or an interrupt starts no more; the calls in flight end, and all of
 *       them are settled by one re-read as a failed call alone is. Events and outcomes stay on the calling thread.
 * </ul>
 */
public final class ApplyPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyPipeline.class);
  /** Reads when the provider said a change is in place (duplicate, not found) but a read disagrees: it may lag. */
  private static final int SETTLE_READS = 3;
  private static final long SETTLE_PAUSE_MILLIS = 200;

  private ApplyPipeline() {}

  /**
   * Applies {@code plan} to {@code group} through {@code driver}.
   *
   * @throws DeletionLimitException before any call if the plan deletes more than {@code options} allow
   * @throws StalePlanException before any call if the group changed since the plan (unless re-planning)
   * @throws io.portcullis.core.analysis.QuotaExceededPlanException before any call if the result exceeds the quota
   * @throws UnsupportedRuleException before any call if a rule cannot be expressed
   * @throws ApplyException if the result is incomplete: every change's outcome is in it
   */
  public static ApplyResult apply(ApplyDriver driver, SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return run(driver, group, plan, options, false);
  }

  /**
   * Asks the provider to check each call of {@code plan} without changing anything. The stale-plan check is
   * skipped (nothing is changed); an {@link UnauthorizedException} is thrown as the dry run's answer.
   */
  public static ApplyResult dryRun(ApplyDriver driver, SecurityGroupRef group, RulePlan plan, ApplyOptions options) {
    return run(driver, group, plan, options, true);
  }

  /**
   * The plan with notes on how it will be applied where the quota forces deletes before creates, so that {@link
   * RulePlan#render()} says when and why a rule is absent for a while.
   */
  public static RulePlan annotate(RulePlan plan, Optional<io.portcullis.core.analysis.QuotaChecker> quota) {
    return ApplyOrder.annotate(plan, quota);
  }

  private static ApplyResult run(ApplyDriver driver, SecurityGroupRef group, RulePlan plan, ApplyOptions options,
      boolean dryRun) {
    Optional<GroupLock.Handle> held = options.lock().map(l -> l.acquire(driver.provider(), group));
    try {
      return new Run(driver, group, options, dryRun).execute(plan);
    } finally {
      held.ifPresent(GroupLock.Handle::close);
    }
  }

  /** The state of one apply. */
  private static final class Run {
    private final ApplyDriver driver;
    private final SecurityGroupRef group;
    private final ApplyOptions options;
    private final boolean dryRun;
    private final List<RuleOutcome> outcomes = new ArrayList<>();
    private final List<OpaqueOutcome> opaqueOutcomes = new ArrayList<>();
    /** Counted from the threads that send calls. */
    private final AtomicInteger requests = new AtomicInteger();
    /** Sends independent calls when {@link ApplyOptions#callConcurrency()} is above 1; made on first use. */
    private ExecutorService pool;

    Run(ApplyDriver driver, SecurityGroupRef group, ApplyOptions options, boolean dryRun) {
      this.driver = driver;
      this.group = group;
      this.options = options;
      this.dryRun = dryRun;
    }

    ApplyResult execute(RulePlan planned) {
      List<List<ProviderCall>> checked = checked(planned);
      boolean check = !dryRun && planned.hasChanges();
      if (check && !admitted(CallKind.READ)) {
        notAttempted(flat(checked), -1, "the apply was interrupted before its first call");
        throw new ApplyException(result(), new PortcullisException("interrupted: no call sent"));
      }
      RulePlan plan = check ? fresh(planned) : planned;
      List<List<ProviderCall>> steps = plan == planned ? checked : checked(plan);
      List<ProviderCall> calls = flat(steps);
      notify(l -> l.applyStarted(driver.provider(), group, plan.changes().size(), dryRun));
      try {
        int i = 0;
        for (List<ProviderCall> step : steps) {
          int end = i + step.size();
          while (i < end) {
            int together = together(calls, i, end);
            if (together - i > 1) {
              sendTogether(calls, i, together);
              i = together;
              continue;
            }
            if (Thread.currentThread().isInterrupted() || !admitted(CallKind.MUTATE)) {
              notAttempted(calls, i - 1, "the apply was interrupted before this call was sent");
              throw interrupted(calls, i);
            }
            send(calls, i++);
          }
        }
        return result();
      } finally {
        if (pool != null) {
          pool.shutdown(); // calls still in flight (only after an Error) end on their own
        }
        ApplyResult result = result();
        notify(l -> l.applyEnded(result));
      }
    }

    /**
     * Every check that needs no call: deletion caps, the quota, and each call built (every rule translated). The
     * calls of each step of {@link ApplyOrder}, then the opaque deletes.
     */
    private List<List<ProviderCall>> checked(RulePlan plan) {
      requireDeletesAllowed(plan);
      driver.quota().ifPresent(q -> q.requireWithinQuota(plan.resultingRules()));
      List<List<ProviderCall>> steps = new ArrayList<>();
      for (Step step : ApplyOrder.of(plan, driver.quota()).steps()) {
        steps.add(driver.calls(step.kind(), step.changes()));
      }
      steps.add(driver.opaqueDeletes(plan.opaqueToDelete())); // after every other change: nothing replaces them
      return steps;
    }

    private static List<ProviderCall> flat(List<List<ProviderCall>> steps) {
      return steps.stream().flatMap(List::stream).toList();
    }

    /** The end of the run of calls from {@code from} (before {@code end}, its step's end) that may run together. */
    private int together(List<ProviderCall> calls, int from, int end) {
      if (dryRun || options.callConcurrency() == 1) {
        return from + 1;
      }
      int to = from;
      while (to < end && calls.get(to).independent()) {
        to++;
      }
      return Math.max(to, from + 1);
    }

    private ApplyException interrupted(List<ProviderCall> calls, int notSent) {
      return new ApplyException(result(), new PortcullisException(
          "interrupted: " + (calls.size() - notSent) + " call(s) not sent"));
    }

    /**
     * Sends calls {@code from} to {@code to} (independent, of one step) up to {@link ApplyOptions#callConcurrency()}
     * at once, each admitted by the gate. After a failure or an interrupt no more are started; those in flight end,
     * and every change a reply did not confirm is settled by one re-read, as after a failed call sent alone. Events,
     * the gate's {@code ended} and outcomes stay on this thread; outcomes are recorded in call order.
     */
    private void sendTogether(List<ProviderCall> calls, int from, int to) {
      CompletionService<Answer> answers = new ExecutorCompletionService<>(pool());
      boolean interrupted = false;
      int next = from;
      try {
        while (next < to) {
          Map<Integer, Answer> round = new TreeMap<>();
          int inFlight = 0;
          boolean stop = false;
          while (inFlight > 0 || !stop && next < to) {
            if (!stop && next < to && inFlight < options.callConcurrency()) {
              if (Thread.currentThread().isInterrupted() || !admitted(CallKind.MUTATE)) {
                stop = true;
                continue;
              }
              ProviderCall call = calls.get(next);
              int index = next++;
              notify(l -> l.callSent(driver.provider(), group, call.operation(), call.changes().size()));
              Optional<Runnable> throttles = RetriedThrottles.listener(); // the gate's, set on this thread
              answers.submit(() -> {
                RetriedThrottles.hear(throttles);
                try {
                  return answer(index, call);
                } finally {
                  RetriedThrottles.hear(Optional.empty());
                }
              });
              inFlight++;
              continue;
            }
            Answer a;
            try {
              a = answers.take().get();
            } catch (InterruptedException e) {
              interrupted = true; // no new call; those in flight are still awaited and settled
              stop = true;
              continue;
            } catch (ExecutionException e) {
              if (e.getCause() instanceof Error error) {
                throw error;
              }
              throw new IllegalStateException(e.getCause()); // answer() catches every RuntimeException
            }
            inFlight--;
            answered(calls.get(a.index()), a.reply(), a.failure());
            round.put(a.index(), a);
            stop |= a.failure().isPresent();
          }
          interrupted |= Thread.interrupted(); // cleared so that the re-read can run; restored below
          Optional<PortcullisException> failure = settled(calls, round.values());
          if (failure.isPresent() || interrupted) {
            notAttempted(calls, next - 1, interrupted ? "the apply was interrupted" : "an earlier call failed");
            throw failure.isPresent() ? new ApplyException(result(), failure.get()) : interrupted(calls, next);
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /**
     * Records what the answers of calls sent together confirm and settles the rest with one re-read: empty if every
     * change is in place, else the first failure in call order (a success whose reply misses created rules that
     * the re-read does not find either fails with a {@link ProviderReplyException}).
     */
    private Optional<PortcullisException> settled(List<ProviderCall> calls, Collection<Answer> round) {
      List<Attempt<PlannedChange>> unsettled = new ArrayList<>();
      List<Attempt<OpaqueRule>> opaque = new ArrayList<>();
      Map<PlannedChange, PortcullisException> notListed = new HashMap<>();
      for (Answer a : round) {
        ProviderCall call = calls.get(a.index());
        if (a.failure().isPresent()) {
          call.changes().forEach(c -> unsettled.add(new Attempt<>(c, a.failure())));
          call.opaque().forEach(o -> opaque.add(new Attempt<>(o, a.failure())));
          continue;
        }
        call.opaque().forEach(o -> opaqueOutcomes.add(new OpaqueOutcome(o, Status.APPLIED, Optional.empty())));
        List<PlannedChange> unconfirmed = confirmed(call, a.reply().orElseThrow());
        if (!unconfirmed.isEmpty()) {
          PortcullisException problem = notListed(call, unconfirmed, a.reply().orElseThrow());
          unconfirmed.forEach(c -> {
            unsettled.add(new Attempt<>(c, Optional.empty()));
            notListed.put(c, problem);
          });
        }
      }
      List<Attempt<?>> missing = new ArrayList<>(unsettled.isEmpty() ? List.of() : settle(unsettled));
      missing.addAll(settleOpaque(opaque));
      return missing.stream().findFirst().map(a -> a.failure().orElseGet(() -> notListed.get(a.target())));
    }

    /** Sends one call on a pool thread; a failure is answered, not thrown. */
    private Answer answer(int index, ProviderCall call) {
      try {
        return new Answer(index, Optional.of(call.send(false, requests::incrementAndGet)), Optional.empty());
      } catch (RuntimeException e) {
        return new Answer(index, Optional.empty(), Optional.of(typed(call, e)));
      }
    }

    private ExecutorService pool() {
      if (pool == null) {
        String name = "portcullis-apply-" + driver.provider();
        pool = Executors.newFixedThreadPool(options.callConcurrency(), r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
      }
      return pool;
    }

    /** Tells the gate and the listener how a call ended. */
    private void answered(ProviderCall call, Optional<CallReply> reply, Optional<PortcullisException> failure) {
      options.gate().ended(CallKind.MUTATE, failure);
      Optional<String> requestId = failure.isPresent() ? requestId(failure.get()) : reply.orElseThrow().requestId();
      notify(l -> l.callAnswered(driver.provider(), group, call.operation(), requestId, failure));
    }

    private void send(List<ProviderCall> calls, int i) {
      ProviderCall call = calls.get(i);
      notify(l -> l.callSent(driver.provider(), group, call.operation(), call.changes().size()));
      CallReply reply;
      try {
        reply = call.send(dryRun, requests::incrementAndGet);
      } catch (RuntimeException e) {
        PortcullisException failure = typed(call, e);
        answered(call, Optional.empty(), Optional.of(failure));
        failed(calls, i, failure);
        return;
      }
      answered(call, Optional.of(reply), Optional.empty());
      Status done = dryRun ? Status.WOULD_APPLY : Status.APPLIED;
      call.opaque().forEach(o -> opaqueOutcomes.add(new OpaqueOutcome(o, done, reply.notChecked())));
      if (dryRun) {
        call.changes().forEach(c -> record(new RuleOutcome(c.change(), c.rule(), Status.WOULD_APPLY, c.providerId(),
            reply.notChecked())));
        return;
      }
      confirm(calls, i, reply);
    }

    /** Records what a successful reply confirms; re-reads for what it does not. */
    private void confirm(List<ProviderCall> calls, int i, CallReply reply) {
      ProviderCall call = calls.get(i);
      List<PlannedChange> unconfirmed = confirmed(call, reply);
      if (unconfirmed.isEmpty()) {
        return;
      }
      ProviderReplyException problem = notListed(call, unconfirmed, reply);
      if (!settle(unconfirmed, Optional.empty())) {
        notAttempted(calls, i, "an earlier call failed");
        throw new ApplyException(result(), problem);
      }
    }

    /** Records the changes a successful reply confirms; those it does not (created rules it does not list). */
    private List<PlannedChange> confirmed(ProviderCall call, CallReply reply) {
      List<ProvisionedRule> unclaimed = new ArrayList<>(reply.created());
      List<PlannedChange> unconfirmed = new ArrayList<>();
      for (PlannedChange c : call.changes()) {
        if (c.change() == Change.DELETE || c.change() == Change.UPDATE && reply.created().isEmpty()) {
          record(RuleOutcome.done(c.change(), c.rule(), Status.APPLIED, c.providerId()));
          continue;
        }
        Optional<String> ids = claim(c, unclaimed);
        if (ids.isPresent()) {
          record(RuleOutcome.done(c.change(), c.rule(), Status.APPLIED, ids));
        } else {
          unconfirmed.add(c);
        }
      }
      return unconfirmed;
    }

    private ProviderReplyException notListed(ProviderCall call, List<PlannedChange> unconfirmed, CallReply reply) {
      LOG.warn("{} {} answered success, but its reply does not list {} of the rules it was to create; re-reading "
          + "the group to settle them", driver.provider(), call.operation(), unconfirmed.size());
      return new ProviderReplyException(driver.provider(), call.operation(), "created rules",
          "the reply lists " + unconfirmed.size() + " created rule(s) fewer than requested", reply.requestId());
    }

    private void failed(List<ProviderCall> calls, int i, PortcullisException failure) {
      ProviderCall call = calls.get(i);
      if (dryRun) {
        if (failure instanceof UnauthorizedException) {
          throw failure; // a dry run's answer: the caller may not make these calls
        }
        call.changes().forEach(c -> record(RuleOutcome.notDone(c.change(), c.rule(), Status.FAILED, c.providerId(),
            reason(failure))));
        call.opaque().forEach(o -> opaqueOutcomes.add(new OpaqueOutcome(o, Status.FAILED, Optional.of(reason(failure)))));
        notAttempted(calls, i, "an earlier call failed");
        throw new ApplyException(result(), failure);
      }
      boolean interrupted = Thread.interrupted(); // cleared so that the re-read can run; restored below
      try {
        boolean inPlace = settle(call.changes(), Optional.of(failure)) & settleOpaque(call.opaque().stream()
            .map(o -> new Attempt<>(o, Optional.of(failure))).toList()).isEmpty();
        if (inPlace && !interrupted) {
          LOG.info("{} {} failed ({}), but the group holds its {} change(s): settled as applied",
              driver.provider(), call.operation(), reason(failure), call.changes().size());
          return;
        }
        notAttempted(calls, i, interrupted ? "the apply was interrupted" : "an earlier call failed");
        throw new ApplyException(result(), failure);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /**
     * Re-reads the group and records each change's outcome by what it holds; whether all are in place. When the
     * provider said a change is in place (a duplicate create, a delete of what is not found) and a read
     * disagrees, reads again a few times: the provider's reads may lag its writes.
     */
    private boolean settle(List<PlannedChange> changes, Optional<PortcullisException> failure) {
      return settle(changes.stream().map(c -> new Attempt<>(c, failure)).toList()).isEmpty();
    }

    /**
     * {@link #settle(List, Optional)} for changes of several calls, each with how its call ended; those not in
     * place.
     */
    private List<Attempt<PlannedChange>> settle(List<Attempt<PlannedChange>> attempts) {
      List<ProvisionedRule> now = null;
      RuntimeException readFailure = null;
      for (int read = 1; read <= SETTLE_READS; read++) {
        try {
          now = reading(driver::list);
        } catch (RuntimeException e) {
          readFailure = e;
          now = null;
          break;
        }
        List<ProvisionedRule> current = now;
        if (attempts.stream().noneMatch(a -> saidInPlace(a.failure()) && inPlace(a.target(), current).isEmpty())
            || read == SETTLE_READS || !pause(read)) {
          break;
        }
      }
      List<Attempt<PlannedChange>> missing = new ArrayList<>();
      for (Attempt<PlannedChange> a : attempts) {
        PlannedChange c = a.target();
        Optional<PortcullisException> failure = a.failure();
        String reason = failure.map(Run::reason).orElse("the reply did not confirm it");
        if (now == null) {
          missing.add(a);
          Status status = failure.filter(Run::refused).isPresent() ? Status.FAILED : Status.UNKNOWN;
          record(RuleOutcome.notDone(c.change(), c.rule(), status, c.providerId(), reason
              + "; the group could not be re-read to confirm (" + reason(readFailure) + ")"));
          continue;
        }
        Optional<String> id = inPlace(c, now);
        if (id.isPresent()) {
          record(RuleOutcome.done(c.change(), c.rule(), Status.APPLIED, id));
          continue;
        }
        missing.add(a);
        List<ProvisionedRule> current = now;
        boolean oldGone = c.change() == Change.UPDATE
            && current.stream().noneMatch(p -> c.providerId().equals(Optional.of(p.providerId())));
        record(RuleOutcome.notDone(c.change(), c.rule(), Status.FAILED, c.providerId(), oldGone
            ? reason + "; the old rule " + c.providerId().orElse("") + " was already deleted, applying again "
                + "recreates it"
            : failure.isPresent() ? reason : reason + ": the group does not hold the rule"));
      }
      return missing;
    }

    /** Re-reads the group and records whether each opaque rule whose delete failed is gone; those that are not. */
    private List<Attempt<OpaqueRule>> settleOpaque(List<Attempt<OpaqueRule>> deleted) {
      if (deleted.isEmpty()) {
        return List.of();
      }
      Set<String> present = new HashSet<>();
      try {
        RuleListing now = reading(driver::read);
        now.rules().forEach(p -> present.add(p.providerId()));
        now.opaque().forEach(o -> present.add(o.providerId()));
      } catch (RuntimeException e) {
        deleted.forEach(a -> opaqueOutcomes.add(new OpaqueOutcome(a.target(),
            refused(a.failure().orElseThrow()) ? Status.FAILED : Status.UNKNOWN,
            Optional.of(reason(a.failure().orElseThrow()) + "; the group could not be re-read to confirm ("
                + reason(e) + ")"))));
        return deleted;
      }
      deleted.forEach(a -> opaqueOutcomes.add(present.contains(a.target().providerId())
          ? new OpaqueOutcome(a.target(), Status.FAILED, Optional.of(reason(a.failure().orElseThrow())))
          : new OpaqueOutcome(a.target(), Status.APPLIED, Optional.empty())));
      return deleted.stream().filter(a -> present.contains(a.target().providerId())).toList();
    }

    /** Whether the provider said a change is in place (a duplicate create, a delete of what is not found). */
    private static boolean saidInPlace(Optional<PortcullisException> failure) {
      return failure.filter(f -> f instanceof DuplicateRuleException || f instanceof RuleNotFoundException)
          .isPresent();
    }

    /** The change's provider id(s) if {@code now} shows it made. */
    private Optional<String> inPlace(PlannedChange c, List<ProvisionedRule> now) {
      if (c.change() == Change.DELETE) {
        String id = c.providerId().orElse("");
        boolean gone = now.stream().noneMatch(p -> p.providerId().equals(id) && !driver.isBeingRemoved(p));
        return gone ? c.providerId() : Optional.empty();
      }
      List<ProvisionedRule> live = now.stream().filter(p -> !driver.isBeingRemoved(p))
          .collect(Collectors.toCollection(ArrayList::new));
      return claim(c, live);
    }

    /** Takes from {@code rules} the stored parts of the change's rule; their ids, or empty if one is missing. */
    private Optional<String> claim(PlannedChange c, List<ProvisionedRule> rules) {
      List<String> ids = new ArrayList<>();
      for (SecurityRule part : driver.stored(c.rule())) {
        Optional<ProvisionedRule> match = RuleMatch.find(part, rules);
        if (match.isEmpty()) {
          return Optional.empty();
        }
        rules.remove(match.get());
        ids.add(match.get().providerId());
      }
      return Optional.of(String.join(",", ids));
    }

    /** Waits for the gate; false if interrupted (the flag is restored). */
    private boolean admitted(CallKind kind) {
      try {
        options.gate().admit(kind);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** A read of the group through the gate. */
    private <T> T reading(Supplier<T> read) {
      if (!admitted(CallKind.READ)) {
        throw new PortcullisException("interrupted while waiting to read the group");
      }
      return reported(read);
    }

    /** An admitted read, its end told to the gate. */
    private <T> T reported(Supplier<T> read) {
      try {
        T result = read.get();
        options.gate().ended(CallKind.READ, Optional.empty());
        return result;
      } catch (RuntimeException e) {
        options.gate().ended(CallKind.READ, Optional.of(e instanceof PortcullisException p ? p
            : new PortcullisException(reason(e), e)));
        throw e;
      }
    }

    /** Waits before another read; false if interrupted (the flag is restored). */
    private static boolean pause(int read) {
      try {
        Thread.sleep(SETTLE_PAUSE_MILLIS * read);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private RulePlan fresh(RulePlan plan) {
      RuleListing read = reported(driver::read); // admitted by execute
      List<ProvisionedRule> now = read.rules();
      List<String> differences = differences(plan, now);
      Set<String> opaqueNow = read.opaque().stream().map(OpaqueRule::providerId).collect(Collectors.toSet());
      plan.opaqueToDelete().stream().filter(o -> !opaqueNow.contains(o.providerId()))
          .forEach(o -> differences.add("rule " + o.providerId() + " (not representable) is gone"));
      if (differences.isEmpty()) {
        return plan;
      }
      if (options.onStalePlan() == StalePlanPolicy.REPLAN) {
        LOG.info("{} {} changed since it was planned ({}); planning again", driver.provider(), group,
            String.join("; ", differences));
        return driver.replan(plan, now);
      }
      throw new StalePlanException(driver.provider(), group.toString(), differences);
    }

    /**
     * How the group differs from the plan's snapshot where it matters: a rule the plan deletes, updates or keeps
     * is gone or changed, or a rule appeared that the plan would delete (authoritative) or that is desired.
     */
    private static List<String> differences(RulePlan plan, List<ProvisionedRule> now) {
      Map<String, ProvisionedRule> byId = new HashMap<>();
      now.forEach(p -> byId.put(p.providerId(), p));
      List<ProvisionedRule> relied = new ArrayList<>(plan.toDelete());
      relied.addAll(plan.unchanged());
      plan.toUpdate().forEach(u -> relied.add(u.current()));
      plan.notUpdated().forEach(u -> relied.add(u.current()));
      List<String> differences = new ArrayList<>();
      for (ProvisionedRule p : relied) {
        ProvisionedRule current = byId.get(p.providerId());
        if (current == null) {
          differences.add("rule " + p.providerId() + " (" + p.rule() + ") is gone");
        } else if (!current.rule().equals(p.rule())) {
          differences.add("rule " + p.providerId() + " changed from '" + p.rule() + "' to '" + current.rule() + "'");
        } else if (!current.rule().tags().equals(p.rule().tags())) { // outside equality, yet the plan relied on them
          differences.add("rule " + p.providerId() + "'s tags changed from " + p.rule().tags() + " to "
              + current.rule().tags());
        }
      }
      Set<String> known = plan.actual().stream().map(ProvisionedRule::providerId).collect(Collectors.toSet());
      Set<SecurityRule> desired = new HashSet<>();
      plan.desired().forEach(r -> desired.add(r.withoutDescription()));
      for (ProvisionedRule p : now) {
        if (!known.contains(p.providerId()) && (plan.mode() == PlanMode.AUTHORITATIVE
            || desired.contains(p.rule().withoutDescription()))) {
          differences.add("rule " + p.providerId() + " (" + p.rule() + ") appeared");
        }
      }
      return differences;
    }

    private void requireDeletesAllowed(RulePlan plan) {
      int deletes = plan.toDelete().size() + (plan.updatesReplace() ? plan.toUpdate().size() : 0);
      if (options.maxDeletes().isPresent() && deletes > options.maxDeletes().getAsInt()) {
        throw new DeletionLimitException(driver.provider(), group.toString(), deletes,
            options.maxDeletes().getAsInt(), "maxDeletes");
      }
      if (options.maxDeleteFraction().isPresent()) {
        int allowed = (int) Math.floor(options.maxDeleteFraction().getAsDouble() * plan.actual().size());
        if (deletes > allowed) {
          throw new DeletionLimitException(driver.provider(), group.toString(), deletes, allowed,
              "maxDeleteFraction " + options.maxDeleteFraction().getAsDouble() + " of " + plan.actual().size()
                  + " rules");
        }
      }
    }

    /** Records every change of the calls after {@code after} as not attempted. */
    private void notAttempted(List<ProviderCall> calls, int after, String why) {
      for (ProviderCall call : calls.subList(after + 1, calls.size())) {
        call.changes().forEach(c -> record(RuleOutcome.notDone(c.change(), c.rule(), Status.NOT_ATTEMPTED,
            c.providerId(), why)));
        call.opaque().forEach(o -> opaqueOutcomes.add(new OpaqueOutcome(o, Status.NOT_ATTEMPTED, Optional.of(why))));
      }
    }

    private void record(RuleOutcome outcome) {
      outcomes.add(outcome);
      notify(l -> l.changeSettled(driver.provider(), group, outcome));
    }

    private ApplyResult result() {
      return new ApplyResult(driver.provider(), group, dryRun, outcomes, requests.get(), opaqueOutcomes);
    }

    private void notify(java.util.function.Consumer<ApplyListener> event) {
      try {
        event.accept(options.listener());
      } catch (RuntimeException e) {
        LOG.warn("an apply listener failed; ignoring it: {}", e.toString());
      }
    }

    /** A refusal the provider answered, which made no change for sure (so no re-read means FAILED, not UNKNOWN). */
    private static boolean refused(PortcullisException e) {
      return e instanceof UnauthorizedException || e instanceof MalformedRequestException
          || e instanceof QuotaExceededException || e instanceof GroupNotFoundException
          || e instanceof InvalidRuleException || e instanceof UnsupportedRuleException;
    }

    private PortcullisException typed(ProviderCall call, RuntimeException e) {
      if (e instanceof PortcullisException p) {
        return p;
      }
      LOG.warn("{} {} failed with an untyped exception", driver.provider(), call.operation(), e);
      return new ProviderException(ProviderError.of(driver.provider(), null, call.operation() + " failed: " + e,
          null, 0), e);
    }

    private static Optional<String> requestId(PortcullisException e) {
      return e instanceof ProviderException p ? p.requestId() : Optional.empty();
    }

    private static String reason(Throwable e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  /** A change (or opaque rule) a call was sent for, and its failure if it failed. */
  private record Attempt<T>(T target, Optional<PortcullisException> failure) {}

  /** How one of the calls sent together ended: its reply or its (typed) failure. */
  private record Answer(int index, Optional<CallReply> reply, Optional<PortcullisException> failure) {}
}
