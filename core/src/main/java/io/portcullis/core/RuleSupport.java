package io.portcullis.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Rejects a batch of rules as a whole: shared by {@link ProviderCapabilities#requireSupported(Collection)} and
 * adapters whose check depends on more than the capabilities (e.g. a {@link TranslationPolicy}).
 */
public final class RuleSupport {
  private RuleSupport() {}

  /**
   * Applies {@code reasons} to every rule and throws one {@link UnsupportedRuleException} naming each rule with at
   * least one reason, in the order given; returns normally when every rule is supported.
   */
  public static void requireSupported(
      String provider, Collection<SecurityRule> rules, Function<SecurityRule, List<String>> reasons) {
    List<RuleRejection> rejections = new ArrayList<>();
    for (SecurityRule rule : rules) {
      List<String> why = reasons.apply(rule);
      if (!why.isEmpty()) {
        rejections.add(new RuleRejection(rule, why));
      }
    }
    if (!rejections.isEmpty()) {
      throw new UnsupportedRuleException(provider, rejections);
    }
  }
}
