package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.InvalidGroupStateException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.Violation;
import io.portcullis.core.group.GroupCreation;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupInUseException;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.group.InvalidGroupException;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.UnsupportedGroupOperationException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroupMembership;

/**
 * ElastiCache cache security groups themselves through an injected {@link ElastiCacheClient}: list
 * (DescribeCacheSecurityGroups, every page), create, delete. A cache security group is named, not numbered: its
 * id is its name, which ElastiCache stores in lowercase. It has no VPC, no tags in this API and no network
 * interfaces: filters or specs with a VPC are refused ({@link InvalidGroupException}), tags and interfaces are
 * {@link UnsupportedGroupOperationException}s.
 */
public final class CacheSecurityGroups implements SecurityGroups {
  private static final Logger LOG = LoggerFactory.getLogger(CacheSecurityGroups.class);

  private final ElastiCacheClient client;

  /** A service over {@code client}. */
  public CacheSecurityGroups(ElastiCacheClient client) {
    this.client = requireNonNull(client, "client");
  }

  @Override
  public String provider() {
    return CacheSecurityGroupRuleTranslator.PROVIDER;
  }

  /** Every cache security group that passes the filter (ids are names). */
  @Override
  public List<SecurityGroupInfo> list(GroupFilter filter) {
    noVpc(filter.vpcId());
    if (!filter.tags().isEmpty()) {
      throw new UnsupportedGroupOperationException(provider(), "filter cache security groups by tag");
    }
    return ElastiCacheListings.cacheSecurityGroups(client).stream()
        .map(g -> SecurityGroupInfo.builder().id(g.cacheSecurityGroupName()).name(g.cacheSecurityGroupName())
            .description(Optional.ofNullable(g.description()).filter(d -> !d.isEmpty()))
            .ownerId(Optional.ofNullable(g.ownerId())).build())
        .filter(filter::matches)
        .toList();
  }

  /**
   * CreateCacheSecurityGroup ({@code Description}: the spec's or else the name), unless the same group exists.
   *
   * @throws InvalidGroupException for a VPC, tags, or a name that is not lowercase letters, digits and hyphens
   */
  @Override
  public SecurityGroupInfo create(GroupSpec spec) {
    noVpc(spec.vpcId());
    if (!spec.tags().isEmpty()) {
      throw new InvalidGroupException(Violation.of("tags", spec.tags().toString(),
          "none: cache security groups have no tags in this API"));
    }
    if (!spec.name().matches("[a-z0-9-]{1,255}") || spec.name().equals("default")) {
      throw new InvalidGroupException(Violation.of("name", spec.name(),
          "1-255 lowercase letters, digits and hyphens, not 'default' (ElastiCache stores names in lowercase)"));
    }
    return GroupCreation.createOrReuse(this, spec, s -> {
      CacheSecurityGroup g = ProviderReplyException.requirePresent(CacheSecurityGroupRuleTranslator.PROVIDER,
          "CreateCacheSecurityGroup", "CacheSecurityGroup", ElastiCacheErrors.call("CreateCacheSecurityGroup",
              () -> client.createCacheSecurityGroup(r -> r.cacheSecurityGroupName(s.name())
                  .description(s.descriptionOrName())).cacheSecurityGroup()));
      ProviderReplyException.requirePresent(CacheSecurityGroupRuleTranslator.PROVIDER, "CreateCacheSecurityGroup",
          "CacheSecurityGroupName", g.cacheSecurityGroupName());
      LOG.debug("created cache security group {}", s.name());
      return SecurityGroupInfo.builder().id(g.cacheSecurityGroupName().toLowerCase(Locale.ROOT))
          .name(g.cacheSecurityGroupName().toLowerCase(Locale.ROOT)).description(s.descriptionOrName())
          .ownerId(Optional.ofNullable(g.ownerId())).build();
    });
  }

  /** Always refused: cache security groups have no tags in this API. */
  @Override
  public void updateTags(String groupId, Map<String, String> put, Collection<String> remove) {
    throw new UnsupportedGroupOperationException(provider(), "tag cache security groups");
  }

  /**
   * DeleteCacheSecurityGroup by name.
   *
   * @throws GroupInUseException on {@code InvalidCacheSecurityGroupState}, naming the cache clusters that use it
   */
  @Override
  public void delete(String groupId) {
    requireNonNull(groupId, "groupId");
    try {
      ElastiCacheErrors.call("DeleteCacheSecurityGroup", () -> client.deleteCacheSecurityGroup(r -> r.cacheSecurityGroupName(groupId)));
    } catch (InvalidGroupStateException e) {
      throw new GroupInUseException(e.error(), clustersUsing(groupId), e);
    }
  }

  private List<String> clustersUsing(String name) {
    try {
      return ElastiCacheListings.cacheClusters(client, null).stream()
          .filter(c -> c.cacheSecurityGroups().stream().filter(Objects::nonNull)
              .map(CacheSecurityGroupMembership::cacheSecurityGroupName).anyMatch(name::equalsIgnoreCase))
          .map(c -> "cache cluster " + c.cacheClusterId()).toList();
    } catch (RuntimeException e) {
      LOG.debug("cannot tell which clusters use {}: {}", name, e.getMessage());
      return List.of();
    }
  }

  /** Always refused: ElastiCache has no network interfaces. */
  @Override
  public List<SecurityGroupRef> groupsOfNetworkInterface(String networkInterfaceId) {
    throw new UnsupportedGroupOperationException(provider(), "read network interfaces");
  }

  private static void noVpc(Optional<String> vpcId) {
    vpcId.ifPresent(v -> {
      throw new InvalidGroupException(Violation.of("vpc", v,
          "no VPC: cache security groups are for clusters outside a VPC; manage a VPC's groups with aws-ec2"));
    });
  }
}
