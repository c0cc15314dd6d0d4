package io.portcullis.huaweicloud.vpc;

import io.portcullis.core.AddressGroupRemote;
import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.QuotaScope;

/**
 * Huawei Cloud's second rule limit: per direction and IP family, at most {@value #MAX_LIMITED_RULES} rules with
 * a security-group or address-group remote or a non-contiguous port list take effect. Rules beyond it are
 * accepted by the API and silently do nothing, so Portcullis checks the limit before applying ({@link
 * HuaweiSecurityGroupRules#quota()}) and lints it ({@link HuaweiRuleLimitCheck}).
 */
public final class HuaweiRuleLimit {
  /** The most rules of the limited kind that take effect per direction and IP family. */
  public static final int MAX_LIMITED_RULES = 128;
  /** How messages name the limited kind of rule. */
  public static final String KIND = "with a group or address-group remote or non-contiguous ports";

  private HuaweiRuleLimit() {}

  /** Whether a rule (in Huawei's form, one rule per 20-entry chunk) counts against the limit. */
  public static boolean isLimited(SecurityRule rule) {
    return rule.remote() instanceof SecurityGroupRemote || rule.remote() instanceof AddressGroupRemote
        || !rule.ports().isContiguous();
  }

  /** The limit's scope for one direction and family, as a {@link io.portcullis.core.analysis.RuleQuota} has it. */
  static QuotaScope scope(Direction direction, IpVersion version) {
    return QuotaScope.of(direction, version).ofKind(KIND);
  }
}
