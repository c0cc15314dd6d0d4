package io.portcullis.core.group;

import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.SecurityGroupRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's security groups themselves, provider-neutral: list with filters (every page), find one by name,
 * create idempotently, update tags, delete (never implied: only this call deletes), and which groups a network
 * interface uses. The rules inside a group are managed with {@link io.portcullis.core.SecurityGroupRules}. Each
 * adapter implements it; find them with {@link SecurityGroupsProvider}.
 */
public interface SecurityGroups {
  /** The adapter's provider name, e.g. {@code aws-ec2}. */
  String provider();

  /** The groups that pass {@code filter}, following the provider's pagination to the end. */
  List<SecurityGroupInfo> list(GroupFilter filter);

  /** The group with this id, if there is one. */
  default Optional<SecurityGroupInfo> get(String groupId) {
    return list(GroupFilter.builder().addIds(groupId).build()).stream().findFirst();
  }

  /**
   * The one group named {@code name} (exactly) in {@code vpcId}, or anywhere when no VPC is given.
   *
   * @throws GroupNotFoundException if none matches
   * @throws AmbiguousGroupException if several match
   */
  default SecurityGroupInfo find(String name, Optional<String> vpcId) {
    return GroupCreation.named(this, name, vpcId).orElseThrow(() -> new GroupNotFoundException(ProviderError.of(
        provider(), null, "no security group with " + GroupCreation.lookedFor(name, vpcId), null, 0), null));
  }

  /**
   * Creates the group, or returns the existing group of that name (in that VPC, or anywhere when none is given)
   * when its description (if the spec gives one) and the spec's tags are the same; see {@link GroupCreation}.
   *
   * @throws GroupAlreadyExistsException if a group of that name differs from the spec, naming the differences
   * @throws AmbiguousGroupException if several groups have that name
   * @throws InvalidGroupException if the provider cannot take the spec (e.g. a VPC where groups have none)
   */
  SecurityGroupInfo create(GroupSpec spec);

  /**
   * Sets the tags in {@code put} (replacing the values of keys the group has) and removes the keys in {@code
   * remove}.
   *
   * @throws GroupNotFoundException if there is no such group
   * @throws UnsupportedGroupOperationException if the provider's groups have no tags
   */
  void updateTags(String groupId, Map<String, String> put, Collection<String> remove);

  /**
   * Deletes the group. Nothing else deletes a group.
   *
   * @throws GroupInUseException while the group is still in use, naming what uses it where known
   * @throws GroupNotFoundException if there is no such group
   */
  void delete(String groupId);

  /**
   * The groups a network interface (EC2 {@code eni-...}, Huawei port) uses, read only.
   *
   * @throws UnsupportedGroupOperationException if the provider has no network interfaces
   */
  List<SecurityGroupRef> groupsOfNetworkInterface(String networkInterfaceId);
}
