package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationWarning;
import java.util.List;

/**
 * The outcome of an authorise or revoke that completed: every authorisation was applied, one call each.
 *
 * @param cacheGroup the cache security group changed
 * @param applied each authorisation applied, in call order, with the rules it carried
 * @param warnings what a lenient translation widened or dropped; empty under {@code STRICT}
 */
public record CacheSecurityGroupChange(
    SecurityGroupRef cacheGroup, List<AppliedAuthorization> applied, List<TranslationWarning> warnings) {
  /** Copies the lists. */
  public CacheSecurityGroupChange {
    requireNonNull(cacheGroup, "cacheGroup");
    applied = List.copyOf(applied);
    warnings = List.copyOf(warnings);
  }

  /** Every caller rule that was applied, in call order. */
  public List<SecurityRule> appliedRules() {
    return applied.stream().flatMap(a -> a.rules().stream()).toList();
  }
}
