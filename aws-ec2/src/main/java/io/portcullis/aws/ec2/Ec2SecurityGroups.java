package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.InvalidGroupStateException;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * EC2 security groups themselves through an injected {@link Ec2Client}: DescribeSecurityGroups with filters
 * ({@code group-id}, {@code group-name}, {@code vpc-id}, {@code tag:<key>}) following {@code NextToken},
 * CreateSecurityGroup with {@code TagSpecifications}, CreateTags / DeleteTags, DeleteSecurityGroup, and
 * DescribeNetworkInterfaces for the groups of a network interface. Errors come as the core typed exceptions (see
 * {@link Ec2Errors}); a {@code DependencyViolation} on delete becomes a {@link GroupInUseException} naming the
 * network interfaces and groups that still use the group, looked up after EC2's refusal since EC2 does not say.
 */
public final class Ec2SecurityGroups implements SecurityGroups {
  /** The page size asked of DescribeSecurityGroups (EC2 allows 5-1000). */
  static final int PAGE_SIZE = 1000;

  private static final String DESCRIBE = "DescribeSecurityGroups";
  private static final String INTERFACES = "DescribeNetworkInterfaces";

  private static final Logger LOG = LoggerFactory.getLogger(Ec2SecurityGroups.class);

  private final Ec2Client ec2;

  /** A service over {@code ec2}. */
  public Ec2SecurityGroups(Ec2Client ec2) {
    this.ec2 = requireNonNull(ec2, "ec2");
  }

  @Override
  public String provider() {
    return Ec2Capabilities.PROVIDER;
  }

  /** DescribeSecurityGroups with the filter as EC2 filters, every page ({@code MaxResults} 1000). */
  @Override
  public List<SecurityGroupInfo> list(GroupFilter filter) {
    List<Filter> filters = new ArrayList<>();
    addFilter(filters, "group-id", filter.ids());
    addFilter(filters, "group-name", filter.names());
    filter.vpcId().ifPresent(v -> addFilter(filters, "vpc-id", List.of(v)));
    filter.tags().forEach((k, v) -> addFilter(filters, "tag:" + k, List.of(v)));
    return describe(filters).stream().map(Ec2SecurityGroups::toInfo).toList();
  }

  /** Every page; a group without an id or name, or a token that repeats or never ends, is a reply not to trust. */
  private List<SecurityGroup> describe(List<Filter> filters) {
    List<SecurityGroup> groups = new ProviderPages(Ec2Capabilities.PROVIDER, DESCRIBE, ProviderPages.DEFAULT_MAX_PAGES)
        .collect(token -> {
          DescribeSecurityGroupsResponse reply = Ec2Errors.call(() -> ec2.describeSecurityGroups(b -> b
              .filters(filters.isEmpty() ? null : filters).maxResults(PAGE_SIZE).nextToken(token.orElse(null))));
          return new ProviderPages.Page<>(reply.securityGroups(), Optional.ofNullable(reply.nextToken()),
              Optional.ofNullable(reply.responseMetadata().requestId()));
        });
    ProviderReplyException.requireEach(Ec2Capabilities.PROVIDER, DESCRIBE, "SecurityGroups", groups, "GroupId",
        SecurityGroup::groupId);
    return ProviderReplyException.requireEach(Ec2Capabilities.PROVIDER, DESCRIBE, "SecurityGroups", groups,
        "GroupName", SecurityGroup::groupName);
  }

  private static void addFilter(List<Filter> filters, String name, Collection<String> values) {
    if (!values.isEmpty()) {
      filters.add(Filter.builder().name(name).values(values).build());
    }
  }

  /**
   * CreateSecurityGroup ({@code GroupName}, {@code GroupDescription}: the spec's or else the name, {@code VpcId},
   * tags as {@code TagSpecifications} of resource type {@code security-group}), unless the same group exists.
   * Without a VPC, EC2 creates it in the default VPC, and a group of that name in any VPC counts as existing.
   *
   * @throws InvalidGroupException if the name starts with {@code sg-}, which EC2 reserves for ids
   */
  @Override
  public SecurityGroupInfo create(GroupSpec spec) {
    if (spec.name().startsWith("sg-")) {
      throw new InvalidGroupException(Violation.of("name", spec.name(), "an EC2 group name may not start with sg-"));
    }
    return GroupCreation.createOrReuse(this, spec, this::createCall);
  }

  private SecurityGroupInfo createCall(GroupSpec spec) {
    LOG.debug("CreateSecurityGroup {} in {}", spec.name(), spec.vpcId().orElse("the default VPC"));
    CreateSecurityGroupResponse reply = Ec2Errors.call(() -> ec2.createSecurityGroup(b -> b
        .groupName(spec.name())
        .description(spec.descriptionOrName())
        .vpcId(spec.vpcId().orElse(null))
        .tagSpecifications(spec.tags().isEmpty() ? null : List.of(TagSpecification.builder()
            .resourceType(ResourceType.SECURITY_GROUP).tags(tags(spec.tags())).build()))));
    if (reply.groupId() == null || reply.groupId().isBlank()) {
      throw new ProviderReplyException(Ec2Capabilities.PROVIDER, "CreateSecurityGroup", "GroupId",
          "the reply has no id for the created group " + spec.name() + "; list the groups to find it",
          Optional.ofNullable(reply.responseMetadata().requestId()));
    }
    return SecurityGroupInfo.builder().id(reply.groupId()).name(spec.name()).description(spec.descriptionOrName())
        .vpcId(spec.vpcId()).tags(spec.tags()).build();
  }

  /** CreateTags for {@code put}, then DeleteTags (by key, whatever the value) for {@code remove}; each if needed. */
  @Override
  public void updateTags(String groupId, Map<String, String> put, Collection<String> remove) {
    requireNonNull(groupId, "groupId");
    if (!put.isEmpty()) {
      Ec2Errors.call(() -> ec2.createTags(b -> b.resources(groupId).tags(tags(put))));
    }
    if (!remove.isEmpty()) {
      Ec2Errors.call(() -> ec2.deleteTags(b -> b.resources(groupId)
          .tags(remove.stream().map(k -> Tag.builder().key(k).build()).toList())));
    }
  }

  /**
   * DeleteSecurityGroup by id.
   *
   * @throws GroupInUseException on {@code DependencyViolation}, naming the network interfaces and the groups whose
   *     rules still use the group
   */
  @Override
  public void delete(String groupId) {
    requireNonNull(groupId, "groupId");
    LOG.debug("DeleteSecurityGroup {}", groupId);
    try {
      Ec2Errors.call(() -> ec2.deleteSecurityGroup(b -> b.groupId(groupId)));
    } catch (InvalidGroupStateException e) {
      if (e.errorCode().filter("DependencyViolation"::equals).isEmpty()) {
        throw e;
      }
      throw new GroupInUseException(e.error(), dependents(groupId), e);
    }
  }

  /** What still uses a group: network interfaces, and groups whose rules refer to it. Best effort. */
  private List<String> dependents(String groupId) {
    List<String> dependents = new ArrayList<>();
    try {
      networkInterfaces(List.of(), List.of(Filter.builder().name("group-id").values(groupId).build()))
          .forEach(n -> dependents.add("network interface " + n.networkInterfaceId()));
      for (String filter : List.of("ip-permission.group-id", "egress.ip-permission.group-id")) {
        describe(List.of(Filter.builder().name(filter).values(groupId).build())).stream()
            .map(SecurityGroup::groupId).filter(id -> !id.equals(groupId))
            .map(id -> "rules of security group " + id).filter(d -> !dependents.contains(d))
            .forEach(dependents::add);
      }
    } catch (ProviderException e) {
      LOG.debug("cannot tell what uses {}: {}", groupId, e.getMessage());
    }
    return dependents;
  }

  /** DescribeNetworkInterfaces for this interface id: its groups, by id and name. */
  @Override
  public List<SecurityGroupRef> groupsOfNetworkInterface(String networkInterfaceId) {
    requireNonNull(networkInterfaceId, "networkInterfaceId");
    List<SecurityGroupRef> groups = new ArrayList<>();
    for (NetworkInterface n : networkInterfaces(List.of(networkInterfaceId), List.of())) {
      for (GroupIdentifier g : n.groups()) {
        String id = ProviderReplyException.requirePresent(Ec2Capabilities.PROVIDER, INTERFACES,
            "NetworkInterfaces[].Groups[].GroupId", g == null ? null : g.groupId());
        groups.add(new SecurityGroupRef(Optional.of(id), Optional.ofNullable(g.groupName())));
      }
    }
    return groups;
  }

  /** DescribeNetworkInterfaces, every page; an interface without an id is a reply not to trust. */
  private List<NetworkInterface> networkInterfaces(List<String> ids, List<Filter> filters) {
    List<NetworkInterface> all = new ProviderPages(Ec2Capabilities.PROVIDER, INTERFACES,
        ProviderPages.DEFAULT_MAX_PAGES).collect(token -> {
          DescribeNetworkInterfacesResponse reply = Ec2Errors.call(() -> ec2.describeNetworkInterfaces(b -> b
              .networkInterfaceIds(ids.isEmpty() ? null : ids).filters(filters.isEmpty() ? null : filters)
              .nextToken(token.orElse(null))));
          return new ProviderPages.Page<>(reply.networkInterfaces(), Optional.ofNullable(reply.nextToken()),
              Optional.ofNullable(reply.responseMetadata().requestId()));
        });
    return ProviderReplyException.requireEach(Ec2Capabilities.PROVIDER, INTERFACES, "NetworkInterfaces", all,
        "NetworkInterfaceId", NetworkInterface::networkInterfaceId);
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static SecurityGroupInfo toInfo(SecurityGroup g) {
    Map<String, String> tags = Tags.fromReply(Ec2Capabilities.PROVIDER, DESCRIBE, "SecurityGroups[].Tags", g.tags(),
        Tag::key, Tag::value);
    return SecurityGroupInfo.builder().id(g.groupId()).name(g.groupName())
        .description(Optional.ofNullable(g.description()).filter(d -> !d.isEmpty()))
        .vpcId(Optional.ofNullable(g.vpcId())).ownerId(Optional.ofNullable(g.ownerId())).tags(tags).build();
  }
}
