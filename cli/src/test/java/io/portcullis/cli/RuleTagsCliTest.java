package io.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testkit.FakeClouds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule tags from a rule file, end to end on the fakes: applied, changed in place, exported, rejected where none. */
class RuleTagsCliTest {
  private static final String GROUP = "sg-0cafe0000000000a1";

  @TempDir
  Path dir;
  FakeClouds clouds;

  @BeforeEach
  void start() {
    clouds = FakeClouds.start();
  }

  @AfterEach
  void stop() {
    clouds.close();
  }

  private String write(String name, String team) throws IOException {
    return Files.writeString(dir.resolve(name), """
        groups:
          - provider: aws-ec2
            group: %s
            rules:
              - rule: ingress allow tcp 443 from 0.0.0.0/0 "https"
                tags: {team: %s}
        """.formatted(GROUP, team)).toString();
  }

  @Test
  void tagsAreAppliedChangedInPlaceShownInPlanAndJsonAndExported() throws IOException {
    CliRun first = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", write("edge.yaml", "edge"));
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.out().contains("+ ingress allow tcp 443 from 0.0.0.0/0 \"https\"   (tags {team=edge})"),
        first.toString());

    String core = write("core.yaml", "core");
    CliRun plan = CliRun.run(clouds, "", "plan", "--fake", core);
    assertTrue(plan.out().matches("(?s).*~ ingress allow tcp 443 from 0\\.0\\.0\\.0/0 \"https\"   \\(sgr-[0-9a-f]+, "
        + "tags \\{team=core}, were \\{team=edge}\\).*"), plan.toString());
    assertTrue(plan.out().contains("Plan: 0 to create, 1 to update, 0 to delete"), plan.toString());
    JsonNode update = new ObjectMapper().readTree(CliRun.run(clouds, "", "plan", "--fake", "--json", core).out())
        .path("groups").get(0).path("plan").path("update").get(0);
    assertEquals("core", update.path("tags").path("team").asText(), update.toString());
    assertEquals("edge", update.path("wasTags").path("team").asText(), update.toString());

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", core);
    assertEquals(0, apply.code(), apply.toString());
    assertTrue(CliRun.run(clouds, "", "plan", "--fake", core).out().contains("No changes."));

    Path exported = dir.resolve("exported.yaml");
    CliRun export = CliRun.run(clouds, "", "export", "--fake", "aws-ec2", GROUP, "-o", exported.toString());
    assertEquals(0, export.code(), export.toString());
    String text = Files.readString(exported);
    assertTrue(text.contains("- rule: ingress allow tcp 443 from 0.0.0.0/0 \"https\"\n        tags:\n          team: core"),
        text);
    CliRun again = CliRun.run(clouds, "", "plan", "--fake", exported.toString());
    assertTrue(again.out().contains("No changes."), again.toString());
  }

  @Test
  void huaweiRulesWithTagsAreRejectedAtTheirLine() throws IOException {
    String file = Files.writeString(dir.resolve("huawei.yaml"), """
        groups:
          - provider: huaweicloud-vpc
            group: 1c8d9f94-6022-4518-bb98-e0145fcc7b33
            rules:
              - rule: ingress allow tcp 443 from 0.0.0.0/0
                tags: {team: edge}
        """).toString();

    CliRun plan = CliRun.run(clouds, "", "plan", "--fake", file);

    assertEquals(1, plan.code(), plan.toString());
    assertTrue(plan.out().contains("have no rule tags: tags {team=edge} cannot be expressed"), plan.toString());
    assertTrue(plan.out().contains("huawei.yaml:5"), plan.toString());
  }
}
