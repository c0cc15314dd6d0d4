package io.portcullis.huaweicloud.vpc;

import io.portcullis.core.Action;
import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.Protocol;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Server-side filters for listing the rules of a security group (v3 list query parameters). Empty sets and
 * absent values do not filter; several values of a set match any of them.
 */
@Value.Immutable
public abstract class RuleListFilter {
  private static final RuleListFilter NONE = builder().build();

  RuleListFilter() {}

  /** A builder; nothing filters unless set. */
  public static Builder builder() {
    return new Builder();
  }

  /** No filter: every rule of the group. */
  public static RuleListFilter none() {
    return NONE;
  }

  /** Only rules of this direction. */
  public abstract Optional<Direction> direction();

  /** Only rules with this action. */
  public abstract Optional<Action> action();

  /** Only rules of these protocols; {@link Protocol#ANY} cannot be filtered on (v3 stores it as empty). */
  public abstract Set<Protocol> protocols();

  /** Only rules of these IP families. */
  public abstract Set<IpVersion> ipVersions();

  /** Only rules with these priorities. */
  public abstract Set<Integer> priorities();

  /** Only rules whose remote is one of these security groups. */
  public abstract Set<String> remoteGroupIds();

  /** Only rules whose remote is one of these address groups. */
  public abstract Set<String> remoteAddressGroupIds();

  /** Only rules whose remote is this IP prefix. */
  public abstract Optional<String> remoteIpPrefix();

  /** Only rules with one of these descriptions. */
  public abstract Set<String> descriptions();

  /** Only the rules with these ids. */
  public abstract Set<String> ids();

  /** Rules per page, 1-2000; the server's default unless set. */
  public abstract Optional<Integer> pageSize();

  @Value.Check
  void validate() {
    if (protocols().contains(Protocol.ANY)) {
      throw new IllegalArgumentException("v3 cannot filter on protocol any (it stores it as an empty protocol)");
    }
    priorities().stream().filter(p -> p < 1 || p > 100).findFirst().ifPresent(p -> {
      throw new IllegalArgumentException("a priority filter 1-100, not " + p);
    });
    pageSize().filter(n -> n < 1 || n > 2000).ifPresent(n -> {
      throw new IllegalArgumentException("a page size 1-2000, not " + n);
    });
  }

  /** Builds {@link RuleListFilter}s. */
  public static final class Builder extends ImmutableRuleListFilter.Builder {
    Builder() {}
  }
}
