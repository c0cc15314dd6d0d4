package io.portcullis.testkit;

/**
 * An EC2 security group allowed into a cache security group ({@code EC2SecurityGroup} in the ElastiCache API).
 *
 * @param ec2SecurityGroupName the EC2 group's name
 * @param ec2SecurityGroupOwnerId the account that owns the EC2 group
 * @param status {@code authorizing} until the next DescribeCacheSecurityGroups, then {@code authorized};
 *     a revoke reply shows {@code revoking}
 */
public record FakeCacheAuthorization(String ec2SecurityGroupName, String ec2SecurityGroupOwnerId, String status) {
  /** The status of a new authorisation. */
  public static final String AUTHORIZING = "authorizing";
  /** The status once the authorisation took effect. */
  public static final String AUTHORIZED = "authorized";
  /** The status a revoke reply shows for the authorisation it removed. */
  public static final String REVOKING = "revoking";

  /** Whether this authorises the same EC2 group as {@code other}, whatever the statuses. */
  boolean sameGroupAs(FakeCacheAuthorization other) {
    return ec2SecurityGroupName.equals(other.ec2SecurityGroupName)
        && ec2SecurityGroupOwnerId.equals(other.ec2SecurityGroupOwnerId);
  }

  /** This authorisation with another status. */
  FakeCacheAuthorization withStatus(String newStatus) {
    return new FakeCacheAuthorization(ec2SecurityGroupName, ec2SecurityGroupOwnerId, newStatus);
  }
}
