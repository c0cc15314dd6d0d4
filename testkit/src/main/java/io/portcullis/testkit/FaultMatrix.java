package io.portcullis.testkit;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RuleMatch;
import io.portcullis.core.plan.RuleOutcome;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RuleOutcome.Status;
import io.portcullis.core.plan.RulePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The acceptance check of a safe apply, for adapter tests and users' own: inject one of six faults at one
 * mutating call of an apply, then check what the apply left behind.
 *
 * <pre>{@code
 * FaultMatrix.inject(fake, FaultMatrix.Mode.LOST_REPLY_AFTER_SUCCESS, 3, 3, Duration.ofMillis(400));
 * ApplyResult result = FaultMatrix.applyCatching(rules, group, rules.plan(group, desired, AUTHORITATIVE));
 * fake.clearFaults();
 * FaultMatrix.verify(rules, group, desired, AUTHORITATIVE, result, replacements);
 * }</pre>
 */
public final class FaultMatrix {
  private FaultMatrix() {}

  /** The six ways a call fails. */
  public enum Mode {
    /** HTTP 500 on every attempt of the call: not carried out. */
    SERVER_ERROR,
    /** Throttled on every attempt the client makes. */
    THROTTLED_PAST_RETRIES,
    /** 403: refused. */
    FORBIDDEN,
    /** Carried out, then the connection drops without a reply (the client's retry meets the effect). */
    LOST_REPLY_AFTER_SUCCESS,
    /** The connection drops on every attempt: not carried out. */
    DROPPED_CONNECTION,
    /** Carried out at once, the reply comes after the client's timeout. */
    DELAY_PAST_TIMEOUT
  }

  /**
   * Makes mutating call {@code index} (counting from now, every attempt counts) fail as {@code mode} says.
   *
   * @param attempts how many times the client sends a call that fails (1 for no retries)
   * @param delay for {@link Mode#DELAY_PAST_TIMEOUT}, longer than the client's timeout
   */
  public static void inject(FakeService fake, Mode mode, int index, int attempts, Duration delay) {
    requireNonNull(mode, "mode");
    switch (mode) {
      case SERVER_ERROR -> repeat(fake, index, attempts, Fault.serverError());
      case THROTTLED_PAST_RETRIES -> repeat(fake, index, attempts, Fault.throttled());
      case FORBIDDEN -> fake.failMutatingCall(index, Fault.forbidden());
      case LOST_REPLY_AFTER_SUCCESS -> fake.failMutatingCall(index, Fault.lostReplyAfterSuccess());
      case DROPPED_CONNECTION -> repeat(fake, index, attempts, Fault.connectionReset());
      case DELAY_PAST_TIMEOUT -> fake.failMutatingCall(index, Fault.delay(delay));
    }
  }

  private static void repeat(FakeService fake, int index, int attempts, Fault fault) {
    for (int i = 0; i < attempts; i++) {
      fake.failMutatingCall(index + i, fault);
    }
  }

  /** The apply's result, whether it completed or threw {@link ApplyException}. */
  public static ApplyResult applyCatching(SecurityGroupRules rules, SecurityGroupRef group, RulePlan plan) {
    return applyCatching(rules, group, plan, ApplyOptions.defaults());
  }

  /** The apply's result with these options (e.g. concurrent calls), whether it completed or not. */
  public static ApplyResult applyCatching(SecurityGroupRules rules, SecurityGroupRef group, RulePlan plan,
      ApplyOptions options) {
    try {
      return rules.apply(group, plan, options);
    } catch (ApplyException e) {
      return e.result();
    }
  }

  /**
   * Checks an apply's outcome against the group: each replaced rule has its old or its new version; every
   * outcome is true of the group (applied changes are in place, failed and unattempted ones are not, none is
   * unknown); a second apply of a fresh plan completes, and a third plan has no changes.
   *
   * @param replacements each replaced rule's old version mapped to its new one
   * @throws AssertionError describing the first check that fails, with the result rendered
   */
  public static void verify(SecurityGroupRules rules, SecurityGroupRef group, Collection<SecurityRule> desired,
      PlanMode mode, ApplyResult result, Map<SecurityRule, SecurityRule> replacements) {
    List<ProvisionedRule> now = rules.list(group);
    replacements.forEach((old, replacement) -> {
      if (find(old, now).isEmpty() && find(replacement, now).isEmpty()) {
        fail("neither '" + old + "' nor its replacement '" + replacement + "' is in the group", result);
      }
    });
    for (RuleOutcome o : result.outcomes()) {
      boolean inPlace = o.change() == Change.DELETE
          ? now.stream().noneMatch(p -> o.providerId().equals(Optional.of(p.providerId())))
          : find(o.rule(), now).isPresent();
      boolean claimed = o.status() == Status.APPLIED;
      if (o.status() == Status.UNKNOWN) {
        fail("an outcome is unknown although the group could be read: " + o, result);
      }
      if (claimed != inPlace) {
        fail("the outcome '" + o + "' is not what the group holds", result);
      }
    }
    ApplyResult second = rules.apply(group, rules.plan(group, desired, mode));
    if (!second.isComplete()) {
      fail("a second apply did not complete: " + second.render(), result);
    }
    RulePlan third = rules.plan(group, desired, mode);
    if (third.hasChanges()) {
      fail("a third plan still has changes: " + third.render(), result);
    }
  }

  private static Optional<ProvisionedRule> find(SecurityRule rule, List<ProvisionedRule> now) {
    List<ProvisionedRule> copy = new ArrayList<>(now);
    return RuleMatch.find(rule, copy);
  }

  private static void fail(String what, ApplyResult result) {
    throw new AssertionError(what + "\n" + result.render());
  }
}
