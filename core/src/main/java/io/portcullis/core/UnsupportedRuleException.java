package io.portcullis.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A valid rule that a provider cannot express. Thrown before any call to the provider, naming each
 * rejected rule and why, so that nothing is applied half-way.
 */
public class UnsupportedRuleException extends PortcullisException {
  private final String provider;
  private final List<RuleRejection> rejections;

  /** One exception for every rejected rule of a batch (at least one). */
  public UnsupportedRuleException(String provider, List<RuleRejection> rejections) {
    super(message(provider, rejections));
    this.provider = provider;
    this.rejections = List.copyOf(rejections);
  }

  /** An exception for a single rule. */
  public UnsupportedRuleException(String provider, SecurityRule rule, List<String> reasons) {
    this(provider, List.of(new RuleRejection(rule, reasons)));
  }

  /** The provider that cannot express the rules, e.g. {@code aws-ec2}. */
  public String provider() {
    return provider;
  }

  /** Each rejected rule with its reasons. */
  public List<RuleRejection> rejections() {
    return rejections;
  }

  private static String message(String provider, List<RuleRejection> rejections) {
    if (rejections.isEmpty()) {
      throw new IllegalArgumentException("an UnsupportedRuleException needs at least one rejection");
    }
    return provider + " cannot express " + (rejections.size() == 1 ? "rule " : rejections.size() + " rules: ")
        + rejections.stream().map(RuleRejection::toString).collect(Collectors.joining(" | "));
  }
}
