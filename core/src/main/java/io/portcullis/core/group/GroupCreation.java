package io.portcullis.core.group;

import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.ProviderError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The idempotent create every adapter's {@link SecurityGroups#create} shares: reuse an existing group of the
 * spec's name when it is the same, refuse one that differs, and create otherwise.
 */
public final class GroupCreation {
  private GroupCreation() {}

  /**
   * The existing group of {@code spec}'s name (in its VPC, or anywhere when it gives none) if it is the same, or
   * else the group {@code create} makes. A create the provider refuses because the name was taken meanwhile is
   * settled by looking again.
   *
   * @throws GroupAlreadyExistsException if the existing group differs, naming each difference
   * @throws AmbiguousGroupException if several groups have the name
   */
  public static SecurityGroupInfo createOrReuse(SecurityGroups groups, GroupSpec spec,
      Function<GroupSpec, SecurityGroupInfo> create) {
    Optional<SecurityGroupInfo> existing = named(groups, spec.name(), spec.vpcId());
    if (existing.isPresent()) {
      return requireSame(groups.provider(), spec, existing.get());
    }
    try {
      return create.apply(spec);
    } catch (GroupAlreadyExistsException e) {
      return named(groups, spec.name(), spec.vpcId()).map(g -> requireSame(groups.provider(), spec, g)).orElseThrow(() -> e);
    }
  }

  /**
   * How {@code group} differs from {@code spec}: the description when the spec gives one, and every tag of the
   * spec; the group's other tags do not count. Empty when it is the same.
   */
  public static List<String> differences(GroupSpec spec, SecurityGroupInfo group) {
    List<String> differences = new ArrayList<>();
    spec.description().filter(d -> !group.description().equals(Optional.of(d))).ifPresent(d -> differences.add(
        "description '" + group.description().orElse("") + "', not '" + d + "'"));
    spec.tags().forEach((k, v) -> {
      if (!v.equals(group.tags().get(k))) {
        differences.add("tag " + k + (group.tags().containsKey(k) ? "='" + group.tags().get(k) + "'" : " missing")
            + ", not '" + v + "'");
      }
    });
    return differences;
  }

  /** The one group named exactly {@code name} in {@code vpcId} (anywhere without one), if any. */
  static Optional<SecurityGroupInfo> named(SecurityGroups groups, String name, Optional<String> vpcId) {
    List<SecurityGroupInfo> matches = groups.list(GroupFilter.byName(name, vpcId)).stream()
        .filter(g -> g.name().equals(name)).toList();
    if (matches.size() > 1) {
      throw new AmbiguousGroupException(lookedFor(name, vpcId), matches);
    }
    return matches.stream().findFirst();
  }

  static String lookedFor(String name, Optional<String> vpcId) {
    return "name '" + name + "'" + vpcId.map(v -> " in " + v).orElse("");
  }

  private static SecurityGroupInfo requireSame(String provider, GroupSpec spec, SecurityGroupInfo group) {
    List<String> differences = differences(spec, group);
    if (differences.isEmpty()) {
      return group;
    }
    throw new GroupAlreadyExistsException(ProviderError.of(provider, null, "security group " + group
        + " exists and differs from the one to create: " + String.join("; ", differences), null, 0), null);
  }
}
