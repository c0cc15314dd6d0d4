package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import java.util.List;
import java.util.Optional;

/**
 * An {@code aws ec2 authorize|revoke-security-group-ingress|egress} command read into the neutral model.
 *
 * @param revoke whether the command revokes (otherwise it authorizes)
 * @param direction ingress or egress, from the command name
 * @param group the group of {@code --group-id} / {@code --group-name}, if given
 * @param rules the rules of {@code --ip-permissions} or of the simple options
 * @param dryRun whether {@code --dry-run} was given
 */
public record AwsCliCommand(
    boolean revoke, Direction direction, Optional<SecurityGroupRef> group, List<SecurityRule> rules, boolean dryRun) {
  /** Copies the rules and checks that nothing is null. */
  public AwsCliCommand {
    requireNonNull(direction, "direction");
    requireNonNull(group, "group");
    rules = List.copyOf(rules);
  }
}
