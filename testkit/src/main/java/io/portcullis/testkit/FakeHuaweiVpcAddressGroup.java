package io.portcullis.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.IpVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An IP address group as {@link FakeHuaweiVpc} keeps it, in the fields of the Huawei Cloud VPC v3 {@code
 * AddressGroup}.
 *
 * @param id the address group id (a UUID)
 * @param name the name, 1-64 letters, digits, {@code _}, {@code -} or {@code .}
 * @param description the description, empty if none
 * @param ipVersion 4 or 6
 * @param ipSet the entries as sent: IP addresses, CIDR blocks or {@code a-b} address ranges
 * @param maxCapacity how many entries the group may hold
 * @param createdAt when the group was created (to the second)
 */
public record FakeHuaweiVpcAddressGroup(String id, String name, String description, int ipVersion,
    List<String> ipSet, int maxCapacity, Instant createdAt) {

  /** The fields of a {@code CreateAddressGroupOption} the fake models. */
  static final Set<String> OPTION_FIELDS = Set.of("name", "description", "ip_version", "ip_set", "max_capacity");

  private static final int DEFAULT_MAX_CAPACITY = 20;

  /** Checks the parts and copies the entries. */
  public FakeHuaweiVpcAddressGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    ipSet = List.copyOf(ipSet);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Validates an address group option the way the API does and builds the group. */
  static FakeHuaweiVpcAddressGroup fromOption(JsonNode option, String id, Instant now) {
    FakeHuaweiVpcJson.onlyKnownFields(option, OPTION_FIELDS);
    String name = FakeHuaweiVpcJson.name(option);
    int ipVersion = FakeHuaweiVpcJson.integer(option, "ip_version").orElse(0);
    if (ipVersion != 4 && ipVersion != 6) {
      throw FakeHuaweiVpcError.invalid("Invalid ip_version: it is required and must be 4 or 6.");
    }
    int maxCapacity = FakeHuaweiVpcJson.integer(option, "max_capacity").orElse(DEFAULT_MAX_CAPACITY);
    List<String> ipSet = entries(option.get("ip_set"), ipVersion == 4 ? IpVersion.IPV4 : IpVersion.IPV6);
    if (maxCapacity < 1 || ipSet.size() > maxCapacity) {
      throw FakeHuaweiVpcError.invalid("Invalid max_capacity " + maxCapacity + ": it must be at least 1 and "
          + "at least the number of ip_set entries (" + ipSet.size() + ").");
    }
    return new FakeHuaweiVpcAddressGroup(id, name, FakeHuaweiVpcJson.description(option), ipVersion, ipSet,
        maxCapacity, now);
  }

  private static List<String> entries(JsonNode ipSet, IpVersion version) {
    List<String> out = new ArrayList<>();
    if (ipSet == null || ipSet.isNull()) {
      return out;
    }
    if (!ipSet.isArray()) {
      throw FakeHuaweiVpcError.invalid("Invalid ip_set: an array of strings is required.");
    }
    for (JsonNode entry : ipSet) {
      if (!entry.isTextual() || !isEntry(entry.asText(), version)) {
        throw FakeHuaweiVpcError.invalid("Invalid ip_set entry " + entry + ": an IPv"
            + (version == IpVersion.IPV4 ? 4 : 6) + " address, CIDR block or address range a-b.");
      }
      out.add(entry.asText());
    }
    return out;
  }

  private static boolean isEntry(String text, IpVersion version) {
    try {
      int dash = text.indexOf('-');
      if (dash < 0) {
        return CidrBlock.parse(text).ipVersion() == version;
      }
      String first = text.substring(0, dash);
      String last = text.substring(dash + 1);
      if (first.contains("/") || last.contains("/")) {
        return false;
      }
      CidrBlock low = CidrBlock.parse(first);
      CidrBlock high = CidrBlock.parse(last);
      return low.ipVersion() == version && high.ipVersion() == version
          && low.toIpAddress().compareTo(high.toIpAddress()) <= 0;
    } catch (InvalidRuleException e) {
      return false;
    }
  }

  /** The group as the API replies it ({@code AddressGroup}). */
  ObjectNode toJson(String projectId) {
    String time = createdAt.toString();
    ObjectNode json = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    json.put("id", id);
    json.put("name", name);
    json.put("tenant_id", projectId);
    json.put("ip_version", ipVersion);
    json.put("max_capacity", maxCapacity);
    ArrayNode set = json.putArray("ip_set");
    ArrayNode extra = json.putArray("ip_extra_set");
    for (String entry : ipSet) {
      set.add(entry);
      extra.addObject().put("ip", entry).putNull("remarks");
    }
    json.put("enterprise_project_id", "0");
    json.put("created_at", time);
    json.put("updated_at", time);
    json.put("description", description);
    json.put("status", "NORMAL");
    json.put("status_message", "");
    return json;
  }
}
