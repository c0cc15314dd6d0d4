package io.portcullis.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One provider-neutral firewall rule: direction, action, protocol, ports or ICMP match, remote, optional
 * priority and description. Building a rule validates every field and every combination, and reports all
 * problems together in one {@link InvalidRuleException}.
 *
 * <p>Its text form ({@link #toString()}, {@link #parse(String)}) is one line, e.g. {@code ingress allow tcp
 * 22,8000-8080 from 203.0.113.0/24 priority 10 "admin ssh"}; parsing the text of a rule gives back an equal
 * rule. {@link #tags()} are metadata beside the rule, outside its text form and equality.
 */
@Value.Immutable(lazyhash = true)
public abstract class SecurityRule {
  // withoutDescription(), built once: planning and the checks ask every rule for it, and a rule never changes.
  private SecurityRule meaning;

  SecurityRule() {}

  /** A builder; direction, protocol and remote are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses the one-line text form.
   *
   * @throws RuleSyntaxException with the column and what was expected, if the text is not in the form
   * @throws InvalidRuleException with every problem, if the text is well formed but describes an invalid rule
   */
  public static SecurityRule parse(String text) {
    return new RuleTextParser(text).parse();
  }

  /** Inbound or outbound. */
  public abstract Direction direction();

  /** Allow (the default) or deny. */
  @Value.Default
  public Action action() {
    return Action.ALLOW;
  }

  /** The IP protocol. */
  public abstract Protocol protocol();

  /** The ports (tcp and udp only); all ports unless set. */
  @Value.Default
  public PortSet ports() {
    return PortSet.all();
  }

  /** The ICMP type and code (icmp and icmpv6 only); any unless set. */
  @Value.Default
  public IcmpMatch icmp() {
    return IcmpMatch.any();
  }

  /** The source (ingress) or destination (egress). */
  public abstract Remote remote();

  /** The priority 1-100, 1 the highest, for providers that order rules. */
  public abstract Optional<Integer> priority();

  /** A description of at most 255 characters. */
  public abstract Optional<String> description();

  /**
   * Tags for the rule at providers that tag rules (EC2 {@code security-group-rule} tags); empty when not managed.
   * Metadata, not meaning: tags take no part in equality, matching, compaction or lint, and are not in the text
   * form. A provider without rule tags rejects a rule that has some.
   */
  @Value.Auxiliary
  public abstract Map<String, String> tags();

  /** The rule's IP family, which follows from its remote. */
  public IpVersion ipVersion() {
    return remote().ipVersion();
  }

  /** A builder holding this rule's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** This rule without its description: what the rule means, for matching rules across providers. */
  public SecurityRule withoutDescription() {
    SecurityRule m = meaning;
    if (m == null) {
      m = description().isEmpty() ? this : ((ImmutableSecurityRule) this).withDescription(Optional.empty());
      meaning = m;
    }
    return m;
  }

  @Value.Check
  void validate() {
    List<Violation> violations = new ArrayList<>();
    RuleValidator.check(violations, protocol(), ports(), icmp(), remote(), priority(), description());
    Tags.check(violations, tags());
    if (!violations.isEmpty()) {
      throw new InvalidRuleException(violations);
    }
  }

  /** The one-line text form, which {@link #parse(String)} reads back into an equal rule. */
  public String toText() {
    return RuleTextFormat.format(this);
  }

  /** The same as {@link #toText()}. */
  @Override
  public String toString() {
    return toText();
  }

  /** Builds {@link SecurityRule}s. */
  public static final class Builder extends ImmutableSecurityRule.Builder {
    Builder() {}
  }
}
