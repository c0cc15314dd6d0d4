package io.portcullis.core.analysis;

import io.portcullis.core.Action;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.Optional;

/** A check that looks at one rule at a time, with the helpers the built-in checks share. */
abstract class PerRuleCheck implements LintCheck {
  private final String id;
  private final Severity severity;

  PerRuleCheck(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  @Override
  public final String id() {
    return id;
  }

  /** The finding for {@code rule}, if any. */
  abstract Optional<Finding> check(SecurityRule rule);

  @Override
  public List<Finding> check(LintContext context) {
    return context.rules().stream().map(this::check).flatMap(Optional::stream).toList();
  }

  Finding finding(SecurityRule rule, String message, String fix) {
    return new Finding(id, severity, rule.toText(), message, fix);
  }

  /** Whether {@code rule} allows inbound traffic from every address of its family (0.0.0.0/0 or ::/0). */
  static boolean isWorldOpenIngressAllow(SecurityRule rule) {
    return rule.direction() == Direction.INGRESS
        && rule.action() == Action.ALLOW
        && rule.remote() instanceof CidrBlock cidr
        && cidr.isAnyAddress();
  }
}
