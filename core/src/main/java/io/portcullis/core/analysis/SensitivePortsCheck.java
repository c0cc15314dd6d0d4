package io.portcullis.core.analysis;

import io.portcullis.core.SecurityRule;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * World-open ingress allow rules whose port list names some of a set of sensitive ports. Rules for all ports or
 * protocol any are left to {@link WorldOpenAllPortsCheck} and {@link WorldOpenAnyProtocolCheck}, so that a rule
 * gets one finding for one mistake.
 */
abstract class SensitivePortsCheck extends PerRuleCheck {
  private final Map<Integer, String> ports;
  private final String what;
  private final String fix;

  /**
   * @param id the check's id
   * @param ports each sensitive port with the service usually behind it, in the order to list them
   * @param what how to call the ports in the message, e.g. {@code remote-administration}
   * @param fix how to fix a finding
   */
  SensitivePortsCheck(String id, Map<Integer, String> ports, String what, String fix) {
    super(id, Severity.HIGH);
    this.ports = ports;
    this.what = what;
    this.fix = fix;
  }

  @Override
  Optional<Finding> check(SecurityRule rule) {
    if (!isWorldOpenIngressAllow(rule) || !rule.protocol().hasPorts() || rule.ports().isAll()) {
      return Optional.empty();
    }
    String open = ports.entrySet().stream()
        .filter(e -> rule.ports().contains(e.getKey()))
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    if (open.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(finding(rule,
        "opens " + what + " port(s) " + open + " to every address (" + rule.remote().toText() + ")", fix));
  }
}
