package io.portcullis.testkit;

import java.util.List;

/**
 * A cache security group as {@link FakeElastiCache} keeps it.
 *
 * @param name the name, lowercase as ElastiCache stores it
 * @param description the description
 * @param ownerId the owning account
 * @param ec2SecurityGroups the EC2 groups allowed in, oldest first
 */
public record FakeCacheSecurityGroup(
    String name, String description, String ownerId, List<FakeCacheAuthorization> ec2SecurityGroups) {
  /** Copies the list. */
  public FakeCacheSecurityGroup {
    ec2SecurityGroups = List.copyOf(ec2SecurityGroups);
  }

  /** This group with other authorisations. */
  FakeCacheSecurityGroup withAuthorizations(List<FakeCacheAuthorization> authorizations) {
    return new FakeCacheSecurityGroup(name, description, ownerId, authorizations);
  }
}
