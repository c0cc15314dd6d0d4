package io.portcullis.testkit;

import java.util.List;
import java.util.Locale;

/**
 * A cache cluster seeded into {@link FakeElastiCache}, for DescribeCacheClusters: the cache security groups it
 * uses (clusters outside a VPC) and the EC2 security groups it uses (clusters in a VPC).
 *
 * @param id the cluster id
 * @param cacheSecurityGroupNames the cache security groups (lowercase names)
 * @param vpcSecurityGroupIds the EC2 security group ids
 */
public record FakeCacheCluster(String id, List<String> cacheSecurityGroupNames, List<String> vpcSecurityGroupIds) {
  /** Copies the lists; cache security group names are lowercased, as ElastiCache stores them. */
  public FakeCacheCluster {
    cacheSecurityGroupNames = cacheSecurityGroupNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds);
  }
}
