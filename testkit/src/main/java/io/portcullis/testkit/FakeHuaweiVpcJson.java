package io.portcullis.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reading and checking the JSON of Huawei VPC requests; every problem is a {@code VPC.0601} error. */
final class FakeHuaweiVpcJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private FakeHuaweiVpcJson() {}

  /** The request body as a JSON object. */
  static ObjectNode body(String text) {
    if (text == null || text.isBlank()) {
      throw FakeHuaweiVpcError.invalid("The request body is required.");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw FakeHuaweiVpcError.invalid("The request body is not valid JSON.");
    }
    if (!node.isObject()) {
      throw FakeHuaweiVpcError.invalid("The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  /** A required nested object. */
  static ObjectNode object(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw FakeHuaweiVpcError.invalid("Invalid " + field + ": an object is required.");
    }
    return (ObjectNode) node;
  }

  /**
   * Rejects fields outside the subset the fake models, so that a request is never half understood.
   */
  static void onlyKnownFields(JsonNode node, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw FakeHuaweiVpcError.invalid("Invalid parameter " + name + ": not supported by FakeHuaweiVpc.");
      }
    }
  }

  /** An optional string field; JSON null counts as absent. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw FakeHuaweiVpcError.invalid("Invalid " + field + ": " + value + " is not a string.");
    }
    return Optional.of(value.asText());
  }

  /** A required, non-empty string field. */
  static String requiredText(JsonNode node, String field) {
    return text(node, field).filter(s -> !s.isEmpty())
        .orElseThrow(() -> FakeHuaweiVpcError.invalid("Invalid " + field + ": it is required."));
  }

  /** An optional boolean flag ({@code dry_run}, {@code ignore_duplicate}); absent is false. */
  static boolean flag(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw FakeHuaweiVpcError.invalid("Invalid " + field + ": " + value + " is not a boolean.");
    }
    return value.booleanValue();
  }

  /** An optional integer given as a JSON number or as a string of digits (the SDK sends priority as "1"). */
  static OptionalInt integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return OptionalInt.empty();
    }
    if (value.isInt()) {
      return OptionalInt.of(value.intValue());
    }
    if (value.isTextual() && value.asText().matches("[0-9]{1,9}")) {
      return OptionalInt.of(Integer.parseInt(value.asText()));
    }
    throw FakeHuaweiVpcError.invalid("Invalid " + field + ": " + value + " is not an integer.");
  }

  /** A required name: 1-64 letters, digits, underscores, hyphens or dots (security and address groups). */
  static String name(JsonNode node) {
    String name = requiredText(node, "name");
    if (!name.matches("[\\p{L}\\p{N}_.-]{1,64}")) {
      throw FakeHuaweiVpcError.invalid(
          "Invalid name " + name + ": 1-64 letters, digits, underscores, hyphens or dots.");
    }
    return name;
  }

  /** A description: 0-255 characters without angle brackets; absent is empty. */
  static String description(JsonNode node) {
    String description = text(node, "description").orElse("");
    if (description.length() > 255 || description.indexOf('<') >= 0 || description.indexOf('>') >= 0) {
      throw FakeHuaweiVpcError.invalid(
          "Invalid description: at most 255 characters, without angle brackets (< or >).");
    }
    return description;
  }

  /** The JSON text of a reply. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
