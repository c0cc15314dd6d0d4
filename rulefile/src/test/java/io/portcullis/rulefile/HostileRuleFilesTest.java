package io.portcullis.rulefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written to hurt the reader: each is a {@link RuleFileException} naming the file (and the line where
 * there is one). The module's tests run in a 256 MB heap (see the pom), so none of them may need more.
 */
class HostileRuleFilesTest {
  private static final String GROUP = "groups:\n  - provider: aws-ec2\n    group: sg-1\n    rules:\n";

  @Test
  void aSecondRemoteInARuleIsAnErrorNamingBothLines() {
    String yaml = GROUP + "      - direction: ingress\n        protocol: tcp\n        ports: 22\n"
        + "        remote: 10.0.0.0/8\n        remote: 0.0.0.0/0\n";

    RuleFileException e = reject(yaml, "rules.yaml");

    assertEquals(9, e.line());
    assertEquals("rules.yaml:9: duplicate key 'remote' (first at line 8): each key at most once", e.getMessage());
  }

  @Test
  void aSecondRulesListIsAnErrorInYamlAndJson() {
    String yaml = GROUP + "      - ingress allow tcp 22 from 10.0.0.0/8\n    mode: authoritative\n    rules:\n"
        + "      - ingress allow tcp 443 from 0.0.0.0/0\n";
    RuleFileException e = reject(yaml, "rules.yaml");
    assertEquals(7, e.line());
    assertTrue(e.getMessage().contains("duplicate key 'rules' (first at line 4)"), e.getMessage());

    String json = "{\"groups\": [{\"provider\": \"aws-ec2\", \"group\": \"sg-1\",\n"
        + "  \"rules\": [\"ingress allow tcp 22 from 10.0.0.0/8\"],\n  \"rules\": []}]}";
    RuleFileException j = reject(json, "rules.json");
    assertEquals(3, j.line());
    assertTrue(j.getMessage().contains("duplicate key 'rules' (first at line 2)"), j.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {40_000, 200_000})
  void deeplyNestedYamlStopsAtTheDepthLimit(int size) {
    String flow = "groups: " + "[".repeat(size / 2) + "]".repeat(size / 2);
    String compact = "groups:\n" + "- ".repeat(size / 2) + "x\n";
    StringBuilder block = new StringBuilder("groups:\n");
    for (int depth = 1; block.length() < size; depth++) {
      block.append("  ".repeat(depth)).append("a:\n");
    }
    for (String yaml : new String[] {flow, compact, block.toString()}) {
      RuleFileException e = reject(yaml, "deep.yaml");
      assertTrue(e.getMessage().contains("nested more than 32 deep (the limit)"), e.getMessage());
    }
  }

  @Test
  void deeplyNestedJsonStopsAtTheDepthLimit() {
    String json = "{\"groups\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    RuleFileException e = reject(json, "deep.json");
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("nested more than 32 deep"), e.getMessage());

    RuleFileException limited = assertThrows(RuleFileException.class,
        () -> RuleFiles.parse("{\"groups\": [[[[[[[]]]]]]]}", "deep.json", RuleFileLimits.DEFAULTS.withMaxDepth(6)));
    assertTrue(limited.getMessage().contains("nested more than 6 deep"), limited.getMessage());
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.json");
    byte[] chunk = ("\"ingress allow tcp 22 from 10.0.0.0/8\", ").repeat(1000).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write("{\"groups\": [{\"provider\": \"aws-ec2\", \"group\": \"sg-1\", \"rules\": [".getBytes(
          StandardCharsets.US_ASCII));
      for (long written = 0; written < 100L << 20; written += chunk.length) {
        out.write(chunk);
      }
      out.write("\"egress allow any to 0.0.0.0/0\"]}]}".getBytes(StandardCharsets.US_ASCII));
    }

    RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFiles.read(big));

    assertEquals(big + ": larger than 8388608 bytes (the limit, RuleFileLimits.maxBytes)", e.getMessage());
    assertEquals(big.toString(), e.source());
    RuleFileException small = assertThrows(RuleFileException.class,
        () -> RuleFiles.parse(GROUP + "      - ingress allow tcp 22 from 10.0.0.0/8\n", "rules.yaml",
            RuleFileLimits.DEFAULTS.withMaxBytes(64)));
    assertTrue(small.getMessage().contains("larger than 64 characters"), small.getMessage());
  }

  @Test
  void aFileJustUnderTheLimitIsRead() {
    StringBuilder yaml = new StringBuilder();
    int groups = 0;
    while (yaml.length() < (256 << 10) - 3000) {
      yaml.append("  - provider: aws-ec2\n    group: sg-").append(groups++).append("\n    rules:\n");
      for (int i = 0; i < 50; i++) {
        yaml.append("      - ingress allow tcp ").append(i + 1).append(" from 10.").append(i).append(".0.0/16\n");
      }
    }

    RuleFile file = RuleFiles.parse("groups:\n" + yaml, "big.yaml", RuleFileLimits.DEFAULTS.withMaxBytes(256 << 10));

    assertEquals(groups, file.groups().size());
    assertEquals(50, file.groups().get(groups - 1).rules().size());
  }

  @Test
  void bytesThatAreNotUtf8AreAnErrorWithTheLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, (GROUP + "      - ingress allow tcp 22 from 10.0.0.0/8 \"caf\u00e9\"\n")
        .getBytes(StandardCharsets.ISO_8859_1));

    RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFiles.read(file));

    assertEquals(5, e.line());
    assertTrue(e.getMessage().startsWith(file + ":5: not UTF-8 text: byte 0xE9 at offset "), e.getMessage());
  }

  @Test
  void aMissingFileOrADirectoryIsARuleFileExceptionWithThePath(@TempDir Path dir) {
    Path missing = dir.resolve("missing.yaml");
    RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFiles.read(missing));
    assertEquals(missing + ": cannot read: no such file", e.getMessage());

    RuleFileException directory = assertThrows(RuleFileException.class, () -> RuleFiles.read(dir));
    assertTrue(directory.getMessage().startsWith(dir + ": cannot read: "), directory.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!binary aW5ncmVzcyBhbGxvdyB0Y3AgMjIgZnJvbSAxMC4wLjAuMC84", "!!timestamp 2001-12-14",
      "!custom ingress allow tcp 22 from 10.0.0.0/8", "!!python/object:os.system ls"})
  void tagsBeyondPlainValuesAreRefused(String rule) {
    RuleFileException e = reject(GROUP + "      - " + rule + "\n", "rules.yaml");
    assertEquals(5, e.line());
    String tag = rule.substring(0, rule.indexOf(' '));
    assertTrue(e.getMessage().contains("unsupported YAML tag '" + tag + "'"), e.getMessage());
  }

  @Test
  void thePlainTagsAreAccepted() {
    RuleFile file = RuleFiles.parse("groups: !!seq\n  - provider: !!str aws-ec2\n    group: sg-1\n    rules:\n"
        + "      - direction: ingress\n        protocol: tcp\n        ports: !!int 22\n        remote: 10.0.0.0/8\n",
        "rules.yaml");
    assertEquals("ingress allow tcp 22 from 10.0.0.0/8", file.groups().get(0).rules().get(0).toText());
  }

  @Test
  void aRulesListReusedThroughAnAliasIsTheSameRulesAtTheirOwnLines() {
    String yaml = "groups:\n"
        + "  - provider: aws-ec2\n    group: sg-1\n    rules: &common\n"
        + "      - ingress allow tcp 22 from 10.0.0.0/8\n"
        + "      - ingress allow tcp 443 from 0.0.0.0/0\n"
        + "  - provider: aws-ec2\n    group: sg-2\n    rules: *common\n";

    RuleFile file = RuleFiles.parse(yaml, "rules.yaml");

    assertEquals(file.groups().get(0).rules(), file.groups().get(1).rules());
    assertEquals(Optional.of(new SourceLocation("rules.yaml", 6)), file.groups().get(1).locationOf(1));
  }

  @Test
  void anAliasBombStopsAtTheAliasLimit() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [\"ingress allow tcp 22 from 10.0.0.0/8\"]\n");
    for (int i = 1; i < 30; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    RuleFileException e = reject(yaml.toString(), "bomb.yaml");
    assertTrue(e.getMessage().contains("more than 50 aliases of lists and maps"), e.getMessage());
  }

  @Test
  void anAliasOfNoAnchorAndASecondDocumentAreErrors() {
    RuleFileException alias = reject(GROUP.replace("group: sg-1", "group: *nowhere"), "rules.yaml");
    assertTrue(alias.getMessage().contains("alias *nowhere names no anchor of a list or map defined before it"),
        alias.getMessage());
    RuleFileException single = reject(GROUP + "      - &ssh ingress allow tcp 22 from 10.0.0.0/8\n      - *ssh\n",
        "rules.yaml");
    assertEquals(6, single.line());
    assertTrue(single.getMessage().contains("an anchor on a single value cannot be reused"), single.getMessage());

    RuleFileException twice = reject(GROUP + "      - ingress allow tcp 22 from 10.0.0.0/8\n---\n" + GROUP
        + "      - ingress allow tcp 22 from 10.0.0.0/8\n", "rules.yaml");
    assertTrue(twice.getMessage().contains("more than one document"), twice.getMessage());
  }

  @Test
  void anUnknownProviderIsAnErrorAtItsLine() {
    RuleFileException e = reject(GROUP.replace("aws-ec2", "aws-ec3") + "      - ingress allow tcp 22 from 10.0.0.0/8\n",
        "rules.yaml");
    assertEquals("rules.yaml:2: unknown provider 'aws-ec3'; known: aws-ec2, aws-elasticache, huaweicloud-vpc",
        e.getMessage());
  }

  @Test
  void aGroupListedTwiceIsAnErrorNamingBothLines() {
    String rule = "      - ingress allow tcp 22 from 10.0.0.0/8\n";
    String yaml = GROUP + rule + GROUP.substring("groups:\n".length()).replace("sg-1", "{id: sg-1, name: web}") + rule;
    RuleFileException e = reject(yaml, "rules.yaml");
    assertEquals("rules.yaml:6: group sg-1 (web) of aws-ec2 is listed twice, at lines 2 and 6: give all its rules "
        + "in one entry", e.getMessage());

    // the same group in another region is another group
    String regions = yaml.replace("    group: sg-1\n", "    group: sg-1\n    region: eu-west-1\n");
    assertEquals(2, RuleFiles.parse(regions.replaceFirst("eu-west-1", "us-east-1"), "rules.yaml").groups().size());
  }

  @Test
  void aHugeRuleIsEchoedShortly() {
    String yaml = GROUP + "      - ingress allow tcp 22 from 10.0.0.0/8 " + "x".repeat(1 << 20) + "\n";
    RuleFileException e = reject(yaml, "rules.yaml");
    assertTrue(e.getMessage().length() < 1000, () -> e.getMessage().length() + " characters");
    assertEquals(5, e.line());
  }

  private static RuleFileException reject(String content, String source) {
    return assertThrows(RuleFileException.class, () -> RuleFiles.parse(content, source));
  }
}
