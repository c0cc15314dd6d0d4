package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import java.util.List;

/**
 * What was created for one requested rule: one Huawei rule, or several when its port list was split.
 *
 * @param requested the rule as the caller gave it
 * @param created the Huawei rules created for it, with their ids, in port order
 */
public record CreatedRules(SecurityRule requested, List<ProvisionedRule> created) {
  /** Copies the list and checks that nothing is null. */
  public CreatedRules {
    requireNonNull(requested, "requested");
    created = List.copyOf(created);
  }

  /** The Huawei ids of the created rules. */
  public List<String> ids() {
    return created.stream().map(ProvisionedRule::providerId).toList();
  }
}
