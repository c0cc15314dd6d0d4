package io.portcullis.rulefile;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.PlanMode;
import java.util.List;

/**
 * The desired rules of one security group at one provider, as a rule file gives them.
 *
 * @param provider the adapter's provider name, e.g. {@code aws-ec2}
 * @param group the group
 * @param mode additive (the default) or authoritative
 * @param rules the desired rules, in file order
 * @param line the line of the file where the group's entry starts
 */
public record GroupRules(String provider, SecurityGroupRef group, PlanMode mode, List<SecurityRule> rules, int line) {
  /** Copies the rules. */
  public GroupRules {
    requireNonNull(provider, "provider");
    requireNonNull(group, "group");
    requireNonNull(mode, "mode");
    rules = List.copyOf(rules);
  }
}
