package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationWarning;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * Neutral rules translated for EC2: the permissions for the ingress call and for the egress call, the rules as
 * they were translated (after a lenient policy dropped what EC2 cannot carry), and a warning for each such drop.
 *
 * @param ingress the permissions for AuthorizeSecurityGroupIngress / RevokeSecurityGroupIngress
 * @param egress the permissions for AuthorizeSecurityGroupEgress / RevokeSecurityGroupEgress
 * @param rules the translated rules, duplicates removed, in the order given
 * @param warnings what a lenient translation dropped; empty under the strict policy
 */
public record Ec2Translation(
    List<IpPermission> ingress, List<IpPermission> egress, List<SecurityRule> rules,
    List<TranslationWarning> warnings) {
  /** Copies the lists. */
  public Ec2Translation {
    ingress = List.copyOf(requireNonNull(ingress, "ingress"));
    egress = List.copyOf(requireNonNull(egress, "egress"));
    rules = List.copyOf(requireNonNull(rules, "rules"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
  }

  /** The permissions of one direction. */
  public List<IpPermission> permissions(Direction direction) {
    return direction == Direction.INGRESS ? ingress : egress;
  }

  /** The translated rules of one direction. */
  public List<SecurityRule> rules(Direction direction) {
    return rules.stream().filter(r -> r.direction() == direction).toList();
  }
}
