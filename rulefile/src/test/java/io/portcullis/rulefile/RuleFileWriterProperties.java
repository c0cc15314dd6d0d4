package io.portcullis.rulefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Write, read, equal: every rule file {@link RuleFileWriter} writes reads back to the same groups. */
class RuleFileWriterProperties {
  /** Characters YAML and JSON treat specially, and text the text form has to quote. */
  private static final String TRICKY = " \"\\#:-?&*!|>'%@`{}[],\u00e9\u4e2d\u202e\u2028\ufeff";
  /** Whole characters outside the BMP (a lone surrogate is not valid text, so none is split). */
  private static final String[] EMOJI = {"\ud83d\ude00", "\ud806\udc20"};

  @Property(tries = 300)
  void yamlReadsBackToTheSameGroups(@ForAll("files") RuleFile file) {
    assertRoundTrip(file, RuleFileWriter.yaml(), "rules.yaml");
  }

  @Property(tries = 300)
  void jsonReadsBackToTheSameGroups(@ForAll("files") RuleFile file) {
    assertRoundTrip(file, RuleFileWriter.json(), "rules.json");
  }

  @Example
  void writesOneTextFormLinePerRule() {
    RuleFile file = new RuleFile("live", List.of(new GroupRules("aws-ec2", SecurityGroupRef.ofId("sg-1"),
        PlanMode.AUTHORITATIVE, List.of(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"ssh: admins\""),
        SecurityRule.parse("ingress allow tcp 80,443,8000-8080 from 0.0.0.0/0 \"web, a long description that is not"
            + " split over two lines however long it is\"")), 0), new GroupRules("aws-elasticache", SecurityGroupRef.ofName("cache"), PlanMode.ADDITIVE, List.of(), 0)));

    assertEquals("""
        groups:
          - provider: aws-ec2
            group: sg-1
            mode: authoritative
            rules:
              - "ingress allow tcp 22 from 10.0.0.0/8 \\"ssh: admins\\""
              - ingress allow tcp 80,443,8000-8080 from 0.0.0.0/0 "web, a long description that is not split over two lines however long it is"
          - provider: aws-elasticache
            group:
              name: cache
            mode: additive
            rules: []
        """, RuleFileWriter.yaml().write(file));
  }

  @Example
  void anUnknownFormatNamesTheFormats() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleFileWriter.Format.of("xml"));
    assertEquals("format 'xml': expected yaml or json", e.getMessage());
  }

  @Example
  void writesToAFile() throws Exception {
    RuleFile file = new RuleFile("live", List.of(new GroupRules("huaweicloud-vpc", SecurityGroupRef.ofId("1c8d"),
        PlanMode.ADDITIVE, List.of(SecurityRule.parse("egress allow any to ::/0 priority 100")), 0)));
    Path path = Files.createTempFile("portcullis", ".json");
    try {
      RuleFileWriter.json().write(file, path);

      assertEquals(groupsOf(file), groupsOf(RuleFiles.read(path)));
    } finally {
      Files.delete(path);
    }
  }

  private static void assertRoundTrip(RuleFile file, RuleFileWriter writer, String source) {
    String content = writer.write(file);
    RuleFile read;
    try {
      read = RuleFiles.parse(content, source);
    } catch (RuleFileException e) {
      throw new AssertionError("cannot read back what was written:\n" + content, e);
    }
    assertEquals(groupsOf(file), groupsOf(read), content);
  }

  /** The groups without the lines they were read from, which a written file does not keep. */
  private static List<GroupRules> groupsOf(RuleFile file) {
    return file.groups().stream().map(g -> new GroupRules(g.provider(), g.group(), g.mode(), g.rules(), 0)).toList();
  }

  @Provide
  Arbitrary<RuleFile> files() {
    Arbitrary<GroupRules> group = Combinators.combine(
        Arbitraries.of("aws-ec2", "aws-elasticache", "huaweicloud-vpc"), groupRefs(), Arbitraries.of(PlanMode.class),
        rules().list().ofMaxSize(6), selectors()).as((provider, ref, mode, rules, selector) ->
            GroupRules.builder().provider(provider).group(ref).mode(mode).addRules(rules)
                // a group given by name without an id is read back with a selector of that name
                .selector(ref.id().isPresent() ? Optional.empty() : Optional.of(selector.name(ref.name().get()).build()))
                .build());
    // A file lists each group once (reading refuses a group listed twice).
    return group.list().ofMaxSize(4).uniqueElements(g -> List.of(g.provider(), g.group().displayName()))
        .map(groups -> new RuleFile("generated", groups));
  }

  /** Selectors without their name, which is the group's. */
  private static Arbitrary<GroupSelector.Builder> selectors() {
    return Combinators.combine(identifiers().optional(0.5), Arbitraries.of(true, false), identifiers().optional(0.5),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), identifiers()).ofMaxSize(3))
        .as((vpc, create, description, tags) -> GroupSelector.builder().vpcId(vpc).create(create)
            .description(description).tags(tags));
  }

  private static Arbitrary<SecurityGroupRef> groupRefs() {
    Arbitrary<Optional<String>> word = identifiers().optional(0.7);
    return Combinators.combine(word, word).as((id, name) -> id.isEmpty() && name.isEmpty()
        ? SecurityGroupRef.ofId("sg-0") : new SecurityGroupRef(id, name));
  }

  /** Ids and names, including ones that look like YAML numbers, booleans or nulls. */
  private static Arbitrary<String> identifiers() {
    return Arbitraries.oneOf(Arbitraries.of("sg-0abc", "123", "1e3", "0x1f", "true", "null", "NULL", "~", "no", "Y", "On", "- x", "a: b", "a:",
        "#x", " lead", "trail "), Arbitraries.strings().withChars(TRICKY + "sg0123abcXYZ").ofMinLength(1)
        .ofMaxLength(20).filter(s -> !s.isBlank()));
  }

  private static Arbitrary<SecurityRule> rules() {
    Arbitrary<String> match = Arbitraries.of("tcp 22", "udp 53,123", "tcp 0-65535", "tcp 80,443,8000-8080", "any",
        "icmp type 3 code 4", "17", "132");
    Arbitrary<String> remote = Arbitraries.of("10.0.0.0/8", "0.0.0.0/0", "sg-0123 owner 123456789012",
        "group-name default owner 123456789012", "group 1c8d-uuid ipv6", "prefix-list pl-1", "address-group ag-1");
    Arbitrary<String> priority = Arbitraries.integers().between(1, 100).map(p -> " priority " + p).optional(0.4)
        .map(o -> o.orElse(""));
    Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.strings().withChars(TRICKY + "abc").ofMaxLength(8),
        Arbitraries.of(EMOJI));
    Arbitrary<String> description = fragment.list().ofMaxSize(5).map(l -> String.join("", l))
        .map(d -> " \"" + d.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").optional(0.6).map(o -> o.orElse(""));
    return Combinators.combine(Arbitraries.of("ingress allow", "egress deny"), match, remote, priority, description)
        .as((head, m, r, p, d) -> head + " " + m + (head.startsWith("ingress") ? " from " : " to ") + r + p + d)
        .map(RuleFileWriterProperties::parseOrNull).filter(r -> r != null);
  }

  private static SecurityRule parseOrNull(String text) {
    try {
      return SecurityRule.parse(text);
    } catch (InvalidRuleException e) {
      return null; // e.g. a blank description: not a rule, so nothing to write
    }
  }
}
