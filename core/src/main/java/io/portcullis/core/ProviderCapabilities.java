package io.portcullis.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.immutables.value.Value;

/**
 * What a provider can express. {@link #check(SecurityRule)} lists the reasons a rule cannot be expressed,
 * and adapters call {@link #requireSupported(Collection)} before any call, so an unsupported rule never
 * reaches the provider. Anything an adapter can translate faithfully (such as splitting a port list) counts as
 * expressible.
 */
@Value.Immutable
public abstract class ProviderCapabilities {
  private static final Predicate<Character> ANY_CHARACTER = c -> true;

  ProviderCapabilities() {}

  /** A builder; every capability defaults to "not supported" except the description rules. */
  public static Builder builder() {
    return new Builder();
  }

  /** The adapter's provider name, e.g. {@code aws-ec2}; used in exceptions. */
  public abstract String provider();

  /** How the provider's rules are called in messages, e.g. {@code EC2 security groups}. */
  public abstract String displayName();

  /** Whether DENY rules exist. */
  @Value.Default
  public boolean deny() {
    return false;
  }

  /** Whether rules carry a priority. */
  @Value.Default
  public boolean priority() {
    return false;
  }

  /** Whether egress rules exist. */
  @Value.Default
  public boolean egress() {
    return false;
  }

  /** Whether a non-contiguous port list can be expressed (natively or by splitting). */
  @Value.Default
  public boolean multiport() {
    return false;
  }

  /** Whether IPv6 rules exist. */
  @Value.Default
  public boolean ipv6() {
    return false;
  }

  /** Whether protocols other than tcp, udp, icmp, icmpv6 and any can be given by number. */
  @Value.Default
  public boolean protocolNumbers() {
    return false;
  }

  /** Whether a specific ICMP type and code can be matched. */
  @Value.Default
  public boolean icmpTypeCode() {
    return false;
  }

  /** Whether rules carry tags ({@link SecurityRule#tags()}); a rule with tags is rejected where they do not. */
  @Value.Default
  public boolean ruleTags() {
    return false;
  }

  /** The kinds of remote the provider accepts. */
  public abstract Set<RemoteKind> remoteKinds();

  /** The longest description accepted; 0 when rules carry no description. */
  @Value.Default
  public int maxDescriptionLength() {
    return 255;
  }

  /**
   * The characters a description may contain (a plain {@link Predicate}, so any character test fits, Guava's
   * {@code CharMatcher} included).
   */
  @Value.Default
  public Predicate<Character> descriptionCharacters() {
    return ANY_CHARACTER;
  }

  /** The description characters in words, for messages; empty when any character is accepted. */
  @Value.Default
  public String descriptionCharactersText() {
    return "";
  }

  /** Every reason this provider cannot express {@code rule}; empty when it can. */
  public List<String> check(SecurityRule rule) {
    List<String> reasons = new ArrayList<>();
    String who = displayName();
    if (!deny() && rule.action() == Action.DENY) {
      reasons.add(who + " only allow traffic: a deny rule has no equivalent");
    }
    if (!priority() && rule.priority().isPresent()) {
      reasons.add(who + " have no rule priority: priority " + rule.priority().get() + " cannot be expressed");
    }
    if (!egress() && rule.direction() == Direction.EGRESS) {
      reasons.add(who + " have no egress rules");
    }
    if (!multiport() && !rule.ports().isContiguous()) {
      reasons.add(who + " take one contiguous port range per rule, not " + rule.ports());
    }
    if (!ipv6() && rule.ipVersion() == IpVersion.IPV6) {
      reasons.add(who + " have no IPv6 rules");
    }
    if (!protocolNumbers() && !rule.protocol().isNamed()) {
      reasons.add(who + " take only tcp, udp, icmp, icmpv6 or any, not protocol " + rule.protocol());
    }
    if (!icmpTypeCode() && !rule.icmp().isAny()) {
      reasons.add(who + " cannot match an ICMP type or code (" + rule.icmp() + "); only all ICMP");
    }
    if (!remoteKinds().contains(rule.remote().kind())) {
      reasons.add(who + " cannot use " + describe(rule.remote().kind()) + " as the remote (" + rule.remote().toText()
          + ")");
    }
    rule.description().ifPresent(d -> checkDescription(reasons, d));
    if (!ruleTags() && !rule.tags().isEmpty()) {
      reasons.add(who + " have no rule tags: tags " + new TreeMap<>(rule.tags()) + " cannot be expressed");
    }
    return reasons;
  }

  private void checkDescription(List<String> reasons, String d) {
    if (maxDescriptionLength() == 0) {
      reasons.add(displayName() + " have no rule descriptions");
    } else if (d.length() > maxDescriptionLength()) {
      reasons.add(displayName() + " take descriptions of at most " + maxDescriptionLength() + " characters");
    }
    Predicate<Character> allowed = descriptionCharacters();
    int i = 0;
    while (i < d.length() && allowed.test(d.charAt(i))) {
      i++;
    }
    if (i < d.length()) {
      // Rare, so only then the stream that lists each rejected character once.
      String bad = d.chars().filter(c -> !allowed.test((char) c)).distinct()
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      reasons.add(displayName() + " reject the description character(s) '" + bad
          + "'; allowed: " + descriptionCharactersText());
    }
  }

  private static String describe(RemoteKind kind) {
    return switch (kind) {
      case CIDR -> "a CIDR block";
      case SECURITY_GROUP -> "a security group";
      case ADDRESS_GROUP -> "an address group";
      case PREFIX_LIST -> "a prefix list";
    };
  }

  /**
   * Checks every rule and throws one {@link UnsupportedRuleException} naming each rule this provider cannot
   * express, with its reasons.
   */
  public void requireSupported(Collection<SecurityRule> rules) {
    requireSupported(provider(), rules, this::check);
  }

  /**
   * Checks every rule with {@code check} (for adapters whose checks go beyond the capabilities) and throws one
   * {@link UnsupportedRuleException} for {@code provider} naming each rule it rejects, with its reasons.
   */
  public static void requireSupported(String provider, Collection<SecurityRule> rules,
      Function<SecurityRule, List<String>> check) {
    List<RuleRejection> rejections = new ArrayList<>();
    for (SecurityRule rule : rules) {
      List<String> reasons = check.apply(rule);
      if (!reasons.isEmpty()) {
        rejections.add(new RuleRejection(rule, reasons));
      }
    }
    if (!rejections.isEmpty()) {
      throw new UnsupportedRuleException(provider, rejections);
    }
  }

  /** Builds {@link ProviderCapabilities}. */
  public static final class Builder extends ImmutableProviderCapabilities.Builder {
    Builder() {}
  }
}
