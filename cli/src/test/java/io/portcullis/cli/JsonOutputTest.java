package io.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON of {@code plan}, {@code apply} and {@code lint} has exactly the fields cli/README.md documents for
 * {@code schemaVersion} 1, with their types: a renamed or dropped field fails here.
 */
class JsonOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROOT = Set.of("schemaVersion", "command", "file", "groups", "summary");
  private static final Set<String> GROUP = Set.of("provider", "group", "mode", "line", "status", "plan", "findings",
      "result", "error", "rejections");
  private static final Set<String> REF = Set.of("id", "name");
  private static final Set<String> PLAN = Set.of("create", "update", "delete", "unchanged", "unmanaged", "summary");
  private static final Set<String> DELETE = Set.of("rule", "providerId");
  private static final Set<String> FINDING = Set.of("id", "severity", "rule", "message", "fix", "line");
  private static final Set<String> RESULT = Set.of("complete", "mutatingCalls", "outcomes");
  private static final Set<String> OUTCOME = Set.of("change", "status", "rule", "providerId", "detail", "line");
  private static final Set<String> SUMMARY = Set.of("groups", "noChanges", "changes", "applied", "failed");

  @TempDir
  Path dir;
  FakeClouds clouds;
  String file;

  @BeforeEach
  void start() throws IOException {
    clouds = FakeClouds.start();
    try (InputStream in = JsonOutputTest.class.getResourceAsStream("/" + ExampleFile.NAME)) {
      String example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // one group more, which fails: the error field and the failed count
      file = Files.writeString(dir.resolve("rules.yaml"), example + """
            - provider: aws-ec2
              group: sg-0badbadbadbadbad0
              rules:
                - ingress allow tcp 22 from 0.0.0.0/0
                - ingress deny tcp 23 from 0.0.0.0/0
          """).toString();
    }
  }

  @AfterEach
  void stop() {
    clouds.close();
  }

  @Test
  void planOutputFollowsSchemaVersion1() throws IOException {
    CliRun r = CliRun.run(clouds, "", "plan", "--fake", "--json", file);
    JsonNode root = JSON.readTree(r.out());

    assertEquals(1, r.code(), r.toString());
    assertEquals(ROOT, fields(root));
    assertEquals(1, root.get("schemaVersion").intValue());
    assertEquals("plan", root.get("command").textValue());
    assertEquals(file, root.get("file").textValue());
    assertEquals(4, root.get("groups").size());
    for (JsonNode g : root.get("groups")) {
      assertGroup(g);
      assertTrue(g.get("result").isNull(), "plan applies nothing");
    }
    JsonNode huawei = root.get("groups").get(2);
    assertEquals("changes", huawei.get("status").textValue());
    assertEquals("authoritative", huawei.get("mode").textValue());
    assertEquals(21, huawei.get("line").intValue());
    assertEquals("1c8d9f94-6022-4518-bb98-e0145fcc7b33", huawei.get("group").get("id").textValue());
    assertTrue(huawei.get("group").get("name").isNull());
    JsonNode plan = huawei.get("plan");
    assertEquals("ingress deny tcp 23,3389 from 0.0.0.0/0 priority 1 \"no telnet or rdp from anywhere\"",
        plan.get("create").get(0).textValue());
    assertEquals(2, plan.get("delete").size());
    assertEquals(DELETE, fields(plan.get("delete").get(0)));
    assertEquals("Plan: 3 to create, 0 to update, 2 to delete, 2 unchanged.", plan.get("summary").textValue());
    JsonNode failed = root.get("groups").get(3);
    assertEquals("failed", failed.get("status").textValue());
    assertTrue(failed.get("plan").isNull());
    assertTrue(failed.get("error").textValue().startsWith("aws-ec2 cannot express rule 'ingress deny tcp 23"));
    assertTrue(failed.get("error").textValue().endsWith(" (at " + file + ":39)"), failed.toString());
    assertEquals(1, failed.get("rejections").size(), failed.toString());
    JsonNode rejection = failed.get("rejections").get(0);
    assertEquals(Set.of("rule", "reasons", "line"), fields(rejection));
    assertEquals("ingress deny tcp 23 from 0.0.0.0/0", rejection.get("rule").textValue());
    assertTrue(rejection.get("reasons").get(0).textValue().startsWith("EC2 security groups only allow"), failed.toString());
    assertEquals(39, rejection.get("line").intValue(), "the rule's line, not the group's");
    assertEquals(0, huawei.get("rejections").size());
    assertEquals(JSON.readTree("{\"groups\": 4, \"noChanges\": 0, \"changes\": 3, \"applied\": 0, \"failed\": 1}"),
        root.get("summary"));
  }

  @Test
  void applyOutputHasEveryOutcome() throws IOException {
    clouds.elastiCache().failNext("AuthorizeCacheSecurityGroupIngress",
        Fault.error(400, "InvalidParameterValue", "no such group"));
    CliRun r = CliRun.run(clouds, "", "apply", "--fake", "--json", "--auto-approve", file);
    JsonNode root = JSON.readTree(r.out());

    assertEquals(1, r.code(), r.toString());
    assertEquals(ROOT, fields(root));
    assertEquals("apply", root.get("command").textValue());
    root.get("groups").forEach(JsonOutputTest::assertGroup);
    JsonNode ec2 = root.get("groups").get(0);
    assertEquals("applied", ec2.get("status").textValue());
    JsonNode result = ec2.get("result");
    assertEquals(RESULT, fields(result));
    assertTrue(result.get("complete").booleanValue());
    assertEquals(1, result.get("mutatingCalls").intValue());
    assertEquals(7, result.get("outcomes").size());
    for (JsonNode o : result.get("outcomes")) {
      assertEquals(OUTCOME, fields(o));
      assertEquals("create", o.get("change").textValue());
      assertEquals("applied", o.get("status").textValue());
      assertTrue(o.get("providerId").textValue().startsWith("sgr-"), o.toString());
      assertTrue(o.get("detail").isNull());
      // the file's lines 8 to 13; EC2's three rules for 'tcp 80,443,8000-8080' all point at line 9
      int expected = o.get("rule").textValue().contains("\"web\"") ? 9 : 0;
      assertTrue(expected == 0 ? o.get("line").intValue() >= 8 && o.get("line").intValue() <= 13
          : o.get("line").intValue() == expected, o.toString());
    }
    JsonNode cache = root.get("groups").get(1);
    assertEquals("failed", cache.get("status").textValue(), cache.toString());
    JsonNode failed = cache.get("result").get("outcomes").get(0);
    assertEquals("failed", failed.get("status").textValue(), failed.toString());
    assertEquals(19, failed.get("line").intValue(), "the failed change points at its rule's line");
    assertEquals(JSON.readTree("{\"groups\": 4, \"noChanges\": 0, \"changes\": 0, \"applied\": 2, \"failed\": 2}"),
        root.get("summary"));
  }

  @Test
  void lintOutputFollowsSchemaVersion1() throws IOException {
    CliRun r = CliRun.run(clouds, "", "lint", "--json", "--fail-on", "medium", file);
    JsonNode root = JSON.readTree(r.out());

    assertEquals(1, r.code(), r.toString());
    assertEquals(Set.of("schemaVersion", "command", "file", "failOn", "groups", "summary"), fields(root));
    assertEquals(1, root.get("schemaVersion").intValue());
    assertEquals("lint", root.get("command").textValue());
    assertEquals("medium", root.get("failOn").textValue());
    for (JsonNode g : root.get("groups")) {
      assertEquals(Set.of("provider", "group", "mode", "line", "findings", "error"), fields(g));
    }
    JsonNode finding = root.get("groups").get(3).get("findings").get(0);
    assertEquals(FINDING, fields(finding));
    assertEquals("world-open-admin", finding.get("id").textValue());
    assertEquals("high", finding.get("severity").textValue());
    assertEquals("ingress allow tcp 22 from 0.0.0.0/0", finding.get("rule").textValue());
    assertEquals(38, finding.get("line").intValue(), "the rule's line, not the group's (35)");
    assertEquals(JSON.readTree("{\"groups\": 4, \"findings\": {\"info\": 0, \"low\": 0, \"medium\": 0, \"high\": 1},"
        + " \"failed\": 0}"), root.get("summary"));
  }

  private static void assertGroup(JsonNode g) {
    assertEquals(GROUP, fields(g), g.toString());
    assertEquals(REF, fields(g.get("group")));
    assertTrue(g.get("line").isInt());
    assertTrue(Set.of("no-changes", "changes", "applied", "failed").contains(g.get("status").textValue()));
    if (!g.get("plan").isNull()) {
      assertEquals(PLAN, fields(g.get("plan")));
      assertTrue(g.get("plan").get("unchanged").isInt());
    }
    g.get("findings").forEach(f -> assertEquals(FINDING, fields(f)));
    assertTrue(g.get("error").isNull() || g.get("error").isTextual());
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
