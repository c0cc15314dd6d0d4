package io.portcullis.cli;

import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.SourceLocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where in the rule file a rule of one group was written: the desired rule itself, or the desired rule whose
 * provider form it is part of (EC2 sends {@code tcp 22,80} as two rules, and plans and outcomes name those).
 */
final class RuleLines {
  private final GroupRules group;
  private final Map<SecurityRule, SourceLocation> providerForms = new HashMap<>();

  private RuleLines(GroupRules group) {
    this.group = group;
  }

  /** The lines of the group's own rules only. */
  static RuleLines of(GroupRules group) {
    return new RuleLines(group);
  }

  /** Also the lines of the rules {@code adapter} turns each desired rule into. */
  static RuleLines of(GroupRules group, SecurityGroupRules adapter) {
    RuleLines lines = new RuleLines(group);
    for (int i = 0; i < group.rules().size(); i++) {
      Optional<SourceLocation> at = group.locationOf(i);
      if (at.isEmpty()) {
        return lines;
      }
      List<SecurityRule> form;
      try {
        form = adapter.providerForm(List.of(group.rules().get(i)));
      } catch (RuntimeException e) {
        continue; // a rule the provider cannot express has no provider form; its rejection names the rule
      }
      for (SecurityRule r : form) {
        lines.providerForms.putIfAbsent(r, at.get());
        lines.providerForms.putIfAbsent(r.withoutDescription(), at.get());
      }
    }
    return lines;
  }

  /** Where {@code rule} (desired or provider form) was written, if anywhere. */
  Optional<SourceLocation> of(SecurityRule rule) {
    return group.locationOf(rule).or(() -> Optional.ofNullable(providerForms.get(rule)))
        .or(() -> Optional.ofNullable(providerForms.get(rule.withoutDescription())));
  }

  /** Where the rule with this text form ({@link io.portcullis.core.analysis.Finding#rule()}) was written. */
  Optional<SourceLocation> ofText(String text) {
    List<SecurityRule> rules = group.rules();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).toText().equals(text)) {
        return group.locationOf(i);
      }
    }
    return Optional.empty();
  }
}
