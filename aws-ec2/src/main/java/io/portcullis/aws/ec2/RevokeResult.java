package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationWarning;
import java.util.List;

/**
 * What a revoke did. Rules are reported one per port range, as EC2 holds them: a rule with the port list {@code
 * 22,80} is reported as {@code 22} and {@code 80}, each revoked or not on its own.
 *
 * @param revoked the rules EC2 confirmed as revoked
 * @param notRevoked the rules EC2 did not revoke: reported back as unknown, or all rules of a call that returned
 *     false
 * @param revokedRules the revoked rules with their {@code sgr-} ids, where EC2 reports them
 * @param warnings what a lenient translation dropped before the call
 */
public record RevokeResult(List<SecurityRule> revoked, List<SecurityRule> notRevoked,
    List<ProvisionedRule> revokedRules, List<TranslationWarning> warnings) {
  /** Copies the lists. */
  public RevokeResult {
    revoked = List.copyOf(requireNonNull(revoked, "revoked"));
    notRevoked = List.copyOf(requireNonNull(notRevoked, "notRevoked"));
    revokedRules = List.copyOf(requireNonNull(revokedRules, "revokedRules"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
  }

  /** Whether every requested rule was revoked. */
  public boolean complete() {
    return notRevoked.isEmpty();
  }
}
