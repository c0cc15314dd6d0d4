package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The group calls of {@link FakeEc2}: tags, paging, filters, network interfaces, driven by the real client. */
class FakeEc2GroupsTest {
  private FakeEc2 fake;
  private Ec2Client ec2;

  @BeforeEach
  void start() {
    fake = new FakeEc2();
    ec2 = AwsClients.ec2(fake.endpoint());
  }

  @AfterEach
  void stop() {
    ec2.close();
    fake.close();
  }

  @Test
  void describeSecurityGroupsPagesWithMaxResults() {
    for (int i = 0; i < 7; i++) {
      fake.createSecurityGroup("g" + i, "vpc-1", false);
    }
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      DescribeSecurityGroupsResponse page = ec2.describeSecurityGroups(b -> b.maxResults(5).nextToken(next));
      page.securityGroups().forEach(g -> names.add(g.groupName()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertEquals(List.of("g0", "g1", "g2", "g3", "g4", "g5", "g6"), names);
    assertEquals(2, pages);
    Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.describeSecurityGroups(b -> b.maxResults(4)));
    assertEquals("InvalidParameterCombination", e.awsErrorDetails().errorCode());
  }

  @Test
  void tagsOnCreateAndWithCreateTagsAreFilterable() {
    String sg = ec2.createSecurityGroup(b -> b.groupName("web").description("web").vpcId("vpc-1")
        .tagSpecifications(t -> t.resourceType("security-group").tags(Tag.builder().key("team").value("edge").build())))
        .groupId();
    fake.createSecurityGroup("db", "vpc-1", false);
    ec2.createTags(b -> b.resources(sg).tags(Tag.builder().key("env").value("prod").build()));

    List<SecurityGroup> found = ec2.describeSecurityGroups(b -> b.filters(
        Filter.builder().name("tag:team").values("edge").build())).securityGroups();

    assertEquals(List.of(sg), found.stream().map(SecurityGroup::groupId).toList());
    assertEquals(Map.of("team", "edge", "env", "prod"), fake.groupTags(sg));
    ec2.deleteTags(b -> b.resources(sg).tags(Tag.builder().key("team").value("other").build()));
    assertEquals(Map.of("team", "edge", "env", "prod"), fake.groupTags(sg), "a value that differs is kept");
    ec2.deleteTags(b -> b.resources(sg).tags(Tag.builder().key("team").build()));
    assertEquals(Map.of("env", "prod"), fake.groupTags(sg));
  }

  @Test
  void createTagsOnARuleTagsTheRule() {
    String sg = fake.createSecurityGroup("web", "vpc-1", false);
    String rule = fake.rules(sg).get(0).id();

    ec2.createTags(b -> b.resources(rule).tags(Tag.builder().key("owner").value("ops").build()));

    assertEquals(Map.of("owner", "ops"), fake.rules(sg).get(0).tags());
    Ec2Exception e = assertThrows(Ec2Exception.class,
        () -> ec2.createTags(b -> b.resources("sgr-0missing").tags(Tag.builder().key("a").build())));
    assertEquals("InvalidSecurityGroupRuleId.NotFound", e.awsErrorDetails().errorCode());
  }

  @Test
  void aNetworkInterfaceKeepsItsGroupsFromBeingDeleted() {
    String web = fake.createSecurityGroup("web", "vpc-1", false);
    String eni = fake.createNetworkInterface(web);

    assertEquals(List.of(eni), ec2.describeNetworkInterfaces(b -> b.filters(
        Filter.builder().name("group-id").values(web).build())).networkInterfaces().stream()
        .map(n -> n.networkInterfaceId()).toList());
    Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.deleteSecurityGroup(b -> b.groupId(web)));
    assertEquals("DependencyViolation", e.awsErrorDetails().errorCode());
    assertTrue(fake.hasSecurityGroup(web));
    Ec2Exception missing = assertThrows(Ec2Exception.class,
        () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds("eni-0missing")));
    assertEquals("InvalidNetworkInterfaceID.NotFound", missing.awsErrorDetails().errorCode());
  }
}
