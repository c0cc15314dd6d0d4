package io.portcullis.testkit;

import java.util.Optional;

/**
 * The security group a {@link FakeEc2Rule} refers to instead of a CIDR block (EC2's {@code
 * ReferencedGroupInfo}).
 *
 * @param groupId the referenced group's id
 * @param userId the account that owns it (the fake's own account when the request named none)
 * @param vpcId its VPC, when the request gave one (peered VPCs)
 * @param vpcPeeringConnectionId the peering connection, when the request gave one
 */
public record FakeEc2GroupReference(
    String groupId, String userId, Optional<String> vpcId, Optional<String> vpcPeeringConnectionId) {}
