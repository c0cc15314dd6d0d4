package io.portcullis.cli;

import static io.portcullis.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.rulefile.RuleFile;
import io.portcullis.rulefile.RuleFiles;
import io.portcullis.testkit.CapturedLog;
import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command end to end against the test kit's fakes: output, exit codes, confirmation, failing groups. */
class PortcullisTest {
  static final String EC2 = "aws-ec2 sg-0a1b2c3d4e5f60718";
  static final String CACHE = "aws-elasticache mygroup";
  static final String HUAWEI = "huaweicloud-vpc 1c8d9f94-6022-4518-bb98-e0145fcc7b33";

  @TempDir
  Path dir;
  FakeClouds clouds;
  String example;

  @BeforeEach
  void start() throws IOException {
    clouds = FakeClouds.start();
    try (InputStream in = PortcullisTest.class.getResourceAsStream("/" + ExampleFile.NAME)) {
      example = write("desired-state.yaml", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @AfterEach
  void stop() {
    clouds.close();
  }

  String write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }

  CliRun run(String... args) {
    return CliRun.run(clouds, "", args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint", "plan", "apply", "export", "translate", "compact"})
  void everyCommandHasHelpAndVersion(String command) {
    CliRun help = run(command, "--help");
    CliRun shortHelp = run(command, "-h");
    CliRun version = run(command, "--version");

    assertEquals(0, help.code(), help.toString());
    assertTrue(help.out().startsWith("Usage: portcullis " + command + " "), help.toString());
    assertTrue(help.out().contains("--fake"), help.toString());
    assertTrue(help.out().contains("Exit codes:"), help.toString());
    // -h is help, never a file called "-h"
    assertEquals(help, shortHelp);
    assertEquals(0, version.code(), version.toString());
    assertTrue(version.out().matches("portcullis \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), version.toString());
  }

  @Test
  void withoutACommandItShowsTheUsageAndFails() {
    CliRun r = run();

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("Missing a command.") && r.err().contains("Commands:"), r.toString());
  }

  @Test
  void badUsageIsExitOneNotTwo() {
    CliRun unknown = run("plan", "--nope", example);
    CliRun missingFile = run("plan");

    assertEquals(1, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("Unknown option: '--nope'"), unknown.toString());
    assertEquals(1, missingFile.code(), missingFile.toString());
    assertTrue(missingFile.err().contains("Missing required parameter: 'FILE'"), missingFile.toString());
  }

  @Test
  void validateChecksEveryGroupAgainstItsProvider() throws IOException {
    String bad = write("bad.yaml", """
        groups:
          - provider: aws-ec2
            group: sg-1
            rules:
              - ingress deny tcp 22 from 0.0.0.0/0
          - provider: huaweicloud-vpc
            group: 1c8d
            rules:
              - ingress deny tcp 22 from 0.0.0.0/0
        """);
    String unknown = write("unknown.yaml", """
        groups:
          - provider: aws-ec3
            group: sg-2
            rules: []
        """);

    CliRun good = run("validate", example);
    CliRun r = run("validate", bad);
    CliRun u = run("validate", unknown);

    assertEquals(0, good.code(), good.toString());
    assertTrue(good.out().endsWith("desired-state.yaml: 3 groups, 12 rules: valid.\n"), good.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("bad.yaml:2: aws-ec2 sg-1: aws-ec2 cannot express rule 'ingress deny tcp 22 from"
        + " 0.0.0.0/0': EC2 security groups only allow traffic"), r.toString());
    assertTrue(r.err().contains(" (at " + bad + ":5)\n"), "the rejected rule's own line: " + r);
    assertFalse(r.err().contains("huaweicloud-vpc 1c8d"), r.toString());
    assertTrue(r.out().endsWith("2 groups, 2 rules: 1 invalid.\n"), r.toString());
    assertEquals(1, u.code(), u.toString());
    assertTrue(u.err().contains("unknown.yaml:2: unknown provider 'aws-ec3'"), u.toString());
  }

  @Test
  void aFileThatCannotBeReadIsExitOneWithFileAndLine() throws IOException {
    String broken = write("broken.yaml", "groups:\n  - provider: aws-ec2\n    group: sg-1\n    rules:\n"
        + "      - ingress allow tcp 99999 from 0.0.0.0/0\n");

    CliRun r = run("plan", "--fake", broken);
    CliRun missing = run("validate", dir.resolve("missing.yaml").toString());

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("broken.yaml:5: rule 'ingress allow tcp 99999 from 0.0.0.0/0'"), r.toString());
    assertEquals("", r.out());
    assertEquals(1, missing.code(), missing.toString());
    assertTrue(missing.err().contains("missing.yaml"), missing.toString());
  }

  @Test
  void planShowsEachGroupTheLintFindingsAndASummary() throws IOException {
    String open = write("open.yaml", """
        groups:
          - provider: aws-ec2
            group: sg-0a1b2c3d4e5f60718
            rules:
              - ingress allow tcp 22 from 0.0.0.0/0 "ssh from anywhere"
        """);

    CliRun r = run("plan", "--fake", example);
    CliRun detailed = run("plan", "--fake", "--detailed-exitcode", example);
    CliRun linted = run("plan", "--fake", open);

    assertEquals(0, r.code(), r.toString());
    assertEquals(2, detailed.code(), detailed.toString());
    assertTrue(r.out().contains("== " + EC2 + " (" + example + ":4) ==\n!! AUTHORITATIVE plan"), r.toString());
    assertTrue(r.out().contains("  + ingress allow tcp 8000-8080 from 0.0.0.0/0 \"web\"\n"), r.toString());
    assertTrue(r.out().contains("  - ingress allow any from group 1c8d9f94-6022-4518-bb98-e0145fcc7b33 priority 100"),
        r.toString());
    assertTrue(r.out().contains("Plan: 3 to create, 0 to update, 2 to delete, 2 unchanged."), r.toString());
    assertTrue(r.out().matches("(?s).*Summary:\n  PROVIDER +GROUP +RESULT +DETAIL\n"
        + "  aws-ec2 +sg-0a1b2c3d4e5f60718 +changes +Plan: 7 to create.*\n"
        + "  aws-elasticache +mygroup +changes +Plan: 1 to create.*\n"
        + "  huaweicloud-vpc +1c8d9f94-6022-4518-bb98-e0145fcc7b33 +changes +Plan: 3 to create.*"), r.toString());
    assertFalse(r.out().contains("\u001b["), "no colour off a terminal");
    assertEquals(0, clouds.mutatingCallCount(), "plan changes nothing");
    assertEquals(0, linted.code(), linted.toString());
    assertTrue(linted.out().contains("Lint: 1 finding\n  HIGH world-open-admin 'ingress allow tcp 22 from 0.0.0.0/0"),
        linted.toString());
    assertTrue(linted.out().contains(" (" + open + ":5)\n"), "the finding names its rule's line: " + linted);
  }

  @Test
  void planIsColouredOnlyWhenTheSessionSaysSo() {
    CliRun coloured = CliRun.run(clouds, "", true, "plan", "--fake", example);

    assertTrue(coloured.out().contains("\u001b[32m  + ingress allow tcp 22 from 203.0.113.0/24"), coloured.toString());
    assertTrue(coloured.out().contains("\u001b[31m  - ingress allow any from group"), coloured.toString());
    assertTrue(Session.colorWanted(true, Map.of()));
    assertTrue(Session.colorWanted(true, Map.of("NO_COLOR", "")), "an empty NO_COLOR does not count (no-color.org)");
    assertFalse(Session.colorWanted(true, Map.of("NO_COLOR", "1")));
    assertFalse(Session.colorWanted(false, Map.of()));
  }

  @Test
  void applyThatDeletesRefusesWithoutAnAnswer() {
    CliRun r = run("apply", "--fake", example);

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("Do you want to apply these changes? They delete 2 rules."), r.toString());
    assertTrue(r.err().contains("no answer came on standard input; nothing was applied. Answer 'yes' at a terminal,"
        + " or pass --auto-approve."), r.toString());
    assertEquals(0, clouds.mutatingCallCount(), "nothing applied");
  }

  @Test
  void applyThatDeletesAppliesOnlyOnYes() {
    CliRun no = CliRun.run(clouds, "no\n", "apply", "--fake", example);
    long callsAfterNo = clouds.mutatingCallCount();
    CliRun yes = CliRun.run(clouds, "yes\n", "apply", "--fake", example);
    CliRun again = run("plan", "--fake", "--detailed-exitcode", example);

    assertEquals(1, no.code(), no.toString());
    assertTrue(no.err().contains("apply cancelled; nothing was applied."), no.toString());
    assertEquals(0, callsAfterNo);
    assertEquals(0, yes.code(), yes.toString());
    assertTrue(yes.out().contains("Applied: 5 of 5 changes to " + HUAWEI + " in 3 calls."), yes.toString());
    assertEquals(0, again.code(), again.toString());
    assertEquals(3, again.out().split("  no-changes  ", -1).length - 1, again.toString());
  }

  @Test
  void autoApproveAppliesEveryGroupAndSummarises() {
    CliRun r = run("apply", "--fake", "--auto-approve", example);

    assertEquals(0, r.code(), r.toString());
    assertFalse(r.err().contains("Do you want"), r.toString());
    assertTrue(r.out().matches("(?s).*Summary:\n  PROVIDER +GROUP +RESULT +DETAIL\n"
        + "  aws-ec2 +sg-0a1b2c3d4e5f60718 +applied +7 changes applied in 1 call\n"
        + "  aws-elasticache +mygroup +applied +1 change applied in 1 call\n"
        + "  huaweicloud-vpc +1c8d9f94-6022-4518-bb98-e0145fcc7b33 +applied +5 changes applied in 3 calls\n"),
        r.toString());
  }

  @Test
  void eachAppliedGroupIsSummarisedAtInfo() {
    String log;
    try (CapturedLog captured = CapturedLog.atDebugExcept("software.amazon", "org.apache", "com.huaweicloud",
        "okhttp3")) {
      run("apply", "--fake", "--auto-approve", example);
      log = captured.text();
    }

    assertTrue(log.contains("INFO Applied: 7 of 7 changes to " + EC2 + " in 1 call."), log);
    assertTrue(log.contains("INFO Applied: 1 of 1 changes to " + CACHE + " in 1 call."), log);
    assertTrue(log.contains("INFO Applied: 5 of 5 changes to " + HUAWEI + " in 3 calls."), log);
  }

  @Test
  void aFailingGroupNeverStopsTheOthers() throws IOException {
    String mixed = write("mixed.yaml", Files.readString(Path.of(example)) + """
          - provider: aws-ec2
            group: sg-0badbadbadbadbad0
            rules:
              - ingress deny tcp 22 from 0.0.0.0/0
        """);
    clouds.ec2().failNext("AuthorizeSecurityGroupIngress",
        Fault.error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

    CliRun r = run("apply", "--fake", "--auto-approve", mixed);

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().matches("(?s).*Summary:\n  PROVIDER +GROUP +RESULT +DETAIL\n"
        + "  aws-ec2 +sg-0a1b2c3d4e5f60718 +failed +.*You are not authorized.*\n"
        + "  aws-elasticache +mygroup +applied +1 change applied in 1 call\n"
        + "  huaweicloud-vpc +1c8d9f94-6022-4518-bb98-e0145fcc7b33 +applied +5 changes applied in 3 calls\n"
        + "  aws-ec2 +sg-0badbadbadbadbad0 +failed +aws-ec2 cannot express rule 'ingress deny tcp 22.*"), r.toString());
    assertTrue(r.out().contains("failed create ingress allow tcp 22 from 203.0.113.0/24 \"admin ssh\""), r.toString());
    // each failed change names its rule's line; EC2's rule for port 80 comes from line 9's 'tcp 80,443,8000-8080'
    assertTrue(r.out().contains(mixed + ":8: failed create ingress allow tcp 22 from 203.0.113.0/24"), r.toString());
    assertTrue(r.out().contains(mixed + ":9: failed create ingress allow tcp 80 from 0.0.0.0/0"), r.toString());
    assertTrue(r.out().contains("(at " + mixed + ":38)"), "the inexpressible rule's line: " + r);  }

  @Test
  void maxDeletesFailsTheGroupThatDeletesMoreBeforeAnyCallToIt() {
    CliRun r = run("apply", "--fake", "--auto-approve", "--max-deletes", "1", example);
    CliRun negative = run("apply", "--fake", "--max-deletes", "-1", example);

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().matches("(?s).*  huaweicloud-vpc +1c8d9f94-6022-4518-bb98-e0145fcc7b33 +failed +the plan "
        + "deletes 2 rules, more than --max-deletes 1 allows; nothing was applied to this group\n.*"), r.toString());
    assertEquals(4, clouds.huaweiVpc().rules("1c8d9f94-6022-4518-bb98-e0145fcc7b33").size(),
        "the group keeps its four default rules");
    assertTrue(r.out().contains("  aws-ec2 "), r.toString());
    assertTrue(r.out().matches("(?s).*aws-ec2 +sg-0a1b2c3d4e5f60718 +applied.*"), "the other groups are applied");
    assertEquals(1, negative.code(), negative.toString());
    assertTrue(negative.err().contains("--max-deletes must be 0 or more, not -1"), negative.toString());
  }

  @Test
  void exportedGroupsPlanToNoChanges() {
    String[][] groups = {{"aws-ec2", "sg-0a1b2c3d4e5f60718", "yaml"}, {"aws-elasticache", "mygroup", "json"},
        {"huaweicloud-vpc", "1c8d9f94-6022-4518-bb98-e0145fcc7b33", "yaml"}};
    for (String[] g : groups) {
      Path file = dir.resolve("exported-" + g[0] + "." + g[2]);

      CliRun export = run("export", "--fake", g[0], g[1], "--format", g[2], "-o", file.toString());
      CliRun plan = run("plan", "--fake", "--detailed-exitcode", file.toString());

      assertEquals(0, export.code(), export.toString());
      assertEquals(0, plan.code(), plan + "\n" + export);
      assertTrue(plan.out().contains("No changes."), plan.toString());
      RuleFile read = RuleFiles.read(file);
      assertEquals(1, read.groups().size());
      assertFalse(read.groups().get(0).rules().isEmpty(), "the example's rules were exported: " + read);
    }
  }

  @Test
  void exportWritesTheLiveRulesToStdout() {
    CliRun r = run("export", "--fake", "aws-ec2", "sg-0a1b2c3d4e5f60718", "sg-0000000000000missing");
    CliRun unknown = run("export", "--fake", "aws-ec3", "sg-1");

    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("""
        groups:
          - provider: aws-ec2
            group: sg-0a1b2c3d4e5f60718
            mode: authoritative
            rules:
              - egress allow any to 0.0.0.0/0
              - ingress allow tcp 22 from 203.0.113.0/24 "admin ssh"
        """), r.toString());
    assertTrue(r.err().contains("Warning: aws-ec2 sg-0000000000000missing has no rules; check that the group exists."),
        r.toString());
    assertTrue(r.err().contains("Exported 2 of 2 groups (8 rules)."), r.toString());
    assertEquals(1, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("no fake for provider 'aws-ec3'"), unknown.toString());
  }

  @Test
  void translateShowsWhatEachRuleBecomesAndWhatCannotBeExpressed() throws IOException {
    String portable = write("portable.yaml", """
        groups:
          - provider: aws-ec2
            group: sg-1
            rules:
              - ingress allow tcp 22,443 from 10.0.0.0/8
        """);

    CliRun r = run("translate", example, "--to", "aws-ec2");
    CliRun ok = run("translate", portable, "--to", "aws-ec2");
    CliRun unknown = run("translate", portable, "--to", "gcp");

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains("""
          ~ ingress allow tcp 80,443,8000-8080 from 0.0.0.0/0 "web"
              becomes ingress allow tcp 80 from 0.0.0.0/0 "web"
              becomes ingress allow tcp 443 from 0.0.0.0/0 "web"
              becomes ingress allow tcp 8000-8080 from 0.0.0.0/0 "web"
        """), r.toString());
    assertTrue(r.out().contains("""
          ! ingress deny tcp 23,3389 from 0.0.0.0/0 priority 1 "no telnet or rdp from anywhere"
              cannot: EC2 security groups only allow traffic: a deny rule has no equivalent
              cannot: EC2 security groups have no rule priority: priority 1 cannot be expressed
        """), r.toString());
    assertTrue(r.out().contains("0 of 5 rules can be expressed on aws-ec2 (as 0 rules); 5 cannot."), r.toString());
    assertEquals(0, ok.code(), ok.toString());
    assertTrue(ok.out().contains("1 of 1 rules can be expressed on aws-ec2 (as 2 rules)."), ok.toString());
    assertEquals(1, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("no adapter 'gcp'"), unknown.toString());
  }

  @Test
  void compactPrintsASmallerEquivalentFile() throws IOException {
    String wasteful = write("wasteful.json", """
        {"groups": [{"provider": "aws-ec2", "group": "sg-1", "mode": "authoritative", "rules": [
          "ingress allow tcp 22 from 10.0.0.0/25", "ingress allow tcp 22 from 10.0.0.128/25",
          "ingress allow tcp 22 from 10.0.0.7/32"]}]}
        """);

    CliRun r = run("compact", wasteful);

    assertEquals(0, r.code(), r.toString());
    assertEquals("aws-ec2 sg-1: 3 rules -> 1\n", r.err());
    RuleFile compacted = RuleFiles.parse(r.out(), "out.json");
    assertEquals("[ingress allow tcp 22 from 10.0.0.0/24]", compacted.groups().get(0).rules().toString());
    assertEquals("AUTHORITATIVE", compacted.groups().get(0).mode().name());
  }

  @Test
  void lintFailsOnFindingsAtTheThreshold() throws IOException {
    String open = write("open.yaml", """
        groups:
          - provider: aws-ec2
            group: sg-1
            rules:
              - ingress allow tcp 22 from 0.0.0.0/0
              - ingress allow tcp 22 from 10.0.0.0/8
        """);

    CliRun high = run("lint", open);
    CliRun none = run("lint", "--fail-on", "none", open);
    CliRun clean = run("lint", example);
    CliRun bogus = run("lint", "--fail-on", "severe", open);

    assertEquals(1, high.code(), high.toString());
    assertTrue(high.out().contains("  HIGH world-open-admin 'ingress allow tcp 22 from 0.0.0.0/0'"), high.toString());
    assertTrue(high.out().contains("  LOW redundant-rule 'ingress allow tcp 22 from 10.0.0.0/8'"), high.toString());
    assertTrue(high.out().contains(" (" + open + ":6)\n"), high.toString());
    assertTrue(high.out().endsWith("2 findings in 1 group.\n"), high.toString());
    assertEquals(0, none.code(), none.toString());
    assertEquals(0, clean.code(), clean.toString());
    assertEquals(1, bogus.code(), bogus.toString());
    assertTrue(bogus.err().contains("--fail-on 'severe': expected one of [info, low, medium, high] or none"),
        bogus.toString());
  }
}
