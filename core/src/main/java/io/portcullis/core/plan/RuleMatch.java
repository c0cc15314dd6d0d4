package io.portcullis.core.plan;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether a rule a provider reports is a rule that was asked for, ignoring what the provider adds: a group
 * reference asked for by id comes back with its owner account (EC2 {@code UserId}), its VPC or its name. Used to
 * settle a call by re-reading the group, where exact equality would call an applied change failed.
 */
public final class RuleMatch {
  private RuleMatch() {}

  /**
   * Whether {@code reported} is {@code wanted}, description (and tags, when {@code wanted} has some) included, once
   * the provider's additions are ignored.
   */
  public static boolean same(SecurityRule wanted, SecurityRule reported) {
    if (RuleUpdate.tagsDiffer(reported, wanted)) {
      return false; // tags are not part of equality, but a rule wanted with tags is in place only with them
    }
    if (wanted.equals(reported)) {
      return true;
    }
    if (wanted.remote() instanceof SecurityGroupRemote w && reported.remote() instanceof SecurityGroupRemote r) {
      if (w.groupId().isPresent() && r.groupId().isEmpty() || w.groupName().isPresent() && r.groupName().isEmpty()) {
        return false;
      }
      SecurityGroupRemote projected = SecurityGroupRemote.builder().from(r)
          .groupId(w.groupId().isPresent() ? r.groupId() : Optional.empty())
          .groupName(w.groupName().isPresent() ? r.groupName() : Optional.empty())
          .ownerId(w.ownerId().isPresent() ? r.ownerId() : Optional.empty())
          .vpcId(w.vpcId().isPresent() ? r.vpcId() : Optional.empty())
          .vpcPeeringConnectionId(w.vpcPeeringConnectionId().isPresent() ? r.vpcPeeringConnectionId()
              : Optional.empty())
          .build();
      return wanted.equals(reported.toBuilder().remote(projected).build());
    }
    return false;
  }

  /** The first of {@code rules} that is {@code wanted}. */
  public static Optional<ProvisionedRule> find(SecurityRule wanted, Collection<ProvisionedRule> rules) {
    return rules.stream().filter(p -> same(wanted, p.rule())).findFirst();
  }
}
