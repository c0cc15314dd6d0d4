package io.portcullis.core.plan;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What it takes to go from the rules a group has to the rules it should have: rules to create, to delete,
 * to update (description or tags only) and those unchanged. Rules are matched by meaning — the normalised rule
 * without its description, tags or provider id — so {@code tcp 22,80} and {@code tcp 80,22} are the same rule.
 * A desired rule with tags wants exactly those tags; one without leaves the tags in place as they are.
 *
 * <p>Desired rules should be in the provider's form (see {@code SecurityGroupRules.providerForm}), so that
 * they compare like with like with what the provider reports. Planning is pure and linear in the number of
 * rules.
 */
public final class RulePlan {
  private final PlanMode mode;
  private final List<SecurityRule> desired;
  private final List<ProvisionedRule> actual;
  private final List<SecurityRule> toCreate;
  private final List<RuleUpdate> toUpdate;
  private final List<ProvisionedRule> toDelete;
  private final List<ProvisionedRule> unchanged;
  private final List<ProvisionedRule> unmanaged;
  private final List<RuleUpdate> notUpdated;
  private final boolean updatesReplace;
  private final List<String> notes;
  // Rules the model cannot represent: deleted by id (authoritative) or kept (additive), never reinterpreted.
  private final List<OpaqueRule> opaque;

  private RulePlan(PlanMode mode, List<SecurityRule> desired, List<ProvisionedRule> actual,
      List<SecurityRule> toCreate, List<RuleUpdate> toUpdate, List<ProvisionedRule> toDelete,
      List<ProvisionedRule> unchanged, List<ProvisionedRule> unmanaged, List<RuleUpdate> notUpdated,
      boolean updatesReplace, List<String> notes, List<OpaqueRule> opaque) {
    // Every list is unmodifiable already: copying a million rules again would cost more than planning them.
    this.mode = mode;
    this.desired = desired;
    this.actual = actual;
    this.toCreate = toCreate;
    this.toUpdate = toUpdate;
    this.toDelete = toDelete;
    this.unchanged = unchanged;
    this.unmanaged = unmanaged;
    this.notUpdated = notUpdated;
    this.updatesReplace = updatesReplace;
    this.notes = notes;
    this.opaque = opaque;
  }

  /** An {@link PlanMode#ADDITIVE} plan. */
  public static RulePlan between(Collection<SecurityRule> desired, Collection<ProvisionedRule> actual) {
    return between(desired, actual, PlanMode.ADDITIVE);
  }

  /**
   * The plan from {@code actual} to {@code desired}.
   *
   * @throws InvalidRuleException if two desired rules mean the same but have different descriptions
   * @throws ProviderReplyException if {@code actual} holds one provider id twice: such a listing cannot be
   *     trusted, and planning from it could delete a rule that is also kept
   */
  public static RulePlan between(
      Collection<SecurityRule> desired, Collection<ProvisionedRule> actual, PlanMode mode) {
    Objects.requireNonNull(mode, "mode");
    List<SecurityRule> want = withTagsFirst(copy(desired, new SecurityRule[0]));
    List<ProvisionedRule> have = copy(actual, new ProvisionedRule[0]);
    int n = have.size();
    // One table of meanings (rules without descriptions) for both sides, sized for the usual case that most are
    // on both and a few on one. A meaning's slot is its first actual rule (index + 1; the others follow through
    // next, in the listing's order) until a desired rule takes it, then that desired rule (-(index + 1)).
    SlotTable meanings = new SlotTable(Math.max(n, want.size()) * 5 / 4);
    SecurityRule[] rules = new SecurityRule[n]; // the actual rules, read without their ProvisionedRule
    int[] next = new int[n];
    SlotTable ids = new SlotTable(n);
    int repeat = n; // the first index whose provider id an earlier rule has
    for (int i = n - 1; i >= 0; i--) {
      ProvisionedRule p = have.get(i);
      rules[i] = p.rule();
      SecurityRule meaning = rules[i].withoutDescription();
      int at = find(meanings, meaning, want, rules);
      next[i] = meanings.isFree(at) ? 0 : meanings.slot(at);
      meanings.put(at, meaning.hashCode(), i + 1);
      String id = p.providerId();
      at = find(ids, id, have);
      if (!ids.isFree(at)) {
        repeat = Math.min(repeat, ids.slot(at) - 1); // the next rule with this id repeats it
      }
      ids.put(at, id.hashCode(), i + 1);
    }
    List<Violation> conflicts = new ArrayList<>();
    List<SecurityRule> kept = null; // the desired rules without repeats, once there is a repeat
    List<SecurityRule> create = new ArrayList<>();
    List<RuleUpdate> update = new ArrayList<>();
    List<ProvisionedRule> same = new ArrayList<>(Math.min(n, want.size()));
    boolean[] used = new boolean[n];
    for (int j = 0; j < want.size(); j++) {
      SecurityRule rule = want.get(j);
      SecurityRule meaning = rule.withoutDescription();
      int at = find(meanings, meaning, want, rules);
      int slot = meanings.isFree(at) ? 0 : meanings.slot(at);
      if (slot < 0) {
        SecurityRule earlier = want.get(-slot - 1);
        if (!earlier.description().equals(rule.description())) {
          conflicts.add(Violation.of("description", rule.toText(),
              "one description per rule; the same rule is also desired as " + earlier.toText()));
        } else if (!earlier.tags().isEmpty() && !rule.tags().isEmpty() && !earlier.tags().equals(rule.tags())) {
          conflicts.add(Violation.of("tags", rule.toText() + " " + rule.tags(),
              "one set of tags per rule; the same rule is also desired with " + earlier.tags()));
        }
        if (kept == null) {
          kept = new ArrayList<>(want.subList(0, j));
        }
        continue;
      }
      if (kept != null) {
        kept.add(rule);
      }
      meanings.put(at, meaning.hashCode(), -(j + 1));
      if (slot == 0) {
        create.add(rule);
        continue;
      }
      int exact = slot;
      while (exact != 0 && !(rules[exact - 1].description().equals(rule.description())
          && !RuleUpdate.tagsDiffer(rules[exact - 1], rule))) {
        exact = next[exact - 1];
      }
      if (exact != 0) {
        used[exact - 1] = true;
        same.add(have.get(exact - 1));
      } else {
        used[slot - 1] = true;
        update.add(new RuleUpdate(have.get(slot - 1), rule));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new InvalidRuleException(conflicts);
    }
    if (repeat < n) {
      throw new ProviderReplyException("unknown", "plan", "rule id", "the group's rules hold "
          + have.get(repeat).providerId() + " twice; no plan is made from a listing that repeats rules",
          Optional.empty());
    }
    List<ProvisionedRule> rest = new ArrayList<>(n - same.size() - update.size());
    for (int i = 0; i < n; i++) {
      if (!used[i]) {
        rest.add(have.get(i));
      }
    }
    boolean authoritative = mode == PlanMode.AUTHORITATIVE;
    List<ProvisionedRule> others = Collections.unmodifiableList(rest);
    return new RulePlan(mode, kept == null ? want : Collections.unmodifiableList(kept), have,
        Collections.unmodifiableList(create), Collections.unmodifiableList(update),
        authoritative ? others : List.of(), Collections.unmodifiableList(same), authoritative ? List.of() : others,
        List.of(), false, List.of(), List.of());
  }

  /** An unmodifiable copy, made once: {@code List.copyOf} copies an {@code ArrayList} twice. */
  /**
   * The desired rules, where some have tags (rare), with a rule without tags replaced by its first repeat that has
   * the same description and some tags: that repeat says which tags the rule wants. Planning then takes the first
   * of each rule and refuses a repeat with other tags, as one with another description.
   */
  private static List<SecurityRule> withTagsFirst(List<SecurityRule> want) {
    boolean tagged = false;
    for (SecurityRule rule : want) {
      tagged |= !rule.tags().isEmpty();
    }
    if (!tagged) {
      return want;
    }
    List<SecurityRule> out = new ArrayList<>(want);
    Map<SecurityRule, Integer> first = new HashMap<>();
    for (int j = 0; j < out.size(); j++) {
      SecurityRule rule = out.get(j);
      Integer i = first.putIfAbsent(rule.withoutDescription(), j);
      if (i != null && out.get(i).tags().isEmpty() && !rule.tags().isEmpty()
          && out.get(i).description().equals(rule.description())) {
        out.set(i, rule);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static <T> List<T> copy(Collection<T> values, T[] empty) {
    return Collections.unmodifiableList(Arrays.asList(values.toArray(empty)));
  }

  /** The position of {@code meaning} in the table, or the free one where it goes. */
  private static int find(SlotTable meanings, SecurityRule meaning, List<SecurityRule> want, SecurityRule[] rules) {
    int hash = meaning.hashCode();
    int at = meanings.start(hash);
    while (!meanings.isFree(at) && !(meanings.hash(at) == hash && meaning.equals(meaningOf(meanings.slot(at),
        want, rules)))) {
      at = meanings.next(at);
    }
    return at;
  }

  /** The position of {@code id} in the table, or the free one where it goes. */
  private static int find(SlotTable ids, String id, List<ProvisionedRule> have) {
    int hash = id.hashCode();
    int at = ids.start(hash);
    while (!ids.isFree(at) && !(ids.hash(at) == hash && have.get(ids.slot(at) - 1).providerId().equals(id))) {
      at = ids.next(at);
    }
    return at;
  }

  private static SecurityRule meaningOf(int slot, List<SecurityRule> want, SecurityRule[] rules) {
    return (slot > 0 ? rules[slot - 1] : want.get(-slot - 1)).withoutDescription();
  }

  /**
   * The plan from a group as read ({@link RuleListing}) to {@code desired}: as {@link #between(Collection,
   * Collection, PlanMode)}, and the rules the model cannot represent are deleted by id (authoritative, {@link
   * #opaqueToDelete()}) or kept (additive, {@link #opaqueKept()}).
   */
  public static RulePlan between(Collection<SecurityRule> desired, RuleListing actual, PlanMode mode) {
    RulePlan p = between(desired, actual.rules(), mode);
    return new RulePlan(mode, p.desired, p.actual, p.toCreate, p.toUpdate, p.toDelete, p.unchanged, p.unmanaged,
        p.notUpdated, p.updatesReplace, p.notes, actual.opaque());
  }

  /**
   * This plan without its description updates, for a provider that cannot update a description in place: each
   * such rule is kept as it is and listed in {@link #notUpdated()} with a warning.
   */
  public RulePlan keepingUpdates() {
    List<RuleUpdate> kept = new ArrayList<>(notUpdated);
    kept.addAll(toUpdate);
    return new RulePlan(mode, desired, actual, toCreate, List.of(), toDelete, unchanged, unmanaged, List.copyOf(kept),
        updatesReplace, notes, opaque);
  }

  /**
   * This plan with each description update carried out as a replacement ({@code -/+}): the old rule is deleted,
   * then the new one created, so the rule is absent in between. Only for providers that cannot update in place
   * and refuse the new rule while the old one exists; opt-in.
   */
  public RulePlan replacingUpdates() {
    return new RulePlan(mode, desired, actual, toCreate, toUpdate, toDelete, unchanged, unmanaged, notUpdated,
        true, notes, opaque);
  }

  /** This plan with notes for people, shown by {@link #render()} (e.g. why deletes run before creates). */
  public RulePlan withNotes(List<String> more) {
    List<String> all = new ArrayList<>(notes);
    all.addAll(more);
    return new RulePlan(mode, desired, actual, toCreate, toUpdate, toDelete, unchanged, unmanaged, notUpdated,
        updatesReplace, List.copyOf(all), opaque);
  }

  /** The mode the plan was made in. */
  public PlanMode mode() {
    return mode;
  }

  /** The desired rules the plan was made for (one per meaning). */
  public List<SecurityRule> desired() {
    return desired;
  }

  /** The group's rules the plan was made from: the snapshot an apply checks for staleness. */
  public List<ProvisionedRule> actual() {
    return actual;
  }

  /** Desired rules the provider does not have. */
  public List<SecurityRule> toCreate() {
    return toCreate;
  }

  /**
   * Rules in place whose description or tags change (in place, or by replacement when {@link #updatesReplace()}).
   */
  public List<RuleUpdate> toUpdate() {
    return toUpdate;
  }

  /** Whether each update deletes the old rule and creates the new one ({@code -/+}) instead of updating in place. */
  public boolean updatesReplace() {
    return updatesReplace;
  }

  /** Rules at the provider that are not desired (authoritative plans only). */
  public List<ProvisionedRule> toDelete() {
    return toDelete;
  }

  /** Rules already as desired. */
  public List<ProvisionedRule> unchanged() {
    return unchanged;
  }

  /** Rules at the provider that are not desired but kept, because the plan is additive. */
  public List<ProvisionedRule> unmanaged() {
    return unmanaged;
  }

  /** Rules whose description differs but is kept, because the provider cannot update it without a replacement. */
  public List<RuleUpdate> notUpdated() {
    return notUpdated;
  }

  /** Rules the model cannot represent that an authoritative plan deletes by id, after every other change. */
  public List<OpaqueRule> opaqueToDelete() {
    return mode == PlanMode.AUTHORITATIVE ? opaque : List.of();
  }

  /** Rules the model cannot represent that an additive plan keeps. */
  public List<OpaqueRule> opaqueKept() {
    return mode == PlanMode.AUTHORITATIVE ? List.of() : opaque;
  }

  /** Notes for people about how the plan will be applied. */
  public List<String> notes() {
    return notes;
  }

  /** What a reader should know: each description that is not updated, and why. */
  public List<String> warnings() {
    return notUpdated.stream().map(u -> "description of " + u.current().providerId() + " not updated to "
        + u.desired().description().map(d -> "\"" + d + "\"").orElse("none")
        + ": the provider cannot change it in place and a replacement was not asked for").toList();
  }

  /**
   * Every change: creates, then updates, then deletes (make before break). The apply pipeline reorders them only
   * where the quota does not allow the creates first.
   */
  public List<PlannedChange> changes() {
    List<PlannedChange> all = new ArrayList<>();
    toCreate.forEach(r -> all.add(new PlannedChange(RuleOutcome.Change.CREATE, r, Optional.empty())));
    toUpdate.forEach(u -> all.add(
        new PlannedChange(RuleOutcome.Change.UPDATE, u.desired(), Optional.of(u.current().providerId()))));
    toDelete.forEach(p -> all.add(new PlannedChange(RuleOutcome.Change.DELETE, p.rule(), Optional.of(p.providerId()))));
    return all;
  }

  /** The rules the group will have once the plan is applied: what a quota check counts. */
  public List<SecurityRule> resultingRules() {
    List<SecurityRule> after = new ArrayList<>();
    unchanged.forEach(p -> after.add(p.rule()));
    unmanaged.forEach(p -> after.add(p.rule()));
    notUpdated.forEach(u -> after.add(u.current().rule()));
    toUpdate.forEach(u -> after.add(u.desired()));
    after.addAll(toCreate);
    return after;
  }

  /** Whether applying the plan changes anything. */
  public boolean hasChanges() {
    return !toCreate.isEmpty() || !toUpdate.isEmpty() || !toDelete.isEmpty() || !opaqueToDelete().isEmpty();
  }

  /** {@code Plan: 2 to create, 1 to update, 0 to delete, 3 unchanged.} or {@code No changes. ...}. */
  public String summary() {
    if (!hasChanges()) {
      return "No changes. " + unchanged.size() + " unchanged" + keptSuffix() + ".";
    }
    int opaqueDeletes = opaqueToDelete().size();
    return "Plan: " + toCreate.size() + " to create, " + toUpdate.size() + (updatesReplace ? " to replace, "
        : " to update, ") + (toDelete.size() + opaqueDeletes) + " to delete"
        + (opaqueDeletes == 0 ? "" : " (" + opaqueDeletes + " not representable)") + ", " + unchanged.size()
        + " unchanged" + keptSuffix() + ".";
  }

  private String keptSuffix() {
    return (unmanaged.isEmpty() ? "" : ", " + unmanaged.size() + " not managed (kept)")
        + (notUpdated.isEmpty() ? "" : ", " + notUpdated.size() + " description change(s) not applied (see warnings)")
        + (opaqueKept().isEmpty() ? "" : ", " + opaqueKept().size() + " not representable (kept)");
  }

  /**
   * The plan for people, like a terraform plan: a line per change in the text form ({@code +} create,
   * {@code ~} update, {@code -/+} replace, {@code -} delete, {@code !} a description kept), notes, then the
   * summary. An authoritative plan starts with a warning.
   */
  public String render() {
    StringBuilder s = new StringBuilder();
    if (mode == PlanMode.AUTHORITATIVE) {
      s.append("!! AUTHORITATIVE plan: every rule not in the desired state is deleted (")
          .append(toDelete.size() + opaque.size()).append(toDelete.size() + opaque.size() == 1 ? " rule" : " rules")
          .append(")\n");
    }
    toCreate.forEach(r -> s.append("  + ").append(r).append(r.tags().isEmpty() ? "" : "   (tags " + tags(r) + ")")
        .append('\n'));
    toUpdate.forEach(u -> s.append(updatesReplace ? "-/+ " : "  ~ ").append(u.desired()).append("   (")
        .append(u.current().providerId()).append(u.descriptionChanges() || !u.tagsChange() ? ", was "
            + described(u.current().rule()) : "")
        .append(u.tagsChange() ? ", tags " + tags(u.desired()) + ", were " + tags(u.current().rule()) : "")
        .append(updatesReplace ? "; deleted, then created: absent in between" : "").append(")\n"));
    toDelete.forEach(p -> s.append("  - ").append(p.rule()).append("   (").append(p.providerId()).append(")\n"));
    opaqueToDelete().forEach(o -> s.append("  - ").append(o).append("   (deleted by id: ").append(o.reason())
        .append(")\n"));
    notUpdated.forEach(u -> s.append("  ! ").append(u.current().rule()).append("   (").append(u.current().providerId())
        .append(": wanted ").append(described(u.desired())).append("; kept, the provider cannot update it in place)\n"));
    notes.forEach(n -> s.append("  # ").append(n).append('\n'));
    return s.append(summary()).toString();
  }

  /** {@code {env=prod, team=edge}}, sorted by key so that a plan renders the same every time. */
  private static String tags(SecurityRule rule) {
    return new TreeMap<>(rule.tags()).toString();
  }

  private static String described(SecurityRule rule) {
    return rule.description().map(d -> "\"" + d + "\"").orElse("no description");
  }

  @Override
  public String toString() {
    return render();
  }
}
