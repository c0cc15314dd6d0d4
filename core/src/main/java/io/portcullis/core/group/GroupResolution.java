package io.portcullis.core.group;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRef;
import java.util.Optional;

/**
 * What a {@link GroupSelector} resolved to: the group (empty when it is missing and is to be created), and whether
 * this resolution created it.
 *
 * @param selector what was looked for
 * @param group the group found or created; empty when it is still to be created
 * @param created whether the resolver created it
 */
public record GroupResolution(GroupSelector selector, Optional<SecurityGroupInfo> group, boolean created) {
  /** Checks that no component is null, and that a created group is present. */
  public GroupResolution {
    requireNonNull(selector, "selector");
    requireNonNull(group, "group");
    if (created && group.isEmpty()) {
      throw new IllegalArgumentException("a created group must be present");
    }
  }

  /** Whether the group is missing and an apply would create it first. */
  public boolean toBeCreated() {
    return group.isEmpty();
  }

  /** The reference the rule API takes (id and name); empty while the group is still to be created. */
  public Optional<SecurityGroupRef> ref() {
    return group.map(SecurityGroupInfo::toRef);
  }

  /**
   * The line a plan shows for the group: {@code group web in vpc-1: sg-0abc}, with {@code (created)} when this
   * resolution created it, or {@code group web in vpc-1: to be created} when it is missing.
   */
  public String render() {
    return "group " + selector + ": " + group.map(g -> g.id() + (created ? " (created)" : "")).orElse("to be created");
  }

  @Override
  public String toString() {
    return render();
  }
}
