package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.Protocol;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import java.util.regex.Pattern;

/**
 * One ElastiCache cache-security-group authorisation: the whole EC2 security group {@code
 * ec2SecurityGroupName}, owned by account {@code ec2SecurityGroupOwnerId}, may reach the cache. This is all an
 * authorisation holds: no protocol, ports, CIDR, direction or description.
 *
 * @param ec2SecurityGroupName the EC2 group's name ({@code EC2SecurityGroupName})
 * @param ec2SecurityGroupOwnerId the AWS account number that owns the EC2 group ({@code EC2SecurityGroupOwnerId})
 */
public record CacheSecurityGroupAuthorization(String ec2SecurityGroupName, String ec2SecurityGroupOwnerId) {
  /** An account number written in groups of four, as in ElastiCache's own example ({@code 1234-5678-1234}). */
  private static final Pattern DASHED_ACCOUNT = Pattern.compile("\\d{4}-\\d{4}-\\d{4}");

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

  /**
   * This authorisation with the owner as ElastiCache reports it: an account number written {@code 1234-5678-1234}
   * becomes {@code 123456781234} (the same account); any other owner is kept as it is.
   */
  public CacheSecurityGroupAuthorization withReportedOwner() {
    return DASHED_ACCOUNT.matcher(ec2SecurityGroupOwnerId).matches()
        ? new CacheSecurityGroupAuthorization(ec2SecurityGroupName, ec2SecurityGroupOwnerId.replace("-", ""))
        : this;
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
