package io.portcullis.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.base.CharMatcher;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.RemoteKind;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests for the checks that compare rules with each other: each row is a group's rules and the indexes of
 * the rules the check flags.
 */
class RuleSetChecksTest {
  private static final LintCheck REDUNDANT = new RedundantRuleCheck();
  private static final LintCheck SHADOWED = new ShadowedAllowCheck();
  private static final LintCheck UNREACHABLE = new UnreachableDenyCheck();

  static Stream<Arguments> redundancy() {
    return Stream.of(
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow tcp 22 from 10.0.0.0/16"), 0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/16", "ingress allow tcp 22 from 10.0.0.0/24"), 1),
        // exact duplicates once, on the later rule, whatever the description
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow tcp 22 from 10.0.0.0/24 \"dup\""), 1),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow tcp 22 from 10.0.0.0/24",
            "ingress allow tcp 22 from 10.0.0.0/24"), 1, 2),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow tcp 20-30 from 10.0.0.0/24"), 0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow any from 10.0.0.0/8"), 0),
        row(List.of("ingress allow tcp 22 from sg-0abc123", "ingress allow tcp from 0.0.0.0/0"), 0),
        row(List.of("ingress allow icmp type 3 code 4 from 10.0.0.0/24", "ingress allow icmp type 3 from 10.0.0.0/24"),
            0),
        row(List.of("ingress allow tcp 5432 from sg-0abc123", "ingress allow tcp 5432,6379 from sg-0abc123"), 0),
        row(List.of("ingress deny udp 53 from 2001:db8::/64", "ingress deny udp from 2001:db8::/48"), 0),
        // not covered
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress deny tcp 22 from 10.0.0.0/16")),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "egress allow tcp 22 to 10.0.0.0/16")),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow udp 22 from 10.0.0.0/16")),
        row(List.of("ingress allow tcp 22,80 from 10.0.0.0/24", "ingress allow tcp 80-90 from 10.0.0.0/16")),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/16", "ingress allow tcp 22 from 10.1.0.0/24")),
        row(List.of("ingress allow tcp 22 from sg-0abc123", "ingress allow tcp 22 from sg-0def456")),
        row(List.of("ingress allow tcp 22 from sg-0abc123", "ingress allow tcp 22 from 10.0.0.0/8")),
        row(List.of("ingress allow any from 10.0.0.0/8", "ingress allow any from ::/0")),
        row(List.of("ingress allow icmp type 3 code 4 from 10.0.0.0/24", "ingress allow icmp type 3 code 1 from 10.0.0.0/24")),
        // priority matters only where the opposite action could decide in between
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24 priority 10", "ingress allow tcp 22 from 10.0.0.0/16 priority 20")
            , 0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24 priority 10", "ingress allow tcp 22 from 10.0.0.0/16 priority 20",
            "ingress deny tcp 22 from 10.0.0.0/8 priority 15")),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24 priority 30", "ingress allow tcp 22 from 10.0.0.0/16 priority 20",
            "ingress deny tcp 22 from 10.0.0.0/8 priority 25"), 0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24 priority 10", "ingress allow tcp 22 from 10.0.0.0/16 priority 20",
            "ingress deny tcp 23 from 10.0.0.0/8 priority 15"), 0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow tcp 22 from 10.0.0.0/16 priority 20",
            "ingress deny tcp 22 from 10.0.0.0/8 priority 15")));
  }

  static Stream<Arguments> shadowedAllows() {
    return Stream.of(
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24 priority 20", "ingress deny tcp 22 from 10.0.0.0/16 priority 10"),
            0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24 priority 10", "ingress deny tcp 22 from 10.0.0.0/16 priority 10"),
            0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress deny any from 10.0.0.0/8"), 0),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24 priority 5", "ingress deny tcp 22 from 10.0.0.0/16 priority 10")),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/8 priority 20", "ingress deny tcp 22 from 10.0.0.0/16 priority 10")),
        row(List.of("ingress allow tcp 22,23 from 10.0.0.0/24 priority 20", "ingress deny tcp 22 from 10.0.0.0/16 priority 10")),
        row(List.of("ingress allow tcp 22 from 10.0.0.0/24", "ingress deny tcp 22 from 10.0.0.0/16 priority 10")),
        row(List.of("egress allow tcp 22 to 10.0.0.0/24 priority 20", "ingress deny tcp 22 from 10.0.0.0/16 priority 10")));
  }

  static Stream<Arguments> unreachableDenies() {
    return Stream.of(
        row(List.of("ingress deny tcp 22 from 10.0.0.0/24 priority 20", "ingress allow tcp 22 from 10.0.0.0/16 priority 10"),
            0),
        row(List.of("ingress deny udp 53 from 2001:db8::/64 priority 50", "ingress allow any from ::/0 priority 1"), 0),
        row(List.of("ingress deny tcp 22 from 10.0.0.0/24 priority 10", "ingress allow tcp 22 from 10.0.0.0/16 priority 10")),
        row(List.of("ingress deny tcp 22 from 10.0.0.0/24", "ingress allow tcp 22 from 10.0.0.0/16")),
        row(List.of("ingress deny tcp 22 from 10.0.0.0/24 priority 20", "ingress allow tcp 22 from 10.0.0.0/16")),
        row(List.of("ingress deny tcp 22 from 10.0.0.0/8 priority 20", "ingress allow tcp 22 from 10.0.0.0/16 priority 10")),
        row(List.of("ingress deny tcp from 10.0.0.0/24 priority 20", "ingress allow tcp 22 from 10.0.0.0/16 priority 10")));
  }

  @ParameterizedTest
  @MethodSource("redundancy")
  void redundantRules(List<String> rules, List<Integer> flagged) {
    assertFlags(REDUNDANT, rules, flagged);
  }

  @ParameterizedTest
  @MethodSource("shadowedAllows")
  void shadowedAllows(List<String> rules, List<Integer> flagged) {
    assertFlags(SHADOWED, rules, flagged);
  }

  @ParameterizedTest
  @MethodSource("unreachableDenies")
  void unreachableDenies(List<String> rules, List<Integer> flagged) {
    assertFlags(UNREACHABLE, rules, flagged);
  }

  @Test
  void redundancyNamesTheCoveringRuleAndTellsDuplicatesApart() {
    List<Finding> findings = REDUNDANT.check(context(List.of(
        "ingress allow tcp 22 from 10.0.0.0/24", "ingress allow tcp 22 from 10.0.0.0/24 \"again\"",
        "ingress allow tcp 22 from 10.0.0.0/25")));

    assertEquals(List.of(
        "duplicates 'ingress allow tcp 22 from 10.0.0.0/24'",
        "is fully covered by 'ingress allow tcp 22 from 10.0.0.0/24'"),
        findings.stream().map(Finding::message).toList());
  }

  static Stream<Arguments> descriptions() {
    ProviderCapabilities narrow = capabilities("narrow", 255,
        CharMatcher.inRange('a', 'z').or(CharMatcher.inRange('A', 'Z')).or(CharMatcher.anyOf(" .-")));
    ProviderCapabilities huawei = capabilities("huawei", 255, CharMatcher.noneOf("<>"));
    ProviderCapabilities none = capabilities("none", 0, CharMatcher.any());
    ProviderCapabilities short10 = capabilities("short", 10, CharMatcher.any());
    return Stream.of(
        Arguments.of(huawei, "ingress allow tcp 22 from 10.0.0.0/8 \"ssh <admins>\"", true),
        Arguments.of(huawei, "ingress allow tcp 22 from 10.0.0.0/8 \"ssh (admins) & ops!\"", false),
        Arguments.of(narrow, "ingress allow tcp 22 from 10.0.0.0/8 \"ssh (admins)\"", true),
        Arguments.of(narrow, "ingress allow tcp 22 from 10.0.0.0/8 \"ssh admins\"", false),
        Arguments.of(none, "ingress allow tcp 22 from 10.0.0.0/8 \"x\"", true),
        Arguments.of(none, "ingress allow tcp 22 from 10.0.0.0/8", false),
        Arguments.of(short10, "ingress allow tcp 22 from 10.0.0.0/8 \"eleven char\"", true),
        Arguments.of(short10, "ingress allow tcp 22 from 10.0.0.0/8 \"ten chars.\"", false),
        // rejected for other reasons (deny, egress), but not for its description
        Arguments.of(huawei, "egress deny tcp 22 to 10.0.0.0/8 priority 5 \"fine\"", false));
  }

  @ParameterizedTest
  @MethodSource("descriptions")
  void descriptionsATargetRejects(ProviderCapabilities target, String rule, boolean flagged) {
    List<Finding> findings = new RejectedDescriptionCheck()
        .check(new LintContext(List.of(SecurityRule.parse(rule)), List.of(target)));

    assertEquals(flagged ? 1 : 0, findings.size(), findings::toString);
    findings.forEach(f -> assertEquals(true, f.message().startsWith(target.provider() + " will reject the description: ")));
  }

  @Test
  void descriptionFindingPerTargetWithTheProvidersReason() {
    ProviderCapabilities a = capabilities("a", 255, CharMatcher.noneOf("<>"));
    ProviderCapabilities b = capabilities("b", 0, CharMatcher.any());
    List<Finding> findings = new RejectedDescriptionCheck()
        .check(new LintContext(List.of(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"<x>\"")), List.of(a, b)));

    assertEquals(List.of(
        "a will reject the description: A rules reject the description character(s) '<>'; allowed: not < or >",
        "b will reject the description: B rules have no rule descriptions"),
        findings.stream().map(Finding::message).toList());
  }

  private static ProviderCapabilities capabilities(String name, int maxLength, CharMatcher characters) {
    return ProviderCapabilities.builder()
        .provider(name)
        .displayName(name.toUpperCase(java.util.Locale.ROOT) + " rules")
        .remoteKinds(Set.of(RemoteKind.CIDR))
        .maxDescriptionLength(maxLength)
        .descriptionCharacters(characters)
        .descriptionCharactersText("not < or >")
        .build();
  }

  private static void assertFlags(LintCheck check, List<String> rules, List<Integer> flagged) {
    LintContext context = context(rules);
    List<String> expected = flagged.stream().map(i -> context.rules().get(i).toText()).toList();

    List<Finding> findings = check.check(context);

    assertEquals(expected, findings.stream().map(Finding::rule).toList(), findings::toString);
    findings.forEach(f -> assertEquals(check.id(), f.id()));
  }

  private static LintContext context(List<String> rules) {
    return new LintContext(rules.stream().map(SecurityRule::parse).toList(), List.of());
  }

  private static Arguments row(List<String> rules, Integer... flagged) {
    return Arguments.of(rules, List.of(flagged));
  }
}
