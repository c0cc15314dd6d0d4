package io.portcullis.core.analysis;

import io.portcullis.core.SecurityRule;
import java.util.Optional;

/** {@value #ID} ({@link Severity#HIGH}): an ingress allow of every tcp or udp port from 0.0.0.0/0 or ::/0. */
public final class WorldOpenAllPortsCheck extends PerRuleCheck {
  /** The id of this check's findings. */
  public static final String ID = "world-open-all-ports";

  /** The check. */
  public WorldOpenAllPortsCheck() {
    super(ID, Severity.HIGH);
  }

  @Override
  Optional<Finding> check(SecurityRule rule) {
    if (!isWorldOpenIngressAllow(rule) || !rule.protocol().hasPorts() || !rule.ports().isAll()) {
      return Optional.empty();
    }
    return Optional.of(finding(rule,
        "opens every " + rule.protocol() + " port to every address (" + rule.remote().toText() + ")",
        "list only the ports the service needs, or narrow the source"));
  }
}
