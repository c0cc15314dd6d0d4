package io.portcullis.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests for the checks that look at one rule at a time: each row is a rule and whether it is flagged. */
class PerRuleChecksTest {
  private static final LintCheck ADMIN = new WorldOpenAdminPortsCheck();
  private static final LintCheck DATABASE = new WorldOpenDatabasePortsCheck();
  private static final LintCheck ALL_PORTS = new WorldOpenAllPortsCheck();
  private static final LintCheck ANY_PROTOCOL = new WorldOpenAnyProtocolCheck();
  private static final LintCheck BROAD = new BroadPublicCidrCheck();

  static Stream<Arguments> table() {
    return Stream.of(
        // world-open-admin
        Arguments.of(ADMIN, "ingress allow tcp 22 from 0.0.0.0/0", true),
        Arguments.of(ADMIN, "ingress allow tcp 3389 from ::/0", true),
        Arguments.of(ADMIN, "ingress allow udp 3389 from 0.0.0.0/0", true),
        Arguments.of(ADMIN, "ingress allow tcp 23,80 from 0.0.0.0/0", true),
        Arguments.of(ADMIN, "ingress allow tcp 5000-6000 from 0.0.0.0/0", true),
        Arguments.of(ADMIN, "ingress allow tcp 5986 from ::/0 priority 10", true),
        Arguments.of(ADMIN, "ingress allow tcp 22 from 203.0.113.0/24", false),
        Arguments.of(ADMIN, "ingress allow tcp 22 from 0.0.0.0/1", false),
        Arguments.of(ADMIN, "ingress deny tcp 22 from 0.0.0.0/0", false),
        Arguments.of(ADMIN, "egress allow tcp 22 to 0.0.0.0/0", false),
        Arguments.of(ADMIN, "ingress allow tcp 80,443 from 0.0.0.0/0", false),
        Arguments.of(ADMIN, "ingress allow tcp 24-3388 from 0.0.0.0/0", false),
        Arguments.of(ADMIN, "ingress allow tcp 22 from sg-0abc123", false),
        Arguments.of(ADMIN, "ingress allow tcp from 0.0.0.0/0", false),
        Arguments.of(ADMIN, "ingress allow any from 0.0.0.0/0", false),
        // world-open-database
        Arguments.of(DATABASE, "ingress allow tcp 5432 from 0.0.0.0/0", true),
        Arguments.of(DATABASE, "ingress allow tcp 3306 from ::/0", true),
        Arguments.of(DATABASE, "ingress allow tcp 1433,1521 from 0.0.0.0/0", true),
        Arguments.of(DATABASE, "ingress allow tcp 27017 from 0.0.0.0/0", true),
        Arguments.of(DATABASE, "ingress allow tcp 6379 from 0.0.0.0/0", true),
        Arguments.of(DATABASE, "ingress allow udp 11211 from 0.0.0.0/0", true),
        Arguments.of(DATABASE, "ingress allow tcp 9000-9300 from 0.0.0.0/0", true),
        Arguments.of(DATABASE, "ingress allow tcp 5432 from 10.0.0.0/8", false),
        Arguments.of(DATABASE, "ingress allow tcp 5432 from sg-0abc123 owner 123456789012", false),
        Arguments.of(DATABASE, "ingress deny tcp 6379 from 0.0.0.0/0", false),
        Arguments.of(DATABASE, "egress allow tcp 5432 to 0.0.0.0/0", false),
        Arguments.of(DATABASE, "ingress allow tcp 22,443 from 0.0.0.0/0", false),
        Arguments.of(DATABASE, "ingress allow tcp 5433-6378 from 0.0.0.0/0", false),
        // world-open-all-ports
        Arguments.of(ALL_PORTS, "ingress allow tcp from 0.0.0.0/0", true),
        Arguments.of(ALL_PORTS, "ingress allow udp 1-65535 from ::/0", true),
        Arguments.of(ALL_PORTS, "ingress allow tcp 0-65535 from 0.0.0.0/0", true),
        Arguments.of(ALL_PORTS, "ingress allow tcp 1-65534 from 0.0.0.0/0", false),
        Arguments.of(ALL_PORTS, "ingress allow tcp from 10.0.0.0/8", false),
        Arguments.of(ALL_PORTS, "ingress deny tcp from 0.0.0.0/0", false),
        Arguments.of(ALL_PORTS, "egress allow tcp to 0.0.0.0/0", false),
        Arguments.of(ALL_PORTS, "ingress allow any from 0.0.0.0/0", false),
        Arguments.of(ALL_PORTS, "ingress allow icmp from 0.0.0.0/0", false),
        // world-open-any-protocol
        Arguments.of(ANY_PROTOCOL, "ingress allow any from 0.0.0.0/0", true),
        Arguments.of(ANY_PROTOCOL, "ingress allow any from ::/0 priority 100", true),
        Arguments.of(ANY_PROTOCOL, "egress allow any to ::/0", false),
        Arguments.of(ANY_PROTOCOL, "ingress deny any from 0.0.0.0/0", false),
        Arguments.of(ANY_PROTOCOL, "ingress allow any from 192.168.0.0/16", false),
        Arguments.of(ANY_PROTOCOL, "ingress allow any from group-name default owner 123456789012", false),
        Arguments.of(ANY_PROTOCOL, "ingress allow tcp from 0.0.0.0/0", false),
        Arguments.of(ANY_PROTOCOL, "ingress allow 47 from 0.0.0.0/0", false),
        // broad-public-cidr
        Arguments.of(BROAD, "ingress allow tcp 443 from 0.0.0.0/1", true),
        Arguments.of(BROAD, "ingress allow tcp 443 from 8.0.0.0/7", true),
        Arguments.of(BROAD, "ingress allow any from 2000::/3", true),
        Arguments.of(BROAD, "ingress allow tcp 443 from 2001:db8::/31", true),
        Arguments.of(BROAD, "ingress allow tcp 443 from 11.0.0.0/8", false),
        Arguments.of(BROAD, "ingress allow tcp 443 from 0.0.0.0/0", false),
        Arguments.of(BROAD, "ingress allow tcp 443 from ::/0", false),
        Arguments.of(BROAD, "ingress allow tcp 443 from 2001:db8::/32", false),
        Arguments.of(BROAD, "ingress allow tcp 443 from fc00::/7", false),
        Arguments.of(BROAD, "ingress allow tcp 443 from fd00::/8", false),
        Arguments.of(BROAD, "ingress allow tcp 443 from fe80::/10", false),
        Arguments.of(BROAD, "ingress deny tcp 443 from 0.0.0.0/1", false),
        Arguments.of(BROAD, "egress allow tcp 443 to 0.0.0.0/1", false));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("table")
  void flagsExactlyTheRisky(LintCheck check, String rule, boolean flagged) {
    SecurityRule parsed = SecurityRule.parse(rule);
    List<Finding> findings = check.check(new LintContext(List.of(parsed), List.of()));

    assertEquals(flagged ? 1 : 0, findings.size(), () -> findings.toString());
    findings.forEach(f -> {
      assertEquals(check.id(), f.id());
      assertEquals(parsed.toText(), f.rule());
    });
  }

  @Test
  void namesTheOpenSensitivePortsAndTheirServices() {
    Finding admin = ADMIN.check(context("ingress allow tcp 22,3389,8080 from 0.0.0.0/0")).get(0);
    Finding database = DATABASE.check(context("ingress allow tcp 5432,6379 from ::/0")).get(0);

    assertEquals(Severity.HIGH, admin.severity());
    assertEquals("opens remote-administration port(s) 22 (SSH), 3389 (RDP) to every address (0.0.0.0/0)",
        admin.message());
    assertEquals("opens database or cache port(s) 5432 (PostgreSQL), 6379 (Redis) to every address (::/0)",
        database.message());
  }

  @Test
  void broadCidrFindingNamesTheBlockAndTheThreshold() {
    Finding finding = BROAD.check(context("ingress allow tcp 443 from 2000::/3")).get(0);

    assertEquals(Severity.MEDIUM, finding.severity());
    assertEquals("allows a very broad public block 2000::/3 (shorter than /32)", finding.message());
  }

  private static LintContext context(String rule) {
    return new LintContext(List.of(SecurityRule.parse(rule)), List.of());
  }
}
