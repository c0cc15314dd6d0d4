package io.portcullis.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link FakeHuaweiVpc} keeps about security groups beside their rules: their tags (set on create, changed
 * with the v2 {@code tags/action} call) and the ports that use them (read with the v1 port call). Called under
 * the fake's lock.
 */
final class FakeHuaweiVpcGroups {
  private final Map<String, Map<String, String>> tags = new HashMap<>();
  /** Port id to the ids of the security groups it uses. */
  private final Map<String, List<String>> ports = new LinkedHashMap<>();

  Map<String, String> tags(String groupId) {
    return Map.copyOf(tags.getOrDefault(groupId, Map.of()));
  }

  /** The {@code tags} array of a request ({@code [{"key": .., "value": ..}]}), checked as the API does. */
  static Map<String, String> parseTags(JsonNode array) {
    Map<String, String> out = new LinkedHashMap<>();
    if (array == null || array.isNull()) {
      return out;
    }
    if (!array.isArray()) {
      throw FakeHuaweiVpcError.invalid("Invalid tags: an array of {key, value} is required.");
    }
    for (JsonNode tag : array) {
      FakeHuaweiVpcJson.onlyKnownFields(tag, Set.of("key", "value"));
      String key = FakeHuaweiVpcJson.requiredText(tag, "key");
      String value = FakeHuaweiVpcJson.text(tag, "value").orElse("");
      if (key.length() > 128 || value.length() > 255 || out.put(key, value) != null) {
        throw FakeHuaweiVpcError.invalid("Invalid tag " + key + ": keys of 1-128 characters, each once; values"
            + " of at most 255 characters.");
      }
    }
    return out;
  }

  void setTags(String groupId, Map<String, String> groupTags) {
    tags.put(groupId, new LinkedHashMap<>(groupTags));
  }

  /** The v2 {@code tags/action} body {@code {"action": "create"|"delete", "tags": [...]}}. */
  void tagsAction(String groupId, JsonNode body) {
    FakeHuaweiVpcJson.onlyKnownFields(body, Set.of("action", "tags"));
    String action = FakeHuaweiVpcJson.requiredText(body, "action");
    Map<String, String> given = parseTags(body.get("tags"));
    Map<String, String> current = new LinkedHashMap<>(tags.getOrDefault(groupId, Map.of()));
    switch (action) {
      case "create" -> current.putAll(given);
      case "delete" -> given.forEach((k, v) -> {
        if (v.isEmpty() || v.equals(current.get(k))) {
          current.remove(k);
        }
      });
      default -> throw FakeHuaweiVpcError.invalid("Invalid action " + action + ": create or delete.");
    }
    tags.put(groupId, current);
  }

  void forget(String groupId) {
    tags.remove(groupId);
  }

  String addPort(String id, List<String> groupIds) {
    ports.put(id, List.copyOf(groupIds));
    return id;
  }

  Optional<String> portUsing(String groupId) {
    return ports.entrySet().stream().filter(e -> e.getValue().contains(groupId)).map(Map.Entry::getKey).findFirst();
  }

  /** The v1 port reply {@code {"port": {...}}}, with the fields a port's security groups need. */
  ObjectNode showPort(String portId, String projectId) {
    List<String> groups = ports.get(portId);
    if (groups == null) {
      throw new FakeHuaweiVpcError(404, "VPC.0704", "Port " + portId + " could not be found.");
    }
    ObjectNode reply = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    ObjectNode port = reply.putObject("port");
    port.put("id", portId).put("tenant_id", projectId).put("status", "ACTIVE");
    ArrayNode array = port.putArray("security_groups");
    groups.forEach(array::add);
    return reply;
  }

  /** A {@code tags} array for a reply. */
  void putTags(ObjectNode json, String groupId) {
    ArrayNode array = json.putArray("tags");
    tags(groupId).forEach((k, v) -> array.addObject().put("key", k).put("value", v));
  }
}
