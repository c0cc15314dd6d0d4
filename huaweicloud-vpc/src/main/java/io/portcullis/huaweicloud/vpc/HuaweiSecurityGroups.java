package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import com.huaweicloud.sdk.vpc.v2.model.BatchCreateSecurityGroupTagsRequest;
import com.huaweicloud.sdk.vpc.v2.model.BatchCreateSecurityGroupTagsRequestBody;
import com.huaweicloud.sdk.vpc.v2.model.BatchDeleteSecurityGroupTagsRequest;
import com.huaweicloud.sdk.vpc.v2.model.BatchDeleteSecurityGroupTagsRequestBody;
import com.huaweicloud.sdk.vpc.v2.model.ShowPortRequest;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.DeleteSecurityGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupRulesRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupsRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListSecurityGroupsResponse;
import com.huaweicloud.sdk.vpc.v3.model.PageInfo;
import com.huaweicloud.sdk.vpc.v3.model.ResourceTag;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import com.huaweicloud.sdk.vpc.v3.model.ShowSecurityGroupRequest;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderPages;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.Tags;
import io.portcullis.core.Violation;
import io.portcullis.core.group.GroupCreation;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.GroupInUseException;
import io.portcullis.core.group.GroupSpec;
import io.portcullis.core.group.InvalidGroupException;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.UnsupportedGroupOperationException;
import io.portcullis.huaweicloud.vpc.HuaweiErrors.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Huawei Cloud security groups themselves: v3 create (with tags), list (filters {@code id} and {@code name},
 * every page), show and delete through an injected v3 {@link VpcClient}; tag changes (v2 {@code tags/action})
 * and a port's security groups (v1 {@code ports/{id}}) through a v2 client, which v3 has no calls for.
 *
 * <p>Huawei security groups belong to the project, not to a VPC: a VPC in a filter or spec is refused with
 * {@link InvalidGroupException}. v3 cannot filter groups by tag, so a tag filter is applied to the listed groups.
 * A refused delete (HTTP 409) is a {@link GroupInUseException} naming the groups whose rules still reference the
 * group. Errors come as the core typed exceptions (see {@link HuaweiErrors}).
 */
public final class HuaweiSecurityGroups implements SecurityGroups {
  private static final Logger LOG = LoggerFactory.getLogger(HuaweiSecurityGroups.class);

  private final VpcClient client;
  private final Optional<com.huaweicloud.sdk.vpc.v2.VpcClient> v2;

  /** A service over a v3 client only: tag changes and ports are then unsupported. */
  public HuaweiSecurityGroups(VpcClient client) {
    this(client, Optional.empty());
  }

  /** A service over a v3 client, and a v2 client (same endpoint and credentials) for tag changes and ports. */
  public HuaweiSecurityGroups(VpcClient client, com.huaweicloud.sdk.vpc.v2.VpcClient v2) {
    this(client, Optional.of(requireNonNull(v2, "v2")));
  }

  private HuaweiSecurityGroups(VpcClient client, Optional<com.huaweicloud.sdk.vpc.v2.VpcClient> v2) {
    this.client = requireNonNull(client, "client");
    this.v2 = v2;
  }

  @Override
  public String provider() {
    return HuaweiCapabilities.PROVIDER;
  }

  /** ListSecurityGroups with the filter's ids and names, every page; tags are filtered here. */
  @Override
  public List<SecurityGroupInfo> list(GroupFilter filter) {
    noVpc(filter.vpcId());
    List<String> ids = filter.ids().isEmpty() ? null : List.copyOf(filter.ids());
    List<String> names = filter.names().isEmpty() ? null : List.copyOf(filter.names());
    return new ProviderPages(HuaweiCapabilities.PROVIDER, "ListSecurityGroups", ProviderPages.DEFAULT_MAX_PAGES)
        .collect(marker -> {
          ListSecurityGroupsResponse page = HuaweiErrors.call(Target.SECURITY_GROUP, () -> client
              .listSecurityGroups(new ListSecurityGroupsRequest().withId(ids).withName(names)
                  .withMarker(marker.orElse(null))));
          return new ProviderPages.Page<>(page.getSecurityGroups(),
              Optional.ofNullable(page.getPageInfo()).map(PageInfo::getNextMarker),
              Optional.ofNullable(page.getRequestId()));
        })
        .stream()
        .map(g -> toInfo(ProviderReplyException.requirePresent(HuaweiCapabilities.PROVIDER, "ListSecurityGroups",
            "security_groups[]", g).getId(), g.getName(), g.getDescription(), g.getProjectId(), g.getTags()))
        .filter(filter::matches)
        .toList();
  }

  /** ShowSecurityGroup; empty on 404. */
  @Override
  public Optional<SecurityGroupInfo> get(String groupId) {
    requireNonNull(groupId, "groupId");
    try {
      com.huaweicloud.sdk.vpc.v3.model.SecurityGroupInfo g = HuaweiErrors.call(Target.SECURITY_GROUP, () -> client.showSecurityGroup(
          new ShowSecurityGroupRequest().withSecurityGroupId(groupId))).getSecurityGroup();
      ProviderReplyException.requirePresent(HuaweiCapabilities.PROVIDER, "ShowSecurityGroup", "security_group", g);
      return Optional.of(toInfo(g.getId(), g.getName(), g.getDescription(), g.getProjectId(), g.getTags()));
    } catch (GroupNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * CreateSecurityGroup ({@code name}, {@code description} when given, {@code tags}), unless the same group
   * exists. The group comes with Huawei's four default rules.
   *
   * @throws InvalidGroupException if the spec names a VPC, or a name v3 refuses (1-64 letters, digits, {@code
   *     _ - .})
   */
  @Override
  public SecurityGroupInfo create(GroupSpec spec) {
    noVpc(spec.vpcId());
    if (!spec.name().matches("[\\p{L}\\p{N}_.-]{1,64}")) {
      throw new InvalidGroupException(Violation.of("name", spec.name(),
          "1-64 letters, digits, underscores, hyphens or dots (Huawei Cloud)"));
    }
    return GroupCreation.createOrReuse(this, spec, s -> {
      LOG.debug("creating security group {}", s.name());
      CreateSecurityGroupOption option = new CreateSecurityGroupOption().withName(s.name())
          .withDescription(s.description().orElse(null))
          .withTags(s.tags().isEmpty() ? null : s.tags().entrySet().stream()
              .map(e -> new ResourceTag().withKey(e.getKey()).withValue(e.getValue())).toList());
      com.huaweicloud.sdk.vpc.v3.model.SecurityGroupInfo g = HuaweiErrors.call(Target.SECURITY_GROUP, () -> client.createSecurityGroup(
          new CreateSecurityGroupRequest().withBody(new CreateSecurityGroupRequestBody().withSecurityGroup(option))))
          .getSecurityGroup();
      ProviderReplyException.requirePresent(HuaweiCapabilities.PROVIDER, "CreateSecurityGroup", "security_group", g);
      return toInfo(g.getId(), g.getName(), g.getDescription(), g.getProjectId(), g.getTags());
    });
  }

  /** v2 {@code tags/action} with {@code create} for {@code put}, then with {@code delete} for {@code remove}. */
  @Override
  public void updateTags(String groupId, Map<String, String> put, Collection<String> remove) {
    requireNonNull(groupId, "groupId");
    com.huaweicloud.sdk.vpc.v2.VpcClient tags = v2("change tags without a v2 client");
    if (!put.isEmpty()) {
      HuaweiErrors.call(Target.SECURITY_GROUP, () -> tags.batchCreateSecurityGroupTags(
          new BatchCreateSecurityGroupTagsRequest().withSecurityGroupId(groupId).withBody(
              new BatchCreateSecurityGroupTagsRequestBody()
                  .withAction(BatchCreateSecurityGroupTagsRequestBody.ActionEnum.CREATE)
                  .withTags(v2Tags(put)))));
    }
    if (!remove.isEmpty()) {
      Map<String, String> keys = new LinkedHashMap<>();
      remove.forEach(k -> keys.put(k, null));
      HuaweiErrors.call(Target.SECURITY_GROUP, () -> tags.batchDeleteSecurityGroupTags(
          new BatchDeleteSecurityGroupTagsRequest().withSecurityGroupId(groupId).withBody(
              new BatchDeleteSecurityGroupTagsRequestBody()
                  .withAction(BatchDeleteSecurityGroupTagsRequestBody.ActionEnum.DELETE)
                  .withTags(v2Tags(keys)))));
    }
  }

  /**
   * DeleteSecurityGroup.
   *
   * @throws GroupInUseException on HTTP 409, naming the groups whose rules reference the group
   */
  @Override
  public void delete(String groupId) {
    requireNonNull(groupId, "groupId");
    LOG.debug("deleting security group {}", groupId);
    try {
      HuaweiErrors.call(Target.SECURITY_GROUP,
          () -> client.deleteSecurityGroup(new DeleteSecurityGroupRequest().withSecurityGroupId(groupId)));
    } catch (ProviderException e) {
      if (e.httpStatus().orElse(0) != 409) {
        throw e;
      }
      throw new GroupInUseException(e.error(), referencingGroups(groupId), e);
    }
  }

  /** The groups whose rules reference {@code groupId} (ListSecurityGroupRules by remote_group_id). Best effort. */
  private List<String> referencingGroups(String groupId) {
    try {
      return HuaweiErrors.call(Target.SECURITY_GROUP, () -> client.listSecurityGroupRules(
              new ListSecurityGroupRulesRequest().withRemoteGroupId(List.of(groupId))))
          .getSecurityGroupRules().stream().map(SecurityGroupRule::getSecurityGroupId)
          .filter(id -> !id.equals(groupId)).distinct().map(id -> "rules of security group " + id).toList();
    } catch (ProviderException e) {
      LOG.debug("cannot tell what uses {}: {}", groupId, e.getMessage());
      return List.of();
    }
  }

  /** The v1 port call: the security groups of a port, by id. */
  @Override
  public List<SecurityGroupRef> groupsOfNetworkInterface(String networkInterfaceId) {
    requireNonNull(networkInterfaceId, "networkInterfaceId");
    com.huaweicloud.sdk.vpc.v2.VpcClient ports = v2("read a port without a v2 client");
    List<String> ids = HuaweiErrors.call(Target.SECURITY_GROUP,
        () -> ports.showPort(new ShowPortRequest().withPortId(networkInterfaceId))).getPort().getSecurityGroups();
    return ids == null ? List.of() : ids.stream().map(SecurityGroupRef::ofId).toList();
  }

  private com.huaweicloud.sdk.vpc.v2.VpcClient v2(String what) {
    return v2.orElseThrow(() -> new UnsupportedGroupOperationException(provider(), what));
  }

  private static List<com.huaweicloud.sdk.vpc.v2.model.ResourceTag> v2Tags(Map<String, String> tags) {
    List<com.huaweicloud.sdk.vpc.v2.model.ResourceTag> out = new ArrayList<>();
    tags.forEach((k, v) -> out.add(new com.huaweicloud.sdk.vpc.v2.model.ResourceTag().withKey(k).withValue(v)));
    return out;
  }

  private static void noVpc(Optional<String> vpcId) {
    vpcId.ifPresent(v -> {
      throw new InvalidGroupException(Violation.of("vpc", v,
          "no VPC: Huawei Cloud security groups belong to the project; leave the VPC out"));
    });
  }

  private static SecurityGroupInfo toInfo(String id, String name, String description,
      String projectId, List<ResourceTag> tags) {
    ProviderReplyException.requirePresent(HuaweiCapabilities.PROVIDER, "security group", "id", id);
    ProviderReplyException.requirePresent(HuaweiCapabilities.PROVIDER, "security group", "name", name);
    Map<String, String> map = Tags.fromReply(HuaweiCapabilities.PROVIDER, "security group", "tags", tags,
        ResourceTag::getKey, ResourceTag::getValue);
    return SecurityGroupInfo.builder().id(id).name(name)
        .description(Optional.ofNullable(description).filter(d -> !d.isEmpty()))
        .ownerId(Optional.ofNullable(projectId)).tags(map).build();
  }
}
