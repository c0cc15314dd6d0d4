package io.portcullis.core.group;

import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A group a desired state names instead of giving its id: the name, the VPC (where the provider has VPCs), and
 * whether to create it when missing ({@code create: true}), with the description and tags to create it with.
 */
@Value.Immutable
public abstract class GroupSelector {
  GroupSelector() {}

  /** A builder; the name is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The group named {@code name}, anywhere, not created when missing. */
  public static GroupSelector named(String name) {
    return builder().name(name).build();
  }

  /** The group's name. */
  public abstract String name();

  /** The VPC it is in. */
  public abstract Optional<String> vpcId();

  /** Whether a missing group is created before its rules; false unless set. */
  @Value.Default
  public boolean create() {
    return false;
  }

  /** The description to create it with. */
  public abstract Optional<String> description();

  /** The tags to create it with. */
  public abstract Map<String, String> tags();

  /** What {@link SecurityGroups#create} is given for a missing group. */
  public GroupSpec toSpec() {
    return GroupSpec.builder().name(name()).description(description()).vpcId(vpcId()).tags(tags()).build();
  }

  /** {@code web in vpc-1}. */
  @Override
  public String toString() {
    return name() + vpcId().map(v -> " in " + v).orElse("");
  }

  @Value.Check
  void validate() {
    List<Violation> violations = new ArrayList<>();
    GroupChecks.name(violations, "name", name());
    vpcId().ifPresent(v -> GroupChecks.name(violations, "vpc", v));
    GroupChecks.tags(violations, tags());
    GroupChecks.require(violations);
  }

  /** Builds {@link GroupSelector}s. */
  public static final class Builder extends ImmutableGroupSelector.Builder {
    Builder() {}
  }
}
