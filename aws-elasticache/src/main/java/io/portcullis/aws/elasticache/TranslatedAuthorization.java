package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityRule;
import java.util.List;

/**
 * An authorisation together with the caller's rules it carries. Usually one rule; several when rules that differ
 * only in what a lenient translation widened or dropped (ports, protocol, description) come down to the same EC2
 * group, which ElastiCache takes once.
 *
 * @param authorization what is sent to ElastiCache
 * @param rules the caller's rules, as given, that this authorisation stands for (at least one)
 */
public record TranslatedAuthorization(CacheSecurityGroupAuthorization authorization, List<SecurityRule> rules) {
  /** Copies the rules and checks that there is at least one. */
  public TranslatedAuthorization {
    requireNonNull(authorization, "authorization");
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("an authorisation stands for at least one rule");
    }
  }

  @Override
  public String toString() {
    return authorization + " " + rules;
  }
}
