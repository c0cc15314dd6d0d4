package io.portcullis.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.SecurityRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Examples of what {@link RuleCompactor} merges and what it must leave alone. */
class RuleCompactorTest {
  static Stream<Arguments> examples() {
    return Stream.of(
        example(rules("ingress allow tcp 22 from 10.0.0.0/25", "ingress allow tcp 22 from 10.0.0.128/25"),
            rules("ingress allow tcp 22 from 10.0.0.0/24")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/26", "ingress allow tcp 22 from 10.0.0.64/26",
                "ingress allow tcp 22 from 10.0.0.128/25", "ingress allow tcp 22 from 10.0.1.0/24"),
            rules("ingress allow tcp 22 from 10.0.0.0/23")),
        // adjacent but not alignable: stays two blocks, in address order
        example(rules("ingress allow tcp 22 from 10.0.1.0/24", "ingress allow tcp 22 from 10.0.2.0/24"),
            rules("ingress allow tcp 22 from 10.0.1.0/24", "ingress allow tcp 22 from 10.0.2.0/24")),
        example(rules("ingress allow tcp 22 from 2001:db8::/33", "ingress allow tcp 22 from 2001:db8:8000::/33"),
            rules("ingress allow tcp 22 from 2001:db8::/32")),
        // IPv4 and IPv6 never merge with each other
        example(rules("egress allow any to 0.0.0.0/0", "egress allow any to ::/0"),
            rules("egress allow any to 0.0.0.0/0", "egress allow any to ::/0")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow tcp 80,443 from 10.0.0.0/24"),
            rules("ingress allow tcp 22,80,443 from 10.0.0.0/24")),
        example(rules("ingress allow tcp 22 from sg-0abc123", "ingress allow tcp 23 from sg-0abc123",
                "ingress allow tcp 22 from sg-0abc123"),
            rules("ingress allow tcp 22-23 from sg-0abc123")),
        // ports then CIDRs: four rules become one
        example(rules("ingress allow tcp 22 from 10.0.0.0/25", "ingress allow tcp 80 from 10.0.0.0/25",
                "ingress allow tcp 22 from 10.0.0.128/25", "ingress allow tcp 80 from 10.0.0.128/25"),
            rules("ingress allow tcp 22,80 from 10.0.0.0/24")),
        // covered rules go
        example(rules("ingress allow tcp 22 from 10.0.0.0/24", "ingress allow any from 10.0.0.0/8"),
            rules("ingress allow any from 10.0.0.0/8")),
        example(rules("ingress deny tcp 22 from 10.0.0.0/24 priority 20", "ingress deny tcp from 10.0.0.0/16 priority 10"),
            rules("ingress deny tcp from 10.0.0.0/16 priority 10")),
        // never across actions, priorities or directions
        example(rules("ingress allow tcp 22 from 10.0.0.0/25", "ingress deny tcp 22 from 10.0.0.128/25"),
            rules("ingress allow tcp 22 from 10.0.0.0/25", "ingress deny tcp 22 from 10.0.0.128/25")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/25 priority 1", "ingress allow tcp 22 from 10.0.0.128/25 priority 2"),
            rules("ingress allow tcp 22 from 10.0.0.0/25 priority 1", "ingress allow tcp 22 from 10.0.0.128/25 priority 2")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/24 priority 1", "ingress allow tcp 80 from 10.0.0.0/24"),
            rules("ingress allow tcp 22 from 10.0.0.0/24 priority 1", "ingress allow tcp 80 from 10.0.0.0/24")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/25", "egress allow tcp 22 to 10.0.0.128/25"),
            rules("ingress allow tcp 22 from 10.0.0.0/25", "egress allow tcp 22 to 10.0.0.128/25")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/24 priority 50", "ingress allow tcp 22 from 10.0.0.0/16"),
            rules("ingress allow tcp 22 from 10.0.0.0/24 priority 50", "ingress allow tcp 22 from 10.0.0.0/16")),
        // descriptions: kept when shared, dropped when they differ
        example(rules("ingress allow tcp 22 from 10.0.0.0/25 \"office\"", "ingress allow tcp 22 from 10.0.0.128/25 \"office\""),
            rules("ingress allow tcp 22 from 10.0.0.0/24 \"office\"")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/25 \"office\"", "ingress allow tcp 22 from 10.0.0.128/25 \"vpn\""),
            rules("ingress allow tcp 22 from 10.0.0.0/24")),
        example(rules("ingress allow tcp 22 from 10.0.0.0/25 \"office\"", "ingress allow tcp 22 from 10.0.0.128/25"),
            rules("ingress allow tcp 22 from 10.0.0.0/24")),
        // one direction merges only blocks, the other ports and then covered rules, each in its place
        example(rules("ingress allow tcp 22 from 10.0.0.0/25", "egress allow tcp 80 to 10.0.0.0/24",
                "egress allow tcp 443 to 10.0.0.0/24", "ingress allow tcp 22 from 10.0.0.128/25",
                "egress allow tcp 443 to 10.0.0.0/25"),
            rules("ingress allow tcp 22 from 10.0.0.0/24", "egress allow tcp 80,443 to 10.0.0.0/24")),
        // untouched rules keep their order
        example(rules("egress allow any to 0.0.0.0/0", "ingress allow tcp 443 from 0.0.0.0/0",
                "ingress allow tcp 22 from 10.0.0.0/8"),
            rules("egress allow any to 0.0.0.0/0", "ingress allow tcp 443 from 0.0.0.0/0",
                "ingress allow tcp 22 from 10.0.0.0/8")));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void compacts(List<SecurityRule> input, List<SecurityRule> expected) {
    assertEquals(expected, new RuleCompactor().compact(input));
  }

  @Test
  void tagsAreKeptOnlyWhereEveryJoinedRuleHasThem() {
    SecurityRule a = tagged("ingress allow tcp 22 from 10.0.0.0/25", Map.of("team", "edge"));
    SecurityRule b = tagged("ingress allow tcp 22 from 10.0.0.128/25", Map.of("team", "edge"));
    SecurityRule c = tagged("ingress allow tcp 80 from 10.0.0.0/24", Map.of("team", "core"));
    RuleCompactor compactor = new RuleCompactor();

    assertEquals(List.of(Map.of("team", "edge")), tagsOf(compactor.compact(List.of(a, b))));
    assertEquals(List.of(Map.of()), tagsOf(compactor.compact(List.of(a, b.toBuilder().tags(Map.of()).build()))));
    // blocks joined, then ports: the second join mixes two teams' rules
    assertEquals(List.of(Map.of()), tagsOf(compactor.compact(List.of(a, b, c))));
  }

  private static SecurityRule tagged(String text, Map<String, String> tags) {
    return SecurityRule.parse(text).toBuilder().tags(tags).build();
  }

  private static List<Map<String, String>> tagsOf(List<SecurityRule> rules) {
    return rules.stream().map(SecurityRule::tags).toList();
  }

  private static Arguments example(List<SecurityRule> input, List<SecurityRule> expected) {
    return Arguments.of(input, expected);
  }

  private static List<SecurityRule> rules(String... text) {
    return Arrays.stream(text).map(SecurityRule::parse).toList();
  }
}
