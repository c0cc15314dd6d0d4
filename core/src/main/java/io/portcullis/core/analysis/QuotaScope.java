package io.portcullis.core.analysis;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.SecurityRule;
import java.util.Optional;

/**
 * Which of a group's rules one quota limit counts: those of one direction, one IP family, both, or all rules.
 * EC2 limits each direction and family separately (60 inbound IPv4 rules, ...); Huawei Cloud limits the rules
 * of a group as a whole (50).
 *
 * @param direction the direction counted, or empty for both
 * @param ipVersion the IP family counted, or empty for both
 */
public record QuotaScope(Optional<Direction> direction, Optional<IpVersion> ipVersion) {
  /** Checks that no component is null. */
  public QuotaScope {
    requireNonNull(direction, "direction");
    requireNonNull(ipVersion, "ipVersion");
  }

  /** Every rule of the group. */
  public static QuotaScope group() {
    return new QuotaScope(Optional.empty(), Optional.empty());
  }

  /** The rules of one direction, both families. */
  public static QuotaScope of(Direction direction) {
    return new QuotaScope(Optional.of(direction), Optional.empty());
  }

  /** The rules of one direction and one family. */
  public static QuotaScope of(Direction direction, IpVersion ipVersion) {
    return new QuotaScope(Optional.of(direction), Optional.of(ipVersion));
  }

  /** Whether this scope counts {@code rule}. */
  public boolean includes(SecurityRule rule) {
    return direction.map(d -> d == rule.direction()).orElse(true)
        && ipVersion.map(v -> v == rule.ipVersion()).orElse(true);
  }

  /** {@code ingress ipv4 rules}, {@code egress rules}, {@code rules}: how messages name the scope. */
  @Override
  public String toString() {
    return direction.map(d -> d.keyword() + " ").orElse("") + ipVersion.map(v -> v.keyword() + " ").orElse("")
        + "rules";
  }
}
