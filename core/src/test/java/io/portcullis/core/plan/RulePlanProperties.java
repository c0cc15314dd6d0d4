package io.portcullis.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Planning gives what it gave before it matched rules through a table of meanings (issue 12): the same lists in
 * the same order, and the same errors, on small sets where meanings, descriptions and provider ids collide, and
 * on shuffled sets of thousands of rules.
 */
class RulePlanProperties {
  /** Rules that differ from the first in one part each, and two spellings of one meaning. */
  private static final List<String> MEANINGS = List.of(
      "ingress allow tcp 22 from 10.0.0.0/8",
      "egress allow tcp 22 to 10.0.0.0/8",
      "ingress deny tcp 22 from 10.0.0.0/8",
      "ingress allow udp 22 from 10.0.0.0/8",
      "ingress allow tcp 23 from 10.0.0.0/8",
      "ingress allow tcp 22 from 10.0.0.0/16",
      "ingress allow tcp 22 from 10.0.0.0/8 priority 5",
      "ingress allow icmp type 3 code 1 from 10.0.0.0/8",
      "ingress allow icmp type 3 code 2 from 10.0.0.0/8",
      "ingress allow tcp 22,80 from sg-1",
      "ingress allow tcp 80,22 from sg-1",
      "ingress allow any from 2001:db8::/32");

  @Property(tries = 1000)
  void planningGivesWhatItGaveBefore(@ForAll("desired") List<SecurityRule> desired,
      @ForAll("actual") List<ProvisionedRule> actual, @ForAll PlanMode mode) {
    assertEquals(before(desired, actual, mode), now(desired, actual, mode));
  }

  @Property(tries = 300)
  void aRepeatedIdIsTheOneReportedBefore(@ForAll("desired") List<SecurityRule> desired,
      @ForAll("crowded") List<ProvisionedRule> actual, @ForAll PlanMode mode) {
    assertEquals(before(desired, actual, mode), now(desired, actual, mode));
  }

  @Property(tries = 40)
  void largePlansGiveWhatTheyGaveBefore(@ForAll @IntRange(max = 6000) int size, @ForAll long seed,
      @ForAll PlanMode mode) {
    // Distinct meanings, about one in eight desired twice (in a quarter of the cases now and then with another
    // description), 80% of them present (a third with an old description), in a quarter of the cases with ids
    // that repeat, and some rules only present.
    SplittableRandom random = new SplittableRandom(seed);
    List<SecurityRule> desired = new ArrayList<>();
    List<ProvisionedRule> actual = new ArrayList<>();
    boolean repeatIds = random.nextInt(4) == 0;
    boolean conflicts = random.nextInt(4) == 0;
    for (int i = 0; i < size; i++) {
      String meaning = "ingress allow tcp " + (1 + random.nextInt(3)) + " from 10." + (i >> 16) + "." + (i >> 8 & 0xff)
          + "." + (i & 0xff) + "/32";
      SecurityRule rule = SecurityRule.parse(meaning + (random.nextBoolean() ? "" : " \"d\""));
      desired.add(rule);
      if (random.nextInt(8) == 0) {
        desired.add(conflicts && random.nextInt(50) == 0 ? SecurityRule.parse(meaning + " \"other\"") : rule);
      }
      if (random.nextInt(5) > 0) {
        String id = "r" + (repeatIds ? random.nextInt(size * 4) : i);
        actual.add(ProvisionedRule.of(id, random.nextInt(3) == 0 ? SecurityRule.parse(meaning + " \"old\"") : rule));
      }
      if (random.nextInt(10) == 0) {
        actual.add(ProvisionedRule.of("x" + i, SecurityRule.parse("egress allow udp 53 to 10.1." + (i >> 8 & 0xff) + "."
            + (i & 0xff) + "/32")));
      }
    }
    Collections.shuffle(actual, new Random(seed));
    assertEquals(before(desired, actual, mode), now(desired, actual, mode));
  }

  @Provide
  Arbitrary<SecurityRule> rule() {
    return Combinators.combine(Arbitraries.of(MEANINGS), Arbitraries.of("", " \"a\"", " \"b\""))
        .as((meaning, description) -> SecurityRule.parse(meaning + description));
  }

  @Provide
  Arbitrary<List<SecurityRule>> desired() {
    return rule().list().ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<ProvisionedRule>> actual() {
    return listing(150); // sometimes repeats an id
  }

  @Provide
  Arbitrary<List<ProvisionedRule>> crowded() {
    return listing(6); // often repeats several ids
  }

  private Arbitrary<List<ProvisionedRule>> listing(int ids) {
    return Combinators.combine(Arbitraries.integers().between(0, ids), rule())
        .as((id, rule) -> ProvisionedRule.of("r" + id, rule)).list().ofMaxSize(10);
  }

  private static List<Object> now(List<SecurityRule> desired, List<ProvisionedRule> actual, PlanMode mode) {
    try {
      RulePlan p = RulePlan.between(desired, actual, mode);
      return List.of(p.desired(), p.actual(), p.toCreate(), p.toUpdate(), p.toDelete(), p.unchanged(),
          p.unmanaged());
    } catch (InvalidRuleException | ProviderReplyException e) {
      return List.of(e.getClass(), e.getMessage());
    }
  }

  /** {@code RulePlan.between} as it was before issue 12, through hash maps of rules without descriptions. */
  private static List<Object> before(List<SecurityRule> desired, List<ProvisionedRule> actual, PlanMode mode) {
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
      InvalidRuleException e = new InvalidRuleException(conflicts);
      return List.of(e.getClass(), e.getMessage());
    }
    Set<String> ids = new HashSet<>();
    Map<SecurityRule, List<ProvisionedRule>> present = new HashMap<>();
    for (ProvisionedRule p : actual) {
      if (!ids.add(p.providerId())) {
        ProviderReplyException e = new ProviderReplyException("unknown", "plan", "rule id", "the group's rules hold "
            + p.providerId() + " twice; no plan is made from a listing that repeats rules", Optional.empty());
        return List.of(e.getClass(), e.getMessage());
      }
      present.computeIfAbsent(p.rule().withoutDescription(), k -> new ArrayList<>()).add(p);
    }
    List<SecurityRule> create = new ArrayList<>();
    List<RuleUpdate> update = new ArrayList<>();
    List<ProvisionedRule> same = new ArrayList<>();
    Set<ProvisionedRule> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<SecurityRule, SecurityRule> e : wanted.entrySet()) {
      List<ProvisionedRule> candidates = present.getOrDefault(e.getKey(), List.of());
      SecurityRule rule = e.getValue();
      if (candidates.isEmpty()) {
        create.add(rule);
        continue;
      }
      ProvisionedRule exact = candidates.stream()
          .filter(p -> p.rule().description().equals(rule.description())).findFirst().orElse(null);
      if (exact != null) {
        used.add(exact);
        same.add(exact);
      } else {
        used.add(candidates.get(0));
        update.add(new RuleUpdate(candidates.get(0), rule));
      }
    }
    List<ProvisionedRule> rest = actual.stream().filter(p -> !used.contains(p)).toList();
    boolean authoritative = mode == PlanMode.AUTHORITATIVE;
    return List.of(List.copyOf(wanted.values()), actual, create, update, authoritative ? rest : List.of(), same,
        authoritative ? List.of() : rest);
  }
}
