package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.RuleSyntaxException;
import io.portcullis.core.Violation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Compares {@link AwsCliRuleParser} with what the AWS CLI v1 (1.45) itself sends, recorded by
 * {@code src/test/golden/record.py} for a seeded corpus of commands (shorthand, JSON, simple options and edge
 * cases). Every command the CLI refuses is refused; every command it sends is read into exactly the permissions it
 * sends, or, where the case is marked deliberate, refused with an {@link InvalidRuleException} naming a field of
 * that category (see the aws-ec2 README, "Where Portcullis differs from the AWS CLI").
 */
class AwsCliGoldenTest {
  /** The fields a deliberate refusal of each category may name. */
  private static final Map<String, Set<String>> CATEGORY_FIELDS = Map.of(
      "protocol", Set.of("IpProtocol", "protocol"),
      "ports", Set.of("FromPort/ToPort", "FromPort", "ToPort", "--port", "ports", "icmp"),
      "remote", Set.of("remote", "protocol", "ip-permissions", "UserIdGroupPairs", "CidrIp", "CidrIpv6",
          "PrefixListId"),
      "description", Set.of("Description", "description"),
      "group", Set.of("--group-id/--group-name", "--group-id", "--group-name"),
      "options", Set.of("options"),
      "operation", Set.of());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static List<JsonNode> cases;

  @BeforeAll
  static void load() throws IOException {
    cases = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        AwsCliGoldenTest.class.getResourceAsStream("/golden/aws-cli-1.45.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        cases.add(JSON.readTree(line));
      }
    }
  }

  @Test
  void theCorpusIsLargeAndHasEveryKindOfCase() {
    Map<String, Integer> counts = counts();
    assertTrue(cases.size() >= 2_000, counts.toString());
    assertTrue(counts.get("refused") >= 500 && counts.get("same") >= 1_000, counts.toString());
    CATEGORY_FIELDS.keySet().forEach(c -> assertTrue(counts.getOrDefault("deliberate " + c, 0) > 0, c + " " + counts));
  }

  @Test
  void everyRecordedCommandIsReadAsTheCliSendsItOrRefusedOnPurpose() {
    List<String> differences = new ArrayList<>();
    for (JsonNode c : cases) {
      outcome(c).ifPresent(d -> differences.add(c.get("id") + " " + c.get("line").asText() + "\n    " + d));
    }
    assertEquals(List.of(), differences, differences.size() + " differences of " + cases.size());
  }

  private static Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonNode c : cases) {
      String kind = c.get("sent").isNull() ? "refused"
          : c.has("deliberate") ? "deliberate " + c.get("deliberate").asText() : "same";
      counts.merge(kind, 1, Integer::sum);
    }
    return counts;
  }

  /** What is wrong with Portcullis's reading of the case, if anything. */
  private static Optional<String> outcome(JsonNode c) {
    String line = c.get("line").asText();
    JsonNode sent = c.get("sent");
    AwsCliRuleParser.CliRequest request;
    try {
      request = AwsCliRuleParser.read(line);
    } catch (InvalidRuleException e) {
      if (sent.isNull()) {
        return Optional.empty();
      }
      return refusal(c, e);
    } catch (RuntimeException e) {
      return Optional.of("untyped error " + e);
    }
    if (sent.isNull()) {
      try {
        AwsCliRuleParser.parseCommand(line);
        return Optional.of("the CLI refuses (" + c.get("error").asText() + ") but Portcullis reads " + request);
      } catch (InvalidRuleException e) {
        return Optional.empty();
      }
    }
    List<String> wrong = new ArrayList<>();
    if (!request.groupId().equals(text(sent, "GroupId")) || !request.groupName().equals(text(sent, "GroupName"))) {
      wrong.add("group " + request.groupId() + "/" + request.groupName());
    }
    if (request.dryRun() != sent.path("DryRun").asBoolean(false)) {
      wrong.add("dry run " + request.dryRun());
    }
    List<IpPermission> expected = new ArrayList<>();
    sent.path("IpPermissions").forEach(p -> expected.add(permission(p)));
    if (!request.permissions().equals(expected)) {
      wrong.add("permissions " + request.permissions() + " but the CLI sends " + expected);
    }
    if (!wrong.isEmpty()) {
      return Optional.of("reads differently: " + wrong);
    }
    try {
      AwsCliRuleParser.parseCommand(line);
      return c.has("deliberate") ? Optional.of("accepted a deliberate " + c.get("deliberate").asText()) : Optional.empty();
    } catch (InvalidRuleException e) {
      return refusal(c, e);
    }
  }

  /** A refusal of something the CLI sends is right only when it is deliberate and names a field of its category. */
  private static Optional<String> refusal(JsonNode c, InvalidRuleException e) {
    if (!c.has("deliberate")) {
      return Optional.of("refused what the CLI sends: " + e.getMessage());
    }
    String category = c.get("deliberate").asText();
    if (category.equals("operation")) {
      return Optional.empty(); // another operation than the four: refused, whichever way
    }
    if (e instanceof RuleSyntaxException) {
      return Optional.of("a syntax error for a deliberate " + category + ": " + e.getMessage());
    }
    Set<String> allowed = CATEGORY_FIELDS.get(category);
    boolean named = e.violations().stream().map(Violation::field)
        .anyMatch(f -> allowed.contains(f) || (category.equals("options") && f.startsWith("--")));
    return named ? Optional.empty()
        : Optional.of("deliberate " + c.get("deliberate").asText() + " refused naming another field: " + e.getMessage());
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.has(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  private static IpPermission permission(JsonNode p) {
    return IpPermission.builder()
        .ipProtocol(p.has("IpProtocol") ? p.get("IpProtocol").asText() : null)
        .fromPort(integer(p, "FromPort"))
        .toPort(integer(p, "ToPort"))
        .ipRanges(items(p, "IpRanges", i -> IpRange.builder().cidrIp(string(i, "CidrIp"))
            .description(string(i, "Description")).build()))
        .ipv6Ranges(items(p, "Ipv6Ranges", i -> Ipv6Range.builder().cidrIpv6(string(i, "CidrIpv6"))
            .description(string(i, "Description")).build()))
        .prefixListIds(items(p, "PrefixListIds", i -> PrefixListId.builder().prefixListId(string(i, "PrefixListId"))
            .description(string(i, "Description")).build()))
        .userIdGroupPairs(items(p, "UserIdGroupPairs", i -> UserIdGroupPair.builder().groupId(string(i, "GroupId"))
            .groupName(string(i, "GroupName")).userId(string(i, "UserId")).vpcId(string(i, "VpcId"))
            .vpcPeeringConnectionId(string(i, "VpcPeeringConnectionId")).peeringStatus(string(i, "PeeringStatus"))
            .description(string(i, "Description")).build()))
        .build();
  }

  private static <T> List<T> items(JsonNode p, String field, Function<JsonNode, T> item) {
    if (!p.has(field)) {
      return null;
    }
    List<T> out = new ArrayList<>();
    p.get(field).forEach(i -> out.add(item.apply(i)));
    return out;
  }

  private static Integer integer(JsonNode p, String field) {
    if (!p.has(field)) {
      return null;
    }
    return p.get(field).canConvertToInt() && p.get(field).isIntegralNumber() ? p.get(field).intValue() : 1 << 31;
  }

  private static String string(JsonNode i, String field) {
    return i.has(field) ? i.get(field).asText() : null;
  }
}
