package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.ProviderRuleCounter;
import java.util.Collection;

/** Counts Huawei Cloud v3 rules: one per neutral rule, or one per 20-entry chunk of a longer port list. */
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
}
