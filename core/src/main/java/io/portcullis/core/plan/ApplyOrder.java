package io.portcullis.core.plan;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.plan.RuleOutcome.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The order an apply makes its changes in: make before break. Creates come first, then updates, then deletes,
 * whenever the group's peak (current rules plus creates) fits the quota, so a replaced rule is never absent. When
 * it does not fit, each create is preceded by only the deletes needed to make room for it, preferring the old
 * version of a rule already replaced, then rules nobody wants, and only last the rule the create replaces.
 */
final class ApplyOrder {
  private ApplyOrder() {}

  /** Changes of one kind made together (the adapter batches them into as few calls as it can). */
  record Step(Change kind, List<PlannedChange> changes) {}

  /** The steps, and notes for people when the quota forced deletes forward. */
  record Order(List<Step> steps, List<String> notes) {}

  static Order of(RulePlan plan, Optional<QuotaChecker> quota) {
    List<PlannedChange> changes = plan.changes();
    List<PlannedChange> creates = ofKind(changes, Change.CREATE);
    List<PlannedChange> updates = ofKind(changes, Change.UPDATE);
    List<PlannedChange> deletes = ofKind(changes, Change.DELETE);
    List<SecurityRule> state = new ArrayList<>(plan.actual().stream().map(ProvisionedRule::rule).toList());
    if (quota.isEmpty() || creates.isEmpty() || deletes.isEmpty()
        || quota.get().excess(concat(state, creates)) == 0) {
      return new Order(merge(List.of(new Step(Change.CREATE, creates), new Step(Change.UPDATE, updates),
          new Step(Change.DELETE, deletes))), List.of());
    }
    QuotaChecker q = quota.get();
    Map<PlannedChange, PlannedChange> replacedBy = pair(deletes, creates);
    Set<PlannedChange> created = new HashSet<>();
    List<PlannedChange> pending = new ArrayList<>(deletes);
    List<Step> steps = new ArrayList<>();
    List<PlannedChange> early = new ArrayList<>();
    List<PlannedChange> absent = new ArrayList<>();
    for (PlannedChange c : creates) {
      List<SecurityRule> with = new ArrayList<>(state);
      with.add(c.rule());
      int excess = q.excess(with);
      while (excess > 0) {
        Optional<PlannedChange> helps = Optional.empty();
        for (PlannedChange d : candidates(pending, replacedBy, created, c)) {
          List<SecurityRule> without = new ArrayList<>(with);
          without.remove(d.rule());
          int after = q.excess(without);
          if (after < excess) {
            helps = Optional.of(d);
            excess = after;
            break;
          }
        }
        if (helps.isEmpty()) {
          break; // nothing frees room: the provider refuses the create, and the apply settles and stops there
        }
        PlannedChange d = helps.get();
        steps.add(new Step(Change.DELETE, List.of(d)));
        pending.remove(d);
        state.remove(d.rule());
        with.remove(d.rule());
        early.add(d);
        PlannedChange replacement = replacedBy.get(d);
        if (replacement != null && !created.contains(replacement)) {
          absent.add(d);
        }
      }
      steps.add(new Step(Change.CREATE, List.of(c)));
      state.add(c.rule());
      created.add(c);
    }
    steps.add(new Step(Change.UPDATE, updates));
    steps.add(new Step(Change.DELETE, pending));
    List<String> notes = new ArrayList<>();
    notes.add("quota: the group cannot hold its current rules and all " + creates.size() + " new ones at once, so "
        + early.size() + " delete(s) run before the creates they make room for");
    absent.forEach(d -> notes.add("quota: " + d.providerId().orElse("?") + " (" + d.rule() + ") is deleted before "
        + "the rule replacing it (" + replacedBy.get(d).rule() + ") is created: absent in between"));
    return new Order(merge(steps), notes);
  }

  /** The plan with the notes its order needs, for {@link RulePlan#render()}. */
  static RulePlan annotate(RulePlan plan, Optional<QuotaChecker> quota) {
    List<String> notes = of(plan, quota).notes();
    return notes.isEmpty() ? plan : plan.withNotes(notes);
  }

  /** Deletes that may make room for {@code create}, safest first. */
  private static List<PlannedChange> candidates(List<PlannedChange> pending, Map<PlannedChange, PlannedChange> replacedBy,
      Set<PlannedChange> created, PlannedChange create) {
    List<PlannedChange> ordered = new ArrayList<>();
    pending.stream().filter(d -> created.contains(replacedBy.get(d))).forEach(ordered::add);
    pending.stream().filter(d -> !replacedBy.containsKey(d)).forEach(ordered::add);
    pending.stream().filter(d -> replacedBy.get(d) == create).forEach(ordered::add);
    pending.stream().filter(d -> !ordered.contains(d)).forEach(ordered::add);
    return ordered;
  }

  /**
   * Which create replaces which delete: the same direction, family, protocol and ports (a source changed), else
   * the same direction, family and remote (ports changed).
   */
  private static Map<PlannedChange, PlannedChange> pair(List<PlannedChange> deletes, List<PlannedChange> creates) {
    Map<PlannedChange, PlannedChange> pairs = new HashMap<>();
    Set<PlannedChange> taken = new HashSet<>();
    for (boolean byPorts : new boolean[] {true, false}) {
      for (PlannedChange d : deletes) {
        if (pairs.containsKey(d)) {
          continue;
        }
        SecurityRule old = d.rule();
        creates.stream().filter(c -> !taken.contains(c)).filter(c -> {
          SecurityRule r = c.rule();
          return r.direction() == old.direction() && r.ipVersion() == old.ipVersion()
              && (byPorts ? r.protocol().equals(old.protocol()) && r.ports().equals(old.ports())
                  : r.remote().equals(old.remote()));
        }).findFirst().ifPresent(c -> {
          pairs.put(d, c);
          taken.add(c);
        });
      }
    }
    return pairs;
  }

  private static List<PlannedChange> ofKind(List<PlannedChange> changes, Change kind) {
    return changes.stream().filter(c -> c.change() == kind).toList();
  }

  private static List<SecurityRule> concat(List<SecurityRule> rules, List<PlannedChange> more) {
    return Stream.concat(rules.stream(), more.stream().map(PlannedChange::rule)).toList();
  }

  /** Drops empty steps and joins neighbours of the same kind. */
  private static List<Step> merge(List<Step> steps) {
    List<Step> merged = new ArrayList<>();
    for (Step s : steps) {
      if (s.changes().isEmpty()) {
        continue;
      }
      Step last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.kind() == s.kind()) {
        List<PlannedChange> joined = new ArrayList<>(last.changes());
        joined.addAll(s.changes());
        merged.set(merged.size() - 1, new Step(s.kind(), joined));
      } else {
        merged.add(s);
      }
    }
    return merged;
  }
}
