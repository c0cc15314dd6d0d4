package io.portcullis.core.group;

import io.portcullis.core.SecurityGroupRef;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A security group as the provider holds it: id, name, description, VPC, owner and tags. */
@Value.Immutable
public abstract class SecurityGroupInfo {
  SecurityGroupInfo() {}

  /** A builder; id and name are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The provider's id, e.g. {@code sg-0abc123} or a Huawei UUID; the name for ElastiCache. */
  public abstract String id();

  /** The group's name. */
  public abstract String name();

  /** The description; empty when the provider reports none. */
  public abstract Optional<String> description();

  /** The VPC the group belongs to (EC2); empty where groups belong to no VPC. */
  public abstract Optional<String> vpcId();

  /** The account or project that owns the group, when the provider reports it. */
  public abstract Optional<String> ownerId();

  /** The group's tags, in the provider's order. */
  public abstract Map<String, String> tags();

  /** This group as the reference the rule API takes: its id and name. */
  public SecurityGroupRef toRef() {
    return new SecurityGroupRef(Optional.of(id()), Optional.of(name()));
  }

  /** {@code sg-0abc (web, vpc-1)}. */
  @Override
  public String toString() {
    return id() + " (" + name() + vpcId().map(v -> ", " + v).orElse("") + ")";
  }

  /** Builds {@link SecurityGroupInfo}s. */
  public static final class Builder extends ImmutableSecurityGroupInfo.Builder {
    Builder() {}
  }
}
