package io.portcullis.rulefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.core.group.InvalidGroupException;
import io.portcullis.core.plan.PlanMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {
  static final String YAML = String.join("\n",
      "# desired state",
      "groups:",
      "  - provider: aws-ec2",
      "    group: sg-0abc123",
      "    mode: authoritative",
      "    rules:",
      "      - ingress allow tcp 22,8000-8080 from 203.0.113.0/24 \"admin ssh\"",
      "      - direction: ingress",
      "        protocol: tcp",
      "        ports: 443",
      "        remote: ::/0",
      "        description: \"https, \\\"quoted\\\"\"",
      "  - provider: huaweicloud-vpc",
      "    group: {id: 1c8d9f94-6022-4518-bb98-e0145fcc7b33, name: web}",
      "    rules:",
      "      - direction: ingress",
      "        action: deny",
      "        protocol: icmp",
      "        type: 8",
      "        remote: 0.0.0.0/0",
      "        priority: 5",
      "");

  @Test
  void readsTextAndFieldRulesWithTheirGroups(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, YAML);

    RuleFile parsed = RuleFiles.read(file);

    assertEquals(file.toString(), parsed.source());
    assertEquals(2, parsed.groups().size());
    GroupRules ec2 = parsed.groups().get(0);
    String source = file.toString();
    assertEquals(GroupRules.builder().provider("aws-ec2").group(SecurityGroupRef.ofId("sg-0abc123"))
        .mode(PlanMode.AUTHORITATIVE).line(3)
        .addRule(SecurityRule.parse("ingress allow tcp 22,8000-8080 from 203.0.113.0/24 \"admin ssh\""),
            new SourceLocation(source, 7))
        .addRule(SecurityRule.parse("ingress allow tcp 443 from ::/0 \"https, \\\"quoted\\\"\""),
            new SourceLocation(source, 8))
        .build(), ec2);
    GroupRules huawei = parsed.groupsOf("huaweicloud-vpc").get(0);
    assertEquals(new SecurityGroupRef(Optional.of("1c8d9f94-6022-4518-bb98-e0145fcc7b33"), Optional.of("web")),
        huawei.group());
    assertEquals(PlanMode.ADDITIVE, huawei.mode());
    assertEquals(List.of(SecurityRule.parse("ingress deny icmp type 8 from 0.0.0.0/0 priority 5")), huawei.rules());
  }

  @Test
  void everyRuleKeepsItsLineAndAGroupItsRegionAccountProfileAndProject() {
    String yaml = YAML.replace("    mode: authoritative\n", "    mode: authoritative\n    region: eu-west-1\n"
        + "    account: \"123456789012\"\n    profile: prod\n").replace("    group: {id: 1c8d9f94",
        "    region: cn-north-4\n    project: 0b4b3a4c2a00d3e62f1bc01234567890\n    group: {id: 1c8d9f94");

    RuleFile parsed = RuleFiles.parse(yaml, "rules.yaml");

    GroupRules ec2 = parsed.groups().get(0);
    assertEquals(Optional.of("eu-west-1"), ec2.region());
    assertEquals(Optional.of("123456789012"), ec2.account());
    assertEquals(Optional.of("prod"), ec2.profile());
    assertEquals(Optional.empty(), ec2.project());
    assertEquals(List.of(new SourceLocation("rules.yaml", 10), new SourceLocation("rules.yaml", 11)),
        ec2.ruleLocations());
    assertEquals(Optional.of(new SourceLocation("rules.yaml", 11)),
        ec2.locationOf(SecurityRule.parse("ingress allow tcp 443 from ::/0 \"another description\"")));
    assertEquals("rules.yaml:11", ec2.locationOf(1).get().toString());
    GroupRules huawei = parsed.groups().get(1);
    assertEquals(Optional.of("cn-north-4"), huawei.region());
    assertEquals(Optional.of("0b4b3a4c2a00d3e62f1bc01234567890"), huawei.project());
    assertEquals(Optional.of(new SourceLocation("rules.yaml", 21)), huawei.locationOf(0));

    assertEquals(GroupRules.builder().provider("aws-ec2").group(SecurityGroupRef.ofId("sg-0abc123"))
        .mode(PlanMode.AUTHORITATIVE).region(Optional.of("eu-west-1")).account(Optional.of("123456789012"))
        .profile(Optional.of("prod")).addRules(ec2.rules()).build(), ec2.withoutLocations());

    RuleFileException region = assertThrows(RuleFileException.class,
        () -> RuleFiles.parse(yaml.replace("eu-west-1", "EU West 1"), "rules.yaml"));
    assertEquals("rules.yaml:6: region 'EU West 1': expected a region name: lower-case letters, digits and '-'",
        region.getMessage());
  }

  @Test
  void jsonHasTheSameStructure() {
    String json = "{\"groups\": [{\"provider\": \"aws-elasticache\", \"group\": {\"name\": \"mygroup\"},\n"
        + " \"rules\": [\"ingress allow any from group-name default owner 123456789012\"]}]}";

    RuleFile parsed = RuleFiles.parse(json, "cache.json");

    assertEquals(SecurityGroupRef.ofName("mygroup"), parsed.groups().get(0).group());
    assertEquals(List.of(SecurityRule.parse("ingress allow any from group-name default owner 123456789012")),
        parsed.groups().get(0).rules());
  }

  @Test
  void aBadTextRuleNamesFileLineAndRule() {
    String yaml = YAML.replace("from 203.0.113.0/24", "from 203.0.113.1/24");

    RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFiles.parse(yaml, "rules.yaml"));

    assertEquals(7, e.line());
    assertEquals(Optional.of("ingress allow tcp 22,8000-8080 from 203.0.113.1/24 \"admin ssh\""), e.rule());
    assertTrue(e.getMessage().startsWith("rules.yaml:7: rule 'ingress allow tcp 22,8000-8080 from 203.0.113.1/24"),
        e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 203.0.113.0/24?"), e.getMessage());
  }

  @Test
  void aBadFieldRuleNamesTheLineWhereItStarts() {
    String yaml = YAML.replace("        ports: 443", "        ports: 70000");

    RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFiles.parse(yaml, "rules.yaml"));

    assertEquals(8, e.line());
    assertEquals(Optional.of("ingress tcp 70000 from ::/0"), e.rule());
    assertTrue(e.getMessage().contains("ports '70000'"), e.getMessage());
  }

  @Test
  void structuralErrorsNameTheKeyAndLine() {
    RuleFileException unknown = assertThrows(RuleFileException.class,
        () -> RuleFiles.parse(YAML.replace("        remote: ::/0", "        remtoe: ::/0"), "rules.yaml"));
    assertEquals(11, unknown.line());
    assertTrue(unknown.getMessage().contains("unknown key 'remtoe' in a rule"), unknown.getMessage());

    RuleFileException mode = assertThrows(RuleFileException.class,
        () -> RuleFiles.parse(YAML.replace("mode: authoritative", "mode: sometimes"), "rules.yaml"));
    assertEquals(5, mode.line());
    assertTrue(mode.getMessage().contains("expected additive or authoritative"), mode.getMessage());

    RuleFileException missing = assertThrows(RuleFileException.class,
        () -> RuleFiles.parse(YAML.replace("  - provider: huaweicloud-vpc\n    group:", "  - group:"), "rules.yaml"));
    assertEquals(13, missing.line());
    assertTrue(missing.getMessage().contains("missing 'provider'"), missing.getMessage());
  }

  @Test
  void syntaxErrorsOfTheFileItselfHaveALine() {
    RuleFileException e = assertThrows(RuleFileException.class,
        () -> RuleFiles.parse("{\"groups\": [\n  {\"provider\": }\n]}", "bad.json"));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith("bad.json:2: not valid JSON"), e.getMessage());

    assertThrows(RuleFileException.class, () -> RuleFiles.parse("", "empty.yaml"));
    assertThrows(RuleFileException.class, () -> RuleFiles.parse("- a\n- b\n", "list.yaml"));
  }

  @Test
  void aGroupByNameHasASelectorWithItsVpcCreateDescriptionAndTags() {
    RuleFile file = RuleFiles.parse(String.join("\n",
        "groups:",
        "  - provider: aws-ec2",
        "    group: {name: web, vpc: vpc-1}",
        "    create: true",
        "    description: web servers",
        "    tags: {team: edge}",
        "    rules: [ingress allow tcp 443 from 0.0.0.0/0]",
        "  - provider: aws-ec2",
        "    group: {name: web, vpc: vpc-2}",
        "    rules: [ingress allow tcp 443 from group-name web]",
        ""), "rules.yaml");

    assertEquals(Optional.of(GroupSelector.builder().name("web").vpcId("vpc-1").create(true)
        .description("web servers").putTags("team", "edge").build()), file.groups().get(0).selector());
    assertEquals(SecurityGroupRef.ofName("web"), file.groups().get(0).group());
    assertEquals(Optional.of(GroupSelector.builder().name("web").vpcId("vpc-2").build()),
        file.groups().get(1).selector());
    assertEquals(Optional.empty(), RuleFiles.parse(YAML, "rules.yaml").groups().get(1).selector());
  }

  @Test
  void createDescriptionTagsAndVpcNeedAGroupByNameAndValidValues() {
    String byId = "groups:\n  - provider: aws-ec2\n    group: sg-1\n    create: true\n    rules: []\n";
    RuleFileException create = assertThrows(RuleFileException.class, () -> RuleFiles.parse(byId, "rules.yaml"));
    assertEquals(4, create.line());
    assertTrue(create.getMessage().contains("'create' is for a group given by name"), create.getMessage());

    String vpc = "groups:\n  - provider: aws-ec2\n    group: {id: sg-1, vpc: vpc-1}\n    rules: []\n";
    assertTrue(assertThrows(RuleFileException.class, () -> RuleFiles.parse(vpc, "rules.yaml")).getMessage()
        .contains("'vpc' is for a group given by name"));

    String yes = "groups:\n  - provider: aws-ec2\n    group: {name: web}\n    create: yes\n    rules: []\n";
    RuleFileException bool = assertThrows(RuleFileException.class, () -> RuleFiles.parse(yes, "rules.yaml"));
    assertEquals(4, bool.line());
    assertTrue(bool.getMessage().contains("create 'yes': expected true or false"), bool.getMessage());

    String badTag = "groups:\n  - provider: aws-ec2\n    group: {name: web}\n    tags: {\"  \": y}\n"
        + "    rules: []\n";
    RuleFileException tag = assertThrows(RuleFileException.class, () -> RuleFiles.parse(badTag, "rules.yaml"));
    assertEquals(3, tag.line());
    assertTrue(tag.getCause() instanceof InvalidGroupException, String.valueOf(tag.getCause()));
  }

  @Test
  void rulesCarryTagsInTheFieldFormAndBesideTheTextFormAndWriteThemBack() {
    String yaml = String.join("\n",
        "groups:",
        "  - provider: aws-ec2",
        "    group: sg-1",
        "    rules:",
        "      - rule: ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"",
        "        tags: {team: edge, cost: \"\"}",
        "      - direction: ingress",
        "        protocol: tcp",
        "        ports: 443",
        "        remote: 0.0.0.0/0",
        "        tags:",
        "          team: web",
        "      - egress allow any to 0.0.0.0/0",
        "");

    List<SecurityRule> rules = RuleFiles.parse(yaml, "rules.yaml").groups().get(0).rules();

    assertEquals(Optional.of("ssh"), rules.get(0).description());
    assertEquals(Map.of("team", "edge", "cost", ""), rules.get(0).tags());
    assertEquals(Map.of("team", "web"), rules.get(1).tags());
    assertEquals(Map.of(), rules.get(2).tags());
    RuleFile file = RuleFiles.parse(yaml, "rules.yaml");
    for (RuleFileWriter writer : List.of(RuleFileWriter.yaml(), RuleFileWriter.json())) {
      String written = writer.write(file);
      List<SecurityRule> back = RuleFiles.parse(written, writer == RuleFileWriter.json() ? "r.json" : "r.yaml")
          .groups().get(0).rules();
      assertEquals(rules, back, written);
      assertEquals(rules.stream().map(SecurityRule::tags).toList(), back.stream().map(SecurityRule::tags).toList(),
          written);
    }
    assertTrue(RuleFileWriter.yaml().write(file).contains(String.join("\n",
        "      - rule: ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"",
        "        tags:",
        "          cost: \"\"",
        "          team: edge")), RuleFileWriter.yaml().write(file));
  }

  @Test
  void ruleTagsMustBeAMappingOfValidTagsAndTheTextFormTakesOnlyTagsBesideIt() {
    String list = "groups:\n  - provider: aws-ec2\n    group: sg-1\n    rules:\n"
        + "      - rule: ingress allow tcp 22 from 10.0.0.0/8\n        tags: [a]\n";
    RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFiles.parse(list, "rules.yaml"));
    assertEquals(6, e.line());
    assertTrue(e.getMessage().contains("'tags' must be a mapping"), e.getMessage());

    String beside = "groups:\n  - provider: aws-ec2\n    group: sg-1\n    rules:\n"
        + "      - rule: ingress allow tcp 22 from 10.0.0.0/8\n        description: x\n";
    e = assertThrows(RuleFileException.class, () -> RuleFiles.parse(beside, "rules.yaml"));
    assertEquals(6, e.line());
    assertTrue(e.getMessage().contains("'description' beside 'rule'"), e.getMessage());

    String badKey = "groups:\n  - provider: aws-ec2\n    group: sg-1\n    rules:\n"
        + "      - rule: ingress allow tcp 22 from 10.0.0.0/8\n        tags: {\"  \": x}\n";
    e = assertThrows(RuleFileException.class, () -> RuleFiles.parse(badKey, "rules.yaml"));
    assertEquals(5, e.line());
    assertTrue(e.getMessage().contains("tag key '  '"), e.getMessage());
  }
}
