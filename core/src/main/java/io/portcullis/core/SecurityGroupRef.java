package io.portcullis.core;

import java.util.Optional;

/**
 * The provider-neutral reference to the group a rule set belongs to: an EC2 security group ({@code sg-...}
 * or, in a default VPC, its name), an ElastiCache cache security group (by name) or a Huawei Cloud security
 * group (UUID). At least one of id and name is set.
 *
 * @param id the provider's id of the group
 * @param name the group's name
 */
public record SecurityGroupRef(Optional<String> id, Optional<String> name) {
  /** Validates that an id or a name is present and well formed. */
  public SecurityGroupRef {
    id.ifPresent(i -> Identifiers.require("group id", i));
    name.ifPresent(n -> Identifiers.require("group name", n));
    if (id.isEmpty() && name.isEmpty()) {
      throw new InvalidRuleException(Violation.of("group", "", "a security group id, a name, or both"));
    }
  }

  /** The group with this id. */
  public static SecurityGroupRef ofId(String id) {
    return new SecurityGroupRef(Optional.of(id), Optional.empty());
  }

  /** The group with this name. */
  public static SecurityGroupRef ofName(String name) {
    return new SecurityGroupRef(Optional.empty(), Optional.of(name));
  }

  /** The id if there is one, otherwise the name: how the group is shown in messages and plans. */
  public String displayName() {
    return id.orElseGet(name::get);
  }

  @Override
  public String toString() {
    return id.isPresent() && name.isPresent() ? id.get() + " (" + name.get() + ")" : displayName();
  }
}
