package io.portcullis.testkit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@link FakeEc2} keeps about groups beside their rules: their tags and the network interfaces that use
 * them, and the replies of CreateTags / DeleteTags and DescribeNetworkInterfaces. Called under the fake's lock.
 */
final class FakeEc2Groups {
  private final Map<String, Map<String, String>> tags = new HashMap<>();
  /** Network interface id to the ids of the groups it uses. */
  private final Map<String, List<String>> interfaces = new LinkedHashMap<>();

  Map<String, String> tags(String groupId) {
    return Map.copyOf(tags.getOrDefault(groupId, Map.of()));
  }

  void setTags(String groupId, Map<String, String> groupTags) {
    tags.put(groupId, new LinkedHashMap<>(groupTags));
  }

  void forget(String groupId) {
    tags.remove(groupId);
  }

  String addInterface(String id, List<String> groupIds) {
    interfaces.put(id, List.copyOf(groupIds));
    return id;
  }

  boolean usedByInterface(String groupId) {
    return interfaces.values().stream().anyMatch(g -> g.contains(groupId));
  }

  /**
   * The tags after CreateTags ({@code create}: set each {@code Tag.N}) or DeleteTags (remove each key; one given
   * with a value only when the value matches).
   */
  static Map<String, String> changed(Map<String, String> current, List<QueryForm> tagForms, boolean create) {
    Map<String, String> out = new LinkedHashMap<>(current);
    for (QueryForm tag : tagForms) {
      String key = tag.required("Key");
      String value = tag.get("Value");
      if (create) {
        out.put(key, value == null ? "" : value);
      } else if (value == null || value.equals(out.get(key))) {
        out.remove(key);
      }
    }
    return out;
  }

  /** DescribeNetworkInterfaces by {@code NetworkInterfaceId.N} and the {@code group-id} filter. */
  Xml describeInterfaces(Xml reply, QueryForm form, Function<String, String> groupName) {
    List<String> ids = form.values("NetworkInterfaceId");
    for (String id : ids) {
      if (!interfaces.containsKey(id)) {
        throw new FaultException(400, "InvalidNetworkInterfaceID.NotFound",
            "The networkInterface ID '" + id + "' does not exist");
      }
    }
    Set<String> byGroup = null;
    for (QueryForm filter : form.list("Filter")) {
      if (!filter.required("Name").equals("group-id")) {
        throw new FaultException(400, "InvalidParameterValue", "The filter '" + filter.get("Name") + "' is invalid");
      }
      byGroup = Set.copyOf(filter.values("Value"));
    }
    reply.start("networkInterfaceSet");
    for (Map.Entry<String, List<String>> e : interfaces.entrySet()) {
      Set<String> wanted = byGroup;
      if ((ids.isEmpty() || ids.contains(e.getKey()))
          && (wanted == null || e.getValue().stream().anyMatch(wanted::contains))) {
        reply.start("item").leaf("networkInterfaceId", e.getKey()).start("groupSet");
        e.getValue().forEach(g -> reply.start("item").leaf("groupId", g).leaf("groupName", groupName.apply(g)).end());
        reply.end().end();
      }
    }
    return reply.end();
  }

  /** The page of {@code items} after the one a {@code NextToken} names, at most {@code size} long. */
  static <T> List<T> page(List<T> items, Function<T, String> idOf, String token, int size) {
    int from = 0;
    if (token != null) {
      String after = PageToken.lastKey(token).orElseThrow(() -> invalidToken());
      from = items.stream().map(idOf).toList().indexOf(after) + 1;
      if (from == 0) {
        throw invalidToken();
      }
    }
    return items.subList(from, Math.min(items.size(), from + Math.min(size, items.size())));
  }

  private static FaultException invalidToken() {
    return new FaultException(400, "InvalidPaginationToken", "The specified pagination token is not valid");
  }

  /** A {@code tagSet} element with the tags as items. */
  static Xml tagSet(Xml xml, Map<String, String> tags) {
    xml.start("tagSet");
    tags.forEach((k, v) -> xml.start("item").leaf("key", k).leaf("value", v).end());
    return xml.end();
  }
}
