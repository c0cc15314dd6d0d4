package io.portcullis.core;

import static java.util.Objects.requireNonNull;

/**
 * A provider-side IP address group, such as a Huawei Cloud {@code remote_address_group_id}.
 *
 * @param id the provider's id of the address group
 * @param ipVersion the address group's IP family
 */
public record AddressGroupRemote(String id, IpVersion ipVersion) implements Remote {
  /** Validates the id. */
  public AddressGroupRemote {
    Identifiers.require("address group id", id);
    requireNonNull(ipVersion, "ipVersion");
  }

  /** An IPv4 address group. */
  public static AddressGroupRemote of(String id) {
    return new AddressGroupRemote(id, IpVersion.IPV4);
  }

  @Override
  public RemoteKind kind() {
    return RemoteKind.ADDRESS_GROUP;
  }

  @Override
  public String toText() {
    return "address-group " + RuleTextFormat.word(id) + RuleTextFormat.ipVersionSuffix(ipVersion);
  }

  @Override
  public String toString() {
    return toText();
  }
}
