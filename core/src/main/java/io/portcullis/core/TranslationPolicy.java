package io.portcullis.core;

/**
 * How an adapter treats a part of a rule its provider cannot carry but that it could drop or widen without
 * changing what the rule is for (e.g. a priority on EC2, ports on an ElastiCache authorisation).
 */
public enum TranslationPolicy {
  /** Reject the rule with an {@link UnsupportedRuleException} (the default). */
  STRICT,
  /** Drop or widen the part and record a {@link TranslationWarning}; chosen explicitly by the caller. */
  LENIENT
}
