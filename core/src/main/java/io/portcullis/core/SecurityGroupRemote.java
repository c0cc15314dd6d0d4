package io.portcullis.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Another security group as the remote: its members are the source (ingress) or destination (egress).
 * Named by id and/or name, optionally with the owning account and VPC (EC2's {@code UserId}, {@code VpcId}
 * and {@code VpcPeeringConnectionId}).
 */
@Value.Immutable(lazyhash = true)
public abstract non-sealed class SecurityGroupRemote implements Remote {
  SecurityGroupRemote() {}

  /** A builder; at least one of group id and group name must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The group with this id, IPv4. */
  public static SecurityGroupRemote ofId(String groupId) {
    return builder().groupId(groupId).build();
  }

  /** The group with this name, IPv4. */
  public static SecurityGroupRemote ofName(String groupName) {
    return builder().groupName(groupName).build();
  }

  /** The provider's id of the group, e.g. {@code sg-0abc123} or a Huawei UUID. */
  public abstract Optional<String> groupId();

  /** The group's name (EC2 default VPC and ElastiCache name groups this way). */
  public abstract Optional<String> groupName();

  /** The account (or project) that owns the group, when it is not the caller's. */
  public abstract Optional<String> ownerId();

  /** The VPC of the referenced group, where the provider needs it. */
  public abstract Optional<String> vpcId();

  /** The VPC peering connection through which the group is referenced (EC2). */
  public abstract Optional<String> vpcPeeringConnectionId();

  /** The IP family of the rule (Huawei Cloud's ethertype); IPv4 unless set. */
  @Value.Default
  @Override
  public IpVersion ipVersion() {
    return IpVersion.IPV4;
  }

  @Override
  public RemoteKind kind() {
    return RemoteKind.SECURITY_GROUP;
  }

  @Value.Check
  void validate() {
    List<Violation> violations = new ArrayList<>();
    if (groupId().isEmpty() && groupName().isEmpty()) {
      violations.add(Violation.of("remote", "group", "a security group needs an id, a name, or both"));
    }
    check(violations, "group id", groupId());
    // sg- alone would be sent as an empty id, and its text form would not read back.
    if (groupId().isPresent() && groupId().get().equals("sg-")) {
      violations.add(Violation.of("remote", "sg-", "a security group id: sg- and the rest of the id, e.g. sg-0abc123"));
    }
    check(violations, "group name", groupName());
    check(violations, "owner", ownerId());
    check(violations, "vpc", vpcId());
    check(violations, "peering", vpcPeeringConnectionId());
    if (!violations.isEmpty()) {
      throw new InvalidRuleException(violations);
    }
  }

  // Plain ifs: a lambda's one-time bootstrap would be a good part of a first parse.
  private static void check(List<Violation> violations, String field, Optional<String> value) {
    if (value.isPresent() && !Identifiers.isValid(value.get())) {
      violations.add(Violation.of(field, value.get(), Identifiers.ALLOWED));
    }
  }

  /**
   * {@code sg-0abc123 owner 123456789012}, {@code group 1c8d... ipv6}, {@code group-name default}: the id (bare
   * when it starts with {@code sg-}), then {@code name}, {@code owner}, {@code vpc}, {@code peering}, and
   * {@code ipv6} when not IPv4.
   */
  @Override
  public String toText() {
    StringBuilder s = new StringBuilder();
    if (groupId().isPresent()) {
      String id = groupId().get();
      s.append(id.startsWith("sg-") && RuleTextFormat.isBareWord(id) ? id : "group " + RuleTextFormat.word(id));
      groupName().ifPresent(n -> s.append(" name ").append(RuleTextFormat.word(n)));
    } else {
      s.append("group-name ").append(RuleTextFormat.word(groupName().get()));
    }
    ownerId().ifPresent(o -> s.append(" owner ").append(RuleTextFormat.word(o)));
    vpcId().ifPresent(v -> s.append(" vpc ").append(RuleTextFormat.word(v)));
    vpcPeeringConnectionId().ifPresent(p -> s.append(" peering ").append(RuleTextFormat.word(p)));
    s.append(RuleTextFormat.ipVersionSuffix(ipVersion()));
    return s.toString();
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds {@link SecurityGroupRemote}s. */
  public static final class Builder extends ImmutableSecurityGroupRemote.Builder {
    Builder() {}
  }
}
