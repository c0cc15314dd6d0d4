package io.portcullis.aws.elasticache;

import io.portcullis.core.ProviderPages;
import io.portcullis.core.ProviderReplyException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;

/**
 * The ElastiCache listings the group services read besides a group's rules, through {@link ProviderPages} rather
 * than the SDK's paginators, which follow a repeated marker for ever: a null entry or one without its name is a
 * reply not to trust.
 */
final class ElastiCacheListings {
  private ElastiCacheListings() {}

  /** DescribeCacheSecurityGroups, every page. */
  static List<CacheSecurityGroup> cacheSecurityGroups(ElastiCacheClient client) {
    String operation = "DescribeCacheSecurityGroups";
    List<CacheSecurityGroup> groups = new ProviderPages(CacheSecurityGroupRuleTranslator.PROVIDER, operation,
        ProviderPages.DEFAULT_MAX_PAGES).collect(marker -> {
          var page = ElastiCacheErrors.call(operation,
              () -> client.describeCacheSecurityGroups(r -> r.marker(marker.orElse(null))));
          return new ProviderPages.Page<>(page.cacheSecurityGroups(), Optional.ofNullable(page.marker()),
              Optional.ofNullable(page.responseMetadata().requestId()));
        });
    return ProviderReplyException.requireEach(CacheSecurityGroupRuleTranslator.PROVIDER, operation,
        "CacheSecurityGroups", groups, "CacheSecurityGroupName", CacheSecurityGroup::cacheSecurityGroupName);
  }

  /** DescribeCacheClusters, every page, of one cluster or (with a null id) all. */
  static List<CacheCluster> cacheClusters(ElastiCacheClient client, String cacheClusterId) {
    String operation = "DescribeCacheClusters";
    List<CacheCluster> clusters = new ProviderPages(CacheSecurityGroupRuleTranslator.PROVIDER, operation,
        ProviderPages.DEFAULT_MAX_PAGES).collect(marker -> {
          var page = ElastiCacheErrors.call(operation, () -> client.describeCacheClusters(
              r -> r.cacheClusterId(cacheClusterId).marker(marker.orElse(null))));
          return new ProviderPages.Page<>(page.cacheClusters(), Optional.ofNullable(page.marker()),
              Optional.ofNullable(page.responseMetadata().requestId()));
        });
    return ProviderReplyException.requireEach(CacheSecurityGroupRuleTranslator.PROVIDER, operation,
        "CacheClusters", clusters, "CacheClusterId", CacheCluster::cacheClusterId);
  }
}
