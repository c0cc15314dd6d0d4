package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.Optional;

/**
 * One authorisation that ElastiCache accepted (authorised or revoked), with the caller's rules it carried.
 *
 * @param translated the authorisation sent and the rules it stands for
 * @param provisioned the authorisation as the reply showed it afterwards, with its status (e.g. {@code
 *     authorizing} or {@code revoking}); empty when the reply no longer lists it
 * @param requestId ElastiCache's request id for the call
 */
public record AppliedAuthorization(
    TranslatedAuthorization translated, Optional<ProvisionedRule> provisioned, Optional<String> requestId) {
  /** Checks that no component is null. */
  public AppliedAuthorization {
    requireNonNull(translated, "translated");
    requireNonNull(provisioned, "provisioned");
    requireNonNull(requestId, "requestId");
  }

  /** The authorisation that was applied. */
  public CacheSecurityGroupAuthorization authorization() {
    return translated.authorization();
  }

  /** The caller's rules it carried. */
  public List<SecurityRule> rules() {
    return translated.rules();
  }

  /** ElastiCache's status for the authorisation after the call, if the reply listed it. */
  public Optional<String> status() {
    return provisioned.flatMap(ProvisionedRule::state);
  }
}
