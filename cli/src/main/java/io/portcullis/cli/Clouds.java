package io.portcullis.cli;

import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;

/** Where a command's groups live: the real clouds, the test kit's fakes, or nowhere (pure commands). */
interface Clouds extends AutoCloseable {
  /**
   * The adapter for {@code provider}.
   *
   * @throws IllegalArgumentException naming the known providers if there is no such adapter
   */
  SecurityGroupRules rules(String provider);

  /** The adapter for {@code group}: its provider, reached with the group's region, profile and project if any. */
  default SecurityGroupRules rules(GroupRules group) {
    return rules(group.provider());
  }

  /**
   * The group adapter for {@code provider}, for groups a rule file gives by name.
   *
   * @throws IllegalArgumentException if there is none
   */
  default SecurityGroups groups(String provider) {
    throw new IllegalArgumentException("groups by name need a cloud: use --fake or --real");
  }

  /** Makes the groups {@code file} names ready: the fakes create them; real clouds have them. */
  default void createGroups(RuleFile file) {}

  /** Gives the fakes the built-in example's groups with its rules applied, so that there is something to export. */
  default void seedExample() {}

  @Override
  default void close() {}
}
