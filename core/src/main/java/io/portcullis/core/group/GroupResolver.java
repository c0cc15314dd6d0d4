package io.portcullis.core.group;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns groups a desired state names into the ids their rules are planned against, through one provider's {@link
 * SecurityGroups}. {@link #resolve} only reads (for a plan); {@link #ensure} also creates a missing group whose
 * selector says {@code create}, before any of its rules are applied. Nothing here deletes a group.
 *
 * <p>Rules that reference another group of the same desired state by name are rewritten to its id with {@link
 * #resolveRemotes}, so that they compare equal to the rules the provider reports.
 */
public final class GroupResolver {
  private static final Logger LOG = LoggerFactory.getLogger(GroupResolver.class);

  private final SecurityGroups groups;

  /** A resolver over one provider's groups. */
  public GroupResolver(SecurityGroups groups) {
    this.groups = requireNonNull(groups, "groups");
  }

  /**
   * The group {@code selector} names, read only: found, or to be created when it is missing and the selector
   * says {@code create}.
   *
   * @throws GroupNotFoundException if it is missing and is not to be created
   * @throws AmbiguousGroupException if several groups match
   */
  public GroupResolution resolve(GroupSelector selector) {
    try {
      return new GroupResolution(selector, Optional.of(groups.find(selector.name(), selector.vpcId())), false);
    } catch (GroupNotFoundException e) {
      if (!selector.create()) {
        throw e;
      }
      return new GroupResolution(selector, Optional.empty(), false);
    }
  }

  /**
   * The group {@code selector} names, created first when it is missing and the selector says {@code create}.
   *
   * @throws GroupNotFoundException if it is missing and is not to be created
   * @throws io.portcullis.core.GroupAlreadyExistsException if a group of that name was created meanwhile and
   *     differs from the selector's
   */
  public GroupResolution ensure(GroupSelector selector) {
    GroupResolution found = resolve(selector);
    if (!found.toBeCreated()) {
      return found;
    }
    SecurityGroupInfo created = groups.create(selector.toSpec());
    LOG.info("created security group {} for {}", created, selector);
    return new GroupResolution(selector, Optional.of(created), true);
  }

  /**
   * The rules with every remote that names a group only by name (no id, owner or peering connection), where
   * {@code idsByName} has that name, referring to the group's id instead. Other rules are returned as they are;
   * a group still to be created has no id yet, so references to it stay by name until it exists.
   */
  public static List<SecurityRule> resolveRemotes(Collection<SecurityRule> rules, Map<String, String> idsByName) {
    return rules.stream().map(rule -> {
      if (rule.remote() instanceof SecurityGroupRemote g && g.groupId().isEmpty() && g.ownerId().isEmpty()
          && g.vpcPeeringConnectionId().isEmpty() && idsByName.containsKey(g.groupName().orElseThrow())) {
        SecurityGroupRemote byId = SecurityGroupRemote.builder().from(g)
            .groupId(idsByName.get(g.groupName().get())).groupName(Optional.empty()).build();
        return rule.toBuilder().remote(byId).build();
      }
      return rule;
    }).toList();
  }

  /**
   * The ids of the resolved groups by name, for {@link #resolveRemotes}; groups still to be created are left out.
   *
   * @throws InvalidGroupException if two resolved groups share a name (e.g. in two VPCs): refer to them by id
   */
  public static Map<String, String> idsByName(Collection<GroupResolution> resolutions) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (GroupResolution r : resolutions) {
      if (r.group().isPresent()) {
        String id = r.group().get().id();
        String earlier = ids.putIfAbsent(r.selector().name(), id);
        if (earlier != null && !earlier.equals(id)) {
          throw new InvalidGroupException(Violation.of("group", r.selector().name(),
              "a name that one group has (" + earlier + " and " + id + " do); refer to them by id"));
        }
      }
    }
    return Map.copyOf(ids);
  }
}
