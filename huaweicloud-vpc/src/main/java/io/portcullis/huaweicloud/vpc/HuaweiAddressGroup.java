package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.AddressGroupRemote;
import io.portcullis.core.IpVersion;
import java.util.List;
import java.util.Optional;

/**
 * An IP address group as Huawei Cloud holds it.
 *
 * @param id the group's id, usable as a rule remote through {@link #toRemote()}
 * @param name the group's name
 * @param ipVersion the IP family of its entries
 * @param ipSet its entries: addresses, CIDR blocks or {@code a-b} ranges
 * @param description its description, if any
 * @param maxCapacity the most entries it may hold, if reported
 */
public record HuaweiAddressGroup(String id, String name, IpVersion ipVersion, List<String> ipSet,
    Optional<String> description, Optional<Integer> maxCapacity) {
  /** Copies the entries and checks that nothing is null. */
  public HuaweiAddressGroup {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(ipVersion, "ipVersion");
    ipSet = List.copyOf(ipSet);
    requireNonNull(description, "description");
    requireNonNull(maxCapacity, "maxCapacity");
  }

  /** This group as the remote of a rule ({@code remote_address_group_id}), with its IP family. */
  public AddressGroupRemote toRemote() {
    return new AddressGroupRemote(id, ipVersion);
  }
}
