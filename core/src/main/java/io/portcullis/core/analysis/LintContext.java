package io.portcullis.core.analysis;

import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.SecurityRule;
import java.util.List;

/**
 * What a {@link LintCheck} looks at: the rules of one security group, in their given order, and the providers
 * they are meant for.
 *
 * @param rules the rules of one group
 * @param targets the capabilities of the provider(s) the rules will be applied to; may be empty
 */
public record LintContext(List<SecurityRule> rules, List<ProviderCapabilities> targets) {
  /** Copies both lists. */
  public LintContext {
    rules = List.copyOf(rules);
    targets = List.copyOf(targets);
  }
}
