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
 * <p>A scope may also be narrowed to a kind of rule that the provider limits apart (Huawei Cloud enforces at
 * most 128 rules with a group remote per direction and family): the kind only names the scope in messages;
 * the provider's {@link ProviderRuleCounter#countsIn} decides which rules are of it.
 *
 * @param direction the direction counted, or empty for both
 * @param ipVersion the IP family counted, or empty for both
 * @param kind the kind of rule counted, in words (e.g. {@code with a group remote}), or empty for every rule
 */
public record QuotaScope(Optional<Direction> direction, Optional<IpVersion> ipVersion, Optional<String> kind) {
  /** Checks that no component is null. */
  public QuotaScope {
    requireNonNull(direction, "direction");
    requireNonNull(ipVersion, "ipVersion");
    requireNonNull(kind, "kind");
  }

  /** A scope of every kind of rule. */
  public QuotaScope(Optional<Direction> direction, Optional<IpVersion> ipVersion) {
    this(direction, ipVersion, Optional.empty());
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

  /** This scope narrowed to one kind of rule, named {@code kind} in messages (see the class comment). */
  public QuotaScope ofKind(String kind) {
    return new QuotaScope(direction, ipVersion, Optional.of(kind));
  }

  /** Whether {@code rule} is of this scope's direction and IP family (its kind is the provider's to decide). */
  public boolean includes(SecurityRule rule) {
    return direction.map(d -> d == rule.direction()).orElse(true)
        && ipVersion.map(v -> v == rule.ipVersion()).orElse(true);
  }

  /**
   * {@code ingress ipv4 rules}, {@code egress rules}, {@code rules}, {@code ingress ipv4 rules with a group
   * remote}: how messages name the scope.
   */
  @Override
  public String toString() {
    return direction.map(d -> d.keyword() + " ").orElse("") + ipVersion.map(v -> v.keyword() + " ").orElse("")
        + "rules" + kind.map(k -> " " + k).orElse("");
  }
}
