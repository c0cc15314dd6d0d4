package io.portcullis.core.analysis;

import inet.ipaddr.IPAddress;
import io.portcullis.core.Action;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@value #ID} ({@link Severity#MEDIUM}): an ingress allow from a very broad CIDR block that is not inside a
 * private range: a prefix shorter than /8 for IPv4 or /32 for IPv6. Such a block is almost certainly a typo or
 * an attempt to say "everyone" without writing 0.0.0.0/0.
 *
 * <p>A /0 is left to the world-open checks: allowing everyone to a public port (tcp 443 from 0.0.0.0/0) is
 * normal, and the risky cases (administration and database ports, all ports, any protocol) have their own
 * checks. Private ranges are RFC 1918 (10/8, 172.16/12, 192.168/16), carrier-grade NAT (100.64/10), loopback
 * (127/8, ::1), link-local (169.254/16, fe80::/10) and unique local IPv6 (fc00::/7); a block counts as private
 * only when it lies wholly inside one of them.
 */
public final class BroadPublicCidrCheck extends PerRuleCheck {
  /** The id of this check's findings. */
  public static final String ID = "broad-public-cidr";
  /** Prefixes shorter than this are very broad for IPv4. */
  public static final int MIN_IPV4_PREFIX = 8;
  /** Prefixes shorter than this are very broad for IPv6. */
  public static final int MIN_IPV6_PREFIX = 32;

  private static final List<IPAddress> PRIVATE = Stream.of(
          "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
          "fc00::/7", "::1/128", "fe80::/10")
      .map(c -> CidrBlock.parse(c).toIpAddress())
      .toList();

  /** The check. */
  public BroadPublicCidrCheck() {
    super(ID, Severity.MEDIUM);
  }

  @Override
  Optional<Finding> check(SecurityRule rule) {
    if (rule.direction() != Direction.INGRESS || rule.action() != Action.ALLOW
        || !(rule.remote() instanceof CidrBlock cidr)) {
      return Optional.empty();
    }
    int min = cidr.ipVersion() == IpVersion.IPV4 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
    if (cidr.isAnyAddress() || cidr.prefixLength() >= min || isPrivate(cidr)) {
      return Optional.empty();
    }
    return Optional.of(finding(rule,
        "allows a very broad public block " + cidr + " (shorter than /" + min + ")",
        "allow only the networks that need access; if everyone is meant, say so with "
            + (cidr.ipVersion() == IpVersion.IPV4 ? "0.0.0.0/0" : "::/0") + " on a public port"));
  }

  /** Whether the block lies wholly inside one of the private ranges. */
  static boolean isPrivate(CidrBlock cidr) {
    IPAddress block = cidr.toIpAddress();
    return PRIVATE.stream().anyMatch(p -> p.getIPVersion() == block.getIPVersion() && p.contains(block));
  }
}
