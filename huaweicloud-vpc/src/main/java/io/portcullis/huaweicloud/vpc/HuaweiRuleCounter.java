package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.ProviderRuleCounter;
import io.portcullis.core.analysis.QuotaScope;
import io.portcullis.core.analysis.RuleQuota;
import java.util.Collection;

/**
 * Counts Huawei Cloud v3 rules: one per neutral rule, or one per 20-entry chunk of a longer port list. Besides
 * the limit per group, {@link #quota(int)} has the {@link HuaweiRuleLimit} of rules with a group remote or a
 * port list per direction and family; a rule of that kind split into chunks counts all its chunks there (one
 * trailing chunk may be a single range: counted anyway, erring on the safe side).
 */
public final class HuaweiRuleCounter implements ProviderRuleCounter {
  private final HuaweiRuleTranslator translator;

  /** A counter that splits as {@code translator} does. */
  public HuaweiRuleCounter(HuaweiRuleTranslator translator) {
    this.translator = requireNonNull(translator, "translator");
  }

  @Override
  public String provider() {
    return HuaweiCapabilities.PROVIDER;
  }

  @Override
  public int count(Collection<SecurityRule> rules) {
    return rules.stream().mapToInt(r -> translator.split(r).size()).sum();
  }

  /** The scope's direction and family; for the {@link HuaweiRuleLimit} scopes, only the rules of its kind. */
  @Override
  public boolean countsIn(QuotaScope scope, SecurityRule rule) {
    return scope.includes(rule) && (scope.kind().isEmpty() || HuaweiRuleLimit.isLimited(rule));
  }

  /**
   * Huawei's quota: {@code rulesPerGroup} rules per group, and {@value HuaweiRuleLimit#MAX_LIMITED_RULES} rules of
   * the {@link HuaweiRuleLimit} kind per direction and IP family.
   */
  public static RuleQuota quota(int rulesPerGroup) {
    RuleQuota quota = RuleQuota.perGroup(rulesPerGroup);
    for (Direction direction : Direction.values()) {
      for (IpVersion version : IpVersion.values()) {
        quota = quota.with(HuaweiRuleLimit.scope(direction, version), HuaweiRuleLimit.MAX_LIMITED_RULES);
      }
    }
    return quota;
  }
}
