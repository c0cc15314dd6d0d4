package io.portcullis.core.group;

import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Which groups {@link SecurityGroups#list} returns: a group matches when its id is one of {@link #ids()} (if any
 * are given), its name one of {@link #names()} (if any), it is in {@link #vpcId()} (if given) and it carries every
 * tag of {@link #tags()} with that value. The empty filter matches every group.
 */
@Value.Immutable
public abstract class GroupFilter {
  GroupFilter() {}

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every group. */
  public static GroupFilter all() {
    return builder().build();
  }

  /** The groups named {@code name}, in {@code vpcId} when given. */
  public static GroupFilter byName(String name, Optional<String> vpcId) {
    return builder().addNames(name).vpcId(vpcId).build();
  }

  /** Group ids, any of which matches. */
  public abstract Set<String> ids();

  /** Group names (exact), any of which matches. */
  public abstract Set<String> names();

  /** The VPC the groups are in. */
  public abstract Optional<String> vpcId();

  /** Tags every matching group carries, with these values. */
  public abstract Map<String, String> tags();

  /** Whether {@code group} passes this filter: what adapters apply where the provider cannot filter. */
  public boolean matches(SecurityGroupInfo group) {
    return (ids().isEmpty() || ids().contains(group.id()))
        && (names().isEmpty() || names().contains(group.name()))
        && (vpcId().isEmpty() || vpcId().equals(group.vpcId()))
        && tags().entrySet().stream().allMatch(t -> t.getValue().equals(group.tags().get(t.getKey())));
  }

  @Value.Check
  void validate() {
    List<Violation> violations = new ArrayList<>();
    ids().forEach(i -> GroupChecks.name(violations, "id", i));
    names().forEach(n -> GroupChecks.name(violations, "name", n));
    vpcId().ifPresent(v -> GroupChecks.name(violations, "vpc", v));
    GroupChecks.tags(violations, tags());
    GroupChecks.require(violations);
  }

  /** Builds {@link GroupFilter}s. */
  public static final class Builder extends ImmutableGroupFilter.Builder {
    Builder() {}
  }
}
