package io.portcullis.rulefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.FuzzInputs;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated YAML and JSON rule files give rule files whose rules survive the text form and keep their
 * locations, or a {@link RuleFileException} with a message (file, line, what is wrong): never another exception.
 */
class RuleFilesProperties {
  private static final String JSON = "{\"groups\": [{\"provider\": \"aws-ec2\", \"group\": \"sg-0abc123\", "
      + "\"mode\": \"additive\", \"rules\": [\"ingress allow tcp 5432 from sg-0abc123 owner 123456789012\", "
      + "{\"direction\": \"egress\", \"protocol\": \"udp\", \"ports\": \"53,123\", \"remote\": \"10.0.0.0/8\", "
      + "\"priority\": 7, \"description\": \"dns\"}]}, {\"provider\": \"huaweicloud-vpc\", \"group\": "
      + "{\"name\": \"default\"}, \"rules\": [\"ingress allow any from group-name default owner 123456789012\"]}]}";

  @Property(tries = 400)
  void mutatedYamlIsARuleFileOrARuleFileException(@ForAll("mutatedYaml") String content) {
    readOrReject(content, "rules.yaml");
  }

  @Property(tries = 400)
  void mutatedJsonIsARuleFileOrARuleFileException(@ForAll("mutatedJson") String content) {
    readOrReject(content, "rules.json");
  }

  @Property(tries = 300)
  void randomTextIsARuleFileOrARuleFileException(@ForAll("noise") String content) {
    readOrReject(content, "rules.yaml");
    readOrReject(content, "rules.json");
  }

  @Example
  void aDescriptionTheRuleRefusesIsARuleFileExceptionNamingTheRule() {
    String content = "{\"groups\": [{\"provider\": \"aws-ec2\", \"group\": \"sg-1\", \"rules\": [{\"direction\": "
        + "\"ingress\", \"protocol\": \"tcp\", \"ports\": \"22\",\n \"remote\": \"10.0.0.0/8\", \"description\": "
        + "\"tab\\there\"}]}]}";

    RuleFileException e = assertThrows(RuleFileException.class, () -> RuleFiles.parse(content, "rules.json"));

    assertEquals(1, e.line());
    assertEquals(Optional.of("ingress tcp 22 from 10.0.0.0/8"), e.rule());
    assertTrue(e.getMessage().contains("control characters"), e.getMessage());
  }

  private static void readOrReject(String content, String source) {
    FuzzInputs.attempt(content, () -> RuleFiles.parse(content, source), RuleFileException.class)
        .ifPresent(file -> file.groups().forEach(group -> {
          group.rules().forEach(rule -> assertEquals(rule, SecurityRule.parse(rule.toText()), content));
          // every rule read keeps where it was written
          assertEquals(group.rules().size(), group.ruleLocations().size(), content);
          group.ruleLocations().forEach(at -> assertEquals(source, at.source(), content));
        }));
  }

  @Provide
  Arbitrary<String> mutatedYaml() {
    return mutants(RuleFilesTest.YAML);
  }

  @Provide
  Arbitrary<String> mutatedJson() {
    return mutants(JSON);
  }

  private static Arbitrary<String> mutants(String valid) {
    Arbitrary<String> insertion = Arbitraries.oneOf(Arbitraries.of(FuzzInputs.INSERTIONS),
        Arbitraries.strings().all().ofMaxLength(3));
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
    return Combinators.combine(Arbitraries.just(valid), Arbitraries.integers().between(0, 1000).list().ofMinSize(1)
        .ofMaxSize(3), position, position, insertion).as(FuzzInputs::mutate);
  }

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> yamlish = Arbitraries.strings().withChars("groups:-providerulesmode{}[],\"'\n #&*!|>")
        .ofMaxLength(80);
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60), yamlish,
        yamlish.map(s -> "groups:\n  - " + s));
  }
}
