package io.portcullis.cli;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import io.portcullis.testkit.FakeClouds;

/**
 * Creates in the test kit's fakes the groups a rule file names, with the file's ids and names, as a new group
 * comes (EC2 with its default egress rule, Huawei with its four default rules, ElastiCache empty). What
 * {@code --fake} and the examples start from.
 */
public final class FakeGroups {
  private FakeGroups() {}

  /**
   * Creates each group of {@code file} that the fakes do not have yet.
   *
   * @throws IllegalArgumentException if an EC2 or Huawei group has no id, or a cache security group no name
   */
  public static void createAll(FakeClouds clouds, RuleFile file) {
    file.groups().forEach(group -> create(clouds, group));
  }

  /**
   * Creates the group in its provider's fake unless it is there already; a group of a provider without a fake is
   * left for planning to report. A group without a name is named after its id; a group that says {@code create} is
   * left for apply to create.
   *
   * @throws IllegalArgumentException if an EC2 or Huawei group has no id, or a cache security group no name
   */
  public static void create(FakeClouds clouds, GroupRules group) {
    if (group.selector().filter(GroupSelector::create).isPresent()) {
      return; // created by name when applied
    }
    SecurityGroupRef ref = group.group();
    String name = ref.name().orElse(ref.displayName());
    switch (group.provider()) {
      case FakeClouds.AWS_EC2 -> {
        String id = idOf(group);
        if (!hasEc2Group(clouds, id)) {
          clouds.ec2().createSecurityGroupWithId(id, name, "vpc-example");
        }
      }
      case FakeClouds.AWS_ELASTICACHE -> {
        String cacheGroup = ref.name().orElseThrow(() -> new IllegalArgumentException(
            "cache security groups are named: give the group as {name: ...} (line " + group.line() + ")"));
        if (clouds.elastiCache().cacheSecurityGroup(cacheGroup).isEmpty()) {
          clouds.elastiCache().createCacheSecurityGroup(cacheGroup, "Portcullis example");
        }
      }
      case FakeClouds.HUAWEICLOUD_VPC -> {
        String id = idOf(group);
        if (!clouds.huaweiVpc().hasSecurityGroup(id)) {
          clouds.huaweiVpc().createSecurityGroupWithId(id, name);
        }
      }
      default -> { }
    }
  }

  private static String idOf(GroupRules group) {
    return group.group().id().orElseThrow(() -> new IllegalArgumentException(
        group.provider() + " groups in the fakes need an id (line " + group.line() + ")"));
  }

  private static boolean hasEc2Group(FakeClouds clouds, String id) {
    try {
      clouds.ec2().rules(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false; // the fake's way of saying there is no such group
    }
  }
}
