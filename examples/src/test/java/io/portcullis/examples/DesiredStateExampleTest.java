package io.portcullis.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.rulefile.RuleFileException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the example converges every group of the built-in file on the fake clouds. */
class DesiredStateExampleTest {
  private static String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DesiredStateExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void appliesTheBuiltInFileThenFindsNothingLeftToDo() {
    String out = run();

    for (String group : new String[] {"aws-ec2 sg-0a1b2c3d4e5f60718", "aws-elasticache mygroup",
        "huaweicloud-vpc 1c8d9f94-6022-4518-bb98-e0145fcc7b33"}) {
      assertTrue(out.contains("== " + group + " =="), out);
      assertTrue(out.contains(group + ": No changes."), out);
    }
    // The multiport rule becomes one EC2 rule per range; the Huawei deny rule keeps its priority.
    assertTrue(out.contains("+ ingress allow tcp 8000-8080 from 0.0.0.0/0 \"web\""), out);
    assertTrue(out.contains("+ ingress deny tcp 23,3389 from 0.0.0.0/0 priority 1"), out);
    assertTrue(out.contains("+ ingress allow any from group-name default owner 123456789012"), out);
    assertEquals(3, count(out, "Applied: (\\d+) of \\1 changes"), out);
    assertTrue(out.contains("!! AUTHORITATIVE plan"), out);
  }

  @Test
  void applyingToRealCloudsNeedsTheRealFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("--apply"));
    assertTrue(e.getMessage().contains("--real"), e.getMessage());
  }

  @Test
  void aBrokenRuleFileNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "groups:\n  - provider: aws-ec2\n    group: sg-1\n    rules:\n      - ingress allow tcp 99999 from 0.0.0.0/0\n");

    RuleFileException e = assertThrows(RuleFileException.class, () -> run(file.toString()));

    assertEquals(5, e.line());
    assertTrue(e.getMessage().contains("ports '99999'"), e.getMessage());
  }

  @Test
  void groupsGivenByNameAreCreatedFirstAndReferredToByTheirIds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, String.join("\n",
        "groups:",
        "  - provider: aws-ec2",
        "    group: {name: db, vpc: vpc-1}",
        "    create: true",
        "    rules:",
        "      - ingress allow tcp 5432 from group-name web",
        "  - provider: aws-ec2",
        "    group: {name: web, vpc: vpc-1}",
        "    create: true",
        "    description: web servers",
        "    rules:",
        "      - rule: ingress allow tcp 443 from 0.0.0.0/0",
        "        tags: {team: edge}",
        ""));

    String out = run(file.toString());

    Matcher web = Pattern.compile("aws-ec2 group web in vpc-1: (sg-[0-9a-f]+) \\(created\\)").matcher(out);
    assertTrue(web.find(), out);
    assertTrue(out.contains("aws-ec2 group db in vpc-1: sg-"), out);
    assertTrue(out.contains("+ ingress allow tcp 5432 from " + web.group(1)), out);
    assertTrue(out.contains("+ ingress allow tcp 443 from 0.0.0.0/0   (tags {team=edge})"), out);
    assertTrue(out.contains(": ingress allow tcp 443 from 0.0.0.0/0   tags {team=edge}"), "read back: " + out);
    assertEquals(2, count(out, "aws-ec2 sg-[0-9a-f]+ \\((web|db)\\): No changes\\."), out);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
