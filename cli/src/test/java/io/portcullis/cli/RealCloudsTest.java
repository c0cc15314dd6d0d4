package io.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFiles;
import io.portcullis.testkit.FakeClouds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings each group's adapter is built with, without a call to any cloud. */
class RealCloudsTest {
  private static final String FILE = """
      groups:
        - provider: aws-ec2
          group: sg-0a1b2c3d4e5f60718
          region: eu-west-1
          account: "123456789012"
          profile: prod
          rules: []
        - provider: huaweicloud-vpc
          group: 1c8d9f94-6022-4518-bb98-e0145fcc7b33
          region: cn-north-4
          project: 0b1c2d3e4f
          rules: []
        - provider: aws-ec2
          group: sg-0b1b2c3d4e5f60718
          rules: []
        - provider: aws-ec2
          group: sg-0c1b2c3d4e5f60718
          region: eu-west-1
          rules: []
        - provider: aws-ec2
          group: sg-0d1b2c3d4e5f60718
          region: eu-west-1
          rules: []
      """;

  @TempDir
  Path dir;

  @Test
  void eachGroupsRegionProfileAndProjectBecomeItsSettings() {
    List<GroupRules> groups = RuleFiles.parse(FILE, "rules.yaml").groups();

    ProviderSettings aws = RealClouds.settings(groups.get(0));
    ProviderSettings huawei = RealClouds.settings(groups.get(1));
    ProviderSettings plain = RealClouds.settings(groups.get(2));

    assertEquals(Optional.of("eu-west-1"), aws.region());
    assertEquals(Optional.of("prod"), aws.profile());
    assertEquals(Optional.empty(), aws.projectId());
    assertEquals(Optional.of("cn-north-4"), huawei.region());
    assertEquals(Optional.of("0b1c2d3e4f"), huawei.projectId());
    assertEquals(Optional.empty(), huawei.profile());
    assertEquals(ProviderSettings.builder().build(), plain, "the environment decides everything");
    assertEquals(RealClouds.settings(groups.get(3)), RealClouds.settings(groups.get(4)));
  }

  @Test
  void groupsWithTheSameSettingsShareOneAdapterAndOthersGetTheirOwn() {
    List<GroupRules> groups = RuleFiles.parse(FILE, "rules.yaml").groups();
    try (RealClouds clouds = new RealClouds()) {
      // building an EC2 adapter with a region makes no call: credentials are looked up at the first request
      SecurityGroupRules first = clouds.rules(groups.get(3));
      SecurityGroupRules second = clouds.rules(groups.get(4));
      GroupRules g = groups.get(3);
      SecurityGroupRules elsewhere = clouds.rules(new GroupRules(g.provider(), g.group(), g.mode(), g.rules(),
          g.line(), g.ruleLocations(), Optional.of("us-east-1"), g.account(), g.profile(), g.project()));

      assertSame(first, second);
      assertNotSame(first, elsewhere);
    }
  }

  @Test
  void fakesIgnoreRegionProfileAndProject() throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yaml"), """
        groups:
          - provider: aws-ec2
            group: sg-0a1b2c3d4e5f60718
            region: nowhere-1
            profile: no-such-profile
            rules:
              - ingress allow tcp 22 from 10.0.0.0/8
        """);
    try (FakeClouds clouds = FakeClouds.start()) {
      CliRun r = CliRun.run(clouds, "", "plan", "--fake", file.toString());

      assertEquals(0, r.code(), r.toString());
      assertTrue(r.out().contains("Plan: 1 to create"), r.toString());
    }
  }
}
