package io.portcullis.core.analysis;

import io.portcullis.core.SecurityRule;
import java.util.Optional;

/** {@value #ID} ({@link Severity#HIGH}): an ingress allow of protocol any from 0.0.0.0/0 or ::/0. */
public final class WorldOpenAnyProtocolCheck extends PerRuleCheck {
  /** The id of this check's findings. */
  public static final String ID = "world-open-any-protocol";

  /** The check. */
  public WorldOpenAnyProtocolCheck() {
    super(ID, Severity.HIGH);
  }

  @Override
  Optional<Finding> check(SecurityRule rule) {
    if (!isWorldOpenIngressAllow(rule) || !rule.protocol().isAny()) {
      return Optional.empty();
    }
    return Optional.of(finding(rule,
        "allows every protocol and port from every address (" + rule.remote().toText() + ")",
        "allow only the protocols and ports the service needs, e.g. tcp 443"));
  }
}
