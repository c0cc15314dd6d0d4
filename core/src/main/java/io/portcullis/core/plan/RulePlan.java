package io.portcullis.core.plan;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What it takes to go from the rules a group has to the rules it should have: rules to create, to delete,
 * to update (description only) and those unchanged. Rules are matched by meaning — the normalised rule
 * without its description or provider id — so {@code tcp 22,80} and {@code tcp 80,22} are the same rule.
 *
 * <p>Desired rules should be in the provider's form (see {@code SecurityGroupRules.providerForm}), so that
 * they compare like with like with what the provider reports. Planning is pure and linear in the number of
 * rules.
 */
public final class RulePlan {
  private final PlanMode mode;
  private final List<SecurityRule> toCreate;
  private final List<RuleUpdate> toUpdate;
  private final List<ProvisionedRule> toDelete;
  private final List<ProvisionedRule> unchanged;
  private final List<ProvisionedRule> unmanaged;
  // Rules the model cannot represent: deleted by id (authoritative) or kept (additive), never reinterpreted.
  private final List<OpaqueRule> opaqueToDelete;
  private final List<OpaqueRule> opaqueKept;

  private RulePlan(PlanMode mode, List<SecurityRule> toCreate, List<RuleUpdate> toUpdate,
      List<ProvisionedRule> toDelete, List<ProvisionedRule> unchanged, List<ProvisionedRule> unmanaged) {
    this(mode, toCreate, toUpdate, toDelete, unchanged, unmanaged, List.of());
  }

  private RulePlan(PlanMode mode, List<SecurityRule> toCreate, List<RuleUpdate> toUpdate,
      List<ProvisionedRule> toDelete, List<ProvisionedRule> unchanged, List<ProvisionedRule> unmanaged,
      List<OpaqueRule> opaque) {
    boolean authoritative = mode == PlanMode.AUTHORITATIVE;
    this.opaqueToDelete = authoritative ? List.copyOf(opaque) : List.of();
    this.opaqueKept = authoritative ? List.of() : List.copyOf(opaque);
    this.mode = mode;
    this.toCreate = List.copyOf(toCreate);
    this.toUpdate = List.copyOf(toUpdate);
    this.toDelete = List.copyOf(toDelete);
    this.unchanged = List.copyOf(unchanged);
    this.unmanaged = List.copyOf(unmanaged);
  }

  /** An {@link PlanMode#ADDITIVE} plan. */
  public static RulePlan between(Collection<SecurityRule> desired, Collection<ProvisionedRule> actual) {
    return between(desired, actual, PlanMode.ADDITIVE);
  }

  /**
   * The plan from {@code actual} to {@code desired}.
   *
   * @throws InvalidRuleException if two desired rules mean the same but have different descriptions
   */
  public static RulePlan between(
      Collection<SecurityRule> desired, Collection<ProvisionedRule> actual, PlanMode mode) {
    Objects.requireNonNull(mode, "mode");
    Map<SecurityRule, SecurityRule> wanted = new LinkedHashMap<>();
    List<Violation> conflicts = new ArrayList<>();
    for (SecurityRule rule : desired) {
      SecurityRule earlier = wanted.putIfAbsent(rule.withoutDescription(), rule);
      if (earlier != null && !earlier.description().equals(rule.description())) {
        conflicts.add(Violation.of("description", rule.toText(),
            "one description per rule; the same rule is also desired as " + earlier.toText()));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new InvalidRuleException(conflicts);
    }
    Map<SecurityRule, Deque<ProvisionedRule>> present = new HashMap<>();
    for (ProvisionedRule p : actual) {
      present.computeIfAbsent(p.rule().withoutDescription(), k -> new ArrayDeque<>()).add(p);
    }
    List<SecurityRule> create = new ArrayList<>();
    List<RuleUpdate> update = new ArrayList<>();
    List<ProvisionedRule> same = new ArrayList<>();
    for (Map.Entry<SecurityRule, SecurityRule> e : wanted.entrySet()) {
      Deque<ProvisionedRule> candidates = present.get(e.getKey());
      SecurityRule rule = e.getValue();
      if (candidates == null || candidates.isEmpty()) {
        create.add(rule);
        continue;
      }
      Optional<ProvisionedRule> exact =
          candidates.stream().filter(p -> p.rule().description().equals(rule.description())).findFirst();
      if (exact.isPresent()) {
        candidates.remove(exact.get());
        same.add(exact.get());
      } else {
        update.add(new RuleUpdate(candidates.poll(), rule));
      }
    }
    List<ProvisionedRule> rest = new ArrayList<>();
    for (ProvisionedRule p : actual) {
      Deque<ProvisionedRule> left = present.get(p.rule().withoutDescription());
      if (left.remove(p)) {
        rest.add(p);
      }
    }
    boolean authoritative = mode == PlanMode.AUTHORITATIVE;
    return new RulePlan(mode, create, update, authoritative ? rest : List.of(), same,
        authoritative ? List.of() : rest);
  }

  /**
   * The plan from a group as read ({@link RuleListing}) to {@code desired}: as {@link #between(Collection,
   * Collection, PlanMode)}, and the rules the model cannot represent are listed for deletion by id
   * (authoritative) or kept (additive).
   */
  public static RulePlan between(Collection<SecurityRule> desired, RuleListing actual, PlanMode mode) {
    RulePlan p = between(desired, actual.rules(), mode);
    return new RulePlan(mode, p.toCreate, p.toUpdate, p.toDelete, p.unchanged, p.unmanaged, actual.opaque());
  }

  /** The mode the plan was made in. */
  public PlanMode mode() {
    return mode;
  }

  /** Desired rules the provider does not have. */
  public List<SecurityRule> toCreate() {
    return toCreate;
  }

  /** Rules in place whose description changes. */
  public List<RuleUpdate> toUpdate() {
    return toUpdate;
  }

  /** Rules at the provider that are not desired (authoritative plans only). */
  public List<ProvisionedRule> toDelete() {
    return toDelete;
  }

  /** Rules the model cannot represent, deleted by their provider id (authoritative plans only). */
  public List<OpaqueRule> opaqueToDelete() {
    return opaqueToDelete;
  }

  /** Rules the model cannot represent, kept because the plan is additive. */
  public List<OpaqueRule> opaqueKept() {
    return opaqueKept;
  }

  /** Rules already as desired. */
  public List<ProvisionedRule> unchanged() {
    return unchanged;
  }

  /** Rules at the provider that are not desired but kept, because the plan is additive. */
  public List<ProvisionedRule> unmanaged() {
    return unmanaged;
  }

  /** Every change as adapters carry them out: deletes first (making room), then updates, then creates. */
  public List<PlannedChange> changes() {
    List<PlannedChange> all = new ArrayList<>();
    toDelete.forEach(p -> all.add(new PlannedChange(RuleOutcome.Change.DELETE, p.rule(), Optional.of(p.providerId()))));
    toUpdate.forEach(u -> all.add(
        new PlannedChange(RuleOutcome.Change.UPDATE, u.desired(), Optional.of(u.current().providerId()))));
    toCreate.forEach(r -> all.add(new PlannedChange(RuleOutcome.Change.CREATE, r, Optional.empty())));
    return all;
  }

  /** The rules the group will have once the plan is applied: what a quota check counts. */
  public List<SecurityRule> resultingRules() {
    List<SecurityRule> after = new ArrayList<>();
    unchanged.forEach(p -> after.add(p.rule()));
    unmanaged.forEach(p -> after.add(p.rule()));
    toUpdate.forEach(u -> after.add(u.desired()));
    after.addAll(toCreate);
    return after;
  }

  /** Whether applying the plan changes anything. */
  public boolean hasChanges() {
    return !toCreate.isEmpty() || !toUpdate.isEmpty() || !toDelete.isEmpty() || !opaqueToDelete.isEmpty();
  }

  /** {@code Plan: 2 to create, 1 to update, 0 to delete, 3 unchanged.} or {@code No changes. ...}. */
  public String summary() {
    if (!hasChanges()) {
      return "No changes. " + unchanged.size() + " unchanged" + keptSuffix() + ".";
    }
    return "Plan: " + toCreate.size() + " to create, " + toUpdate.size() + " to update, "
        + (toDelete.size() + opaqueToDelete.size()) + " to delete"
        + (opaqueToDelete.isEmpty() ? "" : " (" + opaqueToDelete.size() + " not representable)") + ", "
        + unchanged.size() + " unchanged" + keptSuffix() + ".";
  }

  private String keptSuffix() {
    return (unmanaged.isEmpty() ? "" : ", " + unmanaged.size() + " not managed (kept)")
        + (opaqueKept.isEmpty() ? "" : ", " + opaqueKept.size() + " not representable (kept)");
  }

  /**
   * The plan for people, like a terraform plan: a line per change in the text form ({@code +} create,
   * {@code ~} update, {@code -} delete), then the summary. An authoritative plan starts with a warning.
   */
  public String render() {
    StringBuilder s = new StringBuilder();
    if (mode == PlanMode.AUTHORITATIVE) {
      s.append("!! AUTHORITATIVE plan: every rule not in the desired state is deleted (")
          .append(toDelete.size() + opaqueToDelete.size())
          .append(toDelete.size() + opaqueToDelete.size() == 1 ? " rule" : " rules").append(")\n");
    }
    toCreate.forEach(r -> s.append("  + ").append(r).append('\n'));
    toUpdate.forEach(u -> s.append("  ~ ").append(u.desired()).append("   (").append(u.current().providerId())
        .append(", was ").append(u.current().rule().description().map(d -> "\"" + d + "\"").orElse("no description"))
        .append(")\n"));
    toDelete.forEach(p -> s.append("  - ").append(p.rule()).append("   (").append(p.providerId()).append(")\n"));
    opaqueToDelete.forEach(o -> s.append("  - ").append(o).append("   (deleted by id: ").append(o.reason())
        .append(")\n"));
    return s.append(summary()).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
