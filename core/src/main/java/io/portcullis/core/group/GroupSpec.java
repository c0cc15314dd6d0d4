package io.portcullis.core.group;

import io.portcullis.core.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A security group to create: name, description, VPC and tags. Creating it is idempotent: an existing group of
 * that name in that VPC whose description (when given) and tags (every one given) are the same is the result.
 */
@Value.Immutable
public abstract class GroupSpec {
  GroupSpec() {}

  /** A builder; the name is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The group's name. */
  public abstract String name();

  /** The description; adapters whose provider needs one send the name instead. */
  public abstract Optional<String> description();

  /** The VPC to create it in (EC2; empty is the default VPC); providers without VPCs reject one. */
  public abstract Optional<String> vpcId();

  /** Tags to create it with, where the provider has tags. */
  public abstract Map<String, String> tags();

  /** What the provider is sent as the description: the given one, or else the name. */
  public String descriptionOrName() {
    return description().orElse(name());
  }

  @Value.Check
  void validate() {
    List<Violation> violations = new ArrayList<>();
    GroupChecks.name(violations, "name", name());
    description().filter(d -> d.length() > GroupChecks.MAX_LENGTH)
        .ifPresent(d -> violations.add(Violation.of("description", d, "at most 255 characters")));
    vpcId().ifPresent(v -> GroupChecks.name(violations, "vpc", v));
    GroupChecks.tags(violations, tags());
    GroupChecks.require(violations);
  }

  /** Builds {@link GroupSpec}s. */
  public static final class Builder extends ImmutableGroupSpec.Builder {
    Builder() {}
  }
}
