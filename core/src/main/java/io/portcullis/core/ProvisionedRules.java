package io.portcullis.core;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of a group's listing, for adapter implementers: a listing that holds one rule id twice or a rule of
 * another group is a {@link ProviderReplyException}, so no plan is ever made (and nothing deleted) from it.
 */
public final class ProvisionedRules {
  private ProvisionedRules() {}

  /**
   * Returns {@code rules} if each provider id occurs once and every rule that names its group names {@code
   * groupId}.
   *
   * @throws ProviderReplyException naming the repeated id or the foreign rule
   */
  public static List<ProvisionedRule> requireTrustworthy(String provider, String operation, String groupId,
      List<ProvisionedRule> rules) {
    Set<String> ids = new HashSet<>();
    for (ProvisionedRule rule : rules) {
      if (!ids.add(rule.providerId())) {
        throw new ProviderReplyException(provider, operation, "rule id",
            "the listing of " + groupId + " holds rule " + rule.providerId() + " twice", Optional.empty());
      }
      if (rule.groupId().isPresent() && !rule.groupId().get().equals(groupId)) {
        throw new ProviderReplyException(provider, operation, "group id",
            "the listing of " + groupId + " holds rule " + rule.providerId() + " of group " + rule.groupId().get(),
            Optional.empty());
      }
    }
    return List.copyOf(rules);
  }
}
