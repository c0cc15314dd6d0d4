package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.Protocol;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;

/**
 * One ElastiCache cache-security-group authorisation: the whole EC2 security group {@code
 * ec2SecurityGroupName}, owned by account {@code ec2SecurityGroupOwnerId}, may reach the cache. This is all an
 * authorisation holds: no protocol, ports, CIDR, direction or description.
 *
 * @param ec2SecurityGroupName the EC2 group's name ({@code EC2SecurityGroupName})
 * @param ec2SecurityGroupOwnerId the AWS account number that owns the EC2 group ({@code EC2SecurityGroupOwnerId})
 */
public record CacheSecurityGroupAuthorization(String ec2SecurityGroupName, String ec2SecurityGroupOwnerId) {
  /** Checks that both parts are present and not blank. */
  public CacheSecurityGroupAuthorization {
    requireNonNull(ec2SecurityGroupName, "ec2SecurityGroupName");
    requireNonNull(ec2SecurityGroupOwnerId, "ec2SecurityGroupOwnerId");
    if (ec2SecurityGroupName.isBlank() || ec2SecurityGroupOwnerId.isBlank()) {
      throw new IllegalArgumentException("an authorisation needs an EC2 group name and an owner account");
    }
  }

  /**
   * The stable id Portcullis gives the authorisation, {@code <ownerId>/<groupName>}: ElastiCache has no id of its
   * own for it, and the pair is unique within a cache security group.
   */
  public String providerId() {
    return ec2SecurityGroupOwnerId + "/" + ec2SecurityGroupName;
  }

  /** The authorisation as a neutral rule: {@code ingress allow any from group-name <name> owner <owner>}. */
  public SecurityRule toRule() {
    return SecurityRule.builder()
        .direction(Direction.INGRESS)
        .protocol(Protocol.ANY)
        .remote(SecurityGroupRemote.builder()
            .groupName(ec2SecurityGroupName)
            .ownerId(ec2SecurityGroupOwnerId)
            .build())
        .build();
  }

  /** {@link #providerId()}. */
  @Override
  public String toString() {
    return providerId();
  }
}
