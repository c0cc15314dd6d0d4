package io.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupFilter;
import io.portcullis.core.group.SecurityGroupInfo;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.testkit.FakeClouds;
import io.portcullis.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule files that name their groups: resolved when planned, created when they say so, end to end on the fakes. */
class GroupsByNameTest {
  @TempDir
  Path dir;
  FakeClouds clouds;

  @BeforeEach
  void start() {
    clouds = FakeClouds.start();
  }

  @AfterEach
  void stop() {
    clouds.close();
  }

  private String write(String content) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, content);
    return file.toString();
  }

  private SecurityGroupInfo find(String name) {
    return clouds.groups("aws-ec2").find(name, Optional.of("vpc-1"));
  }

  private List<String> rules(String groupId) {
    return clouds.rules("aws-ec2").list(SecurityGroupRef.ofId(groupId)).stream().map(ProvisionedRule::rule)
        .map(SecurityRule::withoutDescription).map(SecurityRule::toText).sorted().toList();
  }

  @Test
  void anExistingGroupByNameIsPlannedAndAppliedByItsId() throws IOException {
    String web = clouds.ec2().createSecurityGroup("web", "vpc-1", false);
    String file = write("""
        groups:
          - provider: aws-ec2
            group: {name: web, vpc: vpc-1}
            rules:
              - ingress allow tcp 443 from 0.0.0.0/0
        """);

    CliRun plan = CliRun.run(clouds, "", "plan", "--fake", file);
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(plan.out().contains("group web in vpc-1: " + web + "\n"), plan.toString());
    assertTrue(plan.out().contains("+ ingress allow tcp 443 from 0.0.0.0/0"), plan.toString());

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);
    assertEquals(0, apply.code(), apply.toString());
    assertEquals(List.of("egress allow any to 0.0.0.0/0", "ingress allow tcp 443 from 0.0.0.0/0"), rules(web));
  }

  @Test
  void createTrueCreatesTheGroupOnApplyOnlyAndThenItsRules() throws IOException {
    String file = write("""
        groups:
          - provider: aws-ec2
            group: {name: web, vpc: vpc-1}
            create: true
            description: web servers
            tags: {team: edge}
            rules:
              - ingress allow tcp 443 from 0.0.0.0/0
        """);

    CliRun plan = CliRun.run(clouds, "", "plan", "--fake", file);
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(plan.out().contains("group web in vpc-1: to be created"), plan.toString());
    assertTrue(plan.out().contains("+ ingress allow tcp 443 from 0.0.0.0/0"), plan.toString());
    assertThrows(GroupNotFoundException.class, () -> find("web"), "plan only reads");

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);
    assertEquals(0, apply.code(), apply.toString());
    SecurityGroupInfo web = find("web");
    assertEquals(Optional.of("web servers"), web.description());
    assertEquals("edge", clouds.ec2().groupTags(web.id()).get("team"));
    assertTrue(apply.out().contains("group web in vpc-1: " + web.id() + " (created)"), apply.toString());
    assertEquals(List.of("egress allow any to 0.0.0.0/0", "ingress allow tcp 443 from 0.0.0.0/0"), rules(web.id()));

    CliRun again = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("group web in vpc-1: " + web.id() + "\n"), again.toString());
    assertEquals(List.of(web.id()), clouds.groups("aws-ec2").list(GroupFilter.builder()
        .addNames("web").build()).stream().map(SecurityGroupInfo::id).toList(), "created once");
  }

  @Test
  void aMissingGroupWithoutCreateFailsThatGroupOnly() throws IOException {
    String db = clouds.ec2().createSecurityGroup("db", "vpc-1", false);
    String file = write("""
        groups:
          - provider: aws-ec2
            group: {name: web, vpc: vpc-1}
            rules:
              - ingress allow tcp 443 from 0.0.0.0/0
          - provider: aws-ec2
            group: {name: db, vpc: vpc-1}
            rules:
              - ingress allow tcp 5432 from 10.0.0.0/8
        """);

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);

    assertEquals(1, apply.code(), apply.toString());
    assertTrue(apply.out().matches("(?s).*aws-ec2 +web +failed +.*web.*\n.*"), apply.toString());
    assertTrue(rules(db).contains("ingress allow tcp 5432 from 10.0.0.0/8"), apply.toString());
    assertThrows(GroupNotFoundException.class, () -> find("web"), "never created without create: true");
  }

  @Test
  void referencesByNameToAnotherGroupOfTheFileAreResolvedToItsId() throws IOException {
    String web = clouds.ec2().createSecurityGroup("web", "vpc-1", false);
    String db = clouds.ec2().createSecurityGroup("db", "vpc-1", false);
    String file = write("""
        groups:
          - provider: aws-ec2
            group: {name: web, vpc: vpc-1}
            rules: []
          - provider: aws-ec2
            group: {name: db, vpc: vpc-1}
            rules:
              - ingress allow tcp 5432 from group-name web
        """);

    CliRun plan = CliRun.run(clouds, "", "plan", "--fake", file);
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(plan.out().contains("+ ingress allow tcp 5432 from " + web), plan.toString());

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);
    assertEquals(0, apply.code(), apply.toString());
    assertTrue(rules(db).stream().anyMatch(r -> r.startsWith("ingress allow tcp 5432 from " + web + " ")),
        rules(db).toString());
    CliRun again = CliRun.run(clouds, "", "plan", "--fake", file);
    assertFalse(again.out().contains("+ ingress"), again.toString());
  }

  @Test
  void ec2GroupsCreatedInTheRunAreReferredToByTheirNewIdsInThatRun() throws IOException {
    String file = write("""
        groups:
          - provider: aws-ec2
            group: {name: db, vpc: vpc-1}
            create: true
            rules:
              - ingress allow tcp 5432 from group-name web
          - provider: aws-ec2
            group: {name: web, vpc: vpc-1}
            create: true
            rules:
              - ingress allow tcp 443 from group-name web
        """);

    CliRun plan = CliRun.run(clouds, "", "plan", "--fake", file);
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(plan.out().contains("+ ingress allow tcp 5432 from group \"web (to be created)\""), plan.toString());

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);
    assertEquals(0, apply.code(), apply.toString());
    String web = find("web").id();
    String db = find("db").id();
    assertTrue(rules(db).stream().anyMatch(r -> r.startsWith("ingress allow tcp 5432 from " + web)), rules(db).toString());
    assertTrue(rules(web).stream().anyMatch(r -> r.startsWith("ingress allow tcp 443 from " + web)), rules(web).toString());
    assertTrue(apply.out().contains("group web in vpc-1: " + web + " (created)"), apply.toString());
    assertTrue(apply.out().contains("ingress allow tcp 5432 from " + web), "the apply output shows the new id: " + apply);
    CliRun again = CliRun.run(clouds, "", "plan", "--fake", file);
    assertTrue(again.out().contains("No changes"), again.toString());
    assertFalse(again.out().contains("+ ingress"), again.toString());
  }

  @Test
  void huaweiGroupsCreatedInTheRunAreReferredToByTheirNewIdsInThatRun() throws IOException {
    String file = write("""
        groups:
          - provider: huaweicloud-vpc
            group: {name: app}
            create: true
            rules:
              - ingress allow tcp 8080 from group-name lb
              - ingress allow any from group-name app
          - provider: huaweicloud-vpc
            group: {name: lb}
            create: true
            rules:
              - ingress allow tcp 443 from 0.0.0.0/0
        """);

    CliRun plan = CliRun.run(clouds, "", "plan", "--fake", file);
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(plan.out().contains("from group \"lb (to be created)\""), plan.toString());

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);
    assertEquals(0, apply.code(), apply.toString());
    SecurityGroups huawei = clouds.groups("huaweicloud-vpc");
    String app = huawei.find("app", Optional.empty()).id();
    String lb = huawei.find("lb", Optional.empty()).id();
    List<String> appRules = clouds.rules("huaweicloud-vpc").list(SecurityGroupRef.ofId(app)).stream()
        .map(p -> p.rule().toText()).toList();
    assertTrue(appRules.stream().anyMatch(r -> r.startsWith("ingress allow tcp 8080 from group " + lb)),
        appRules.toString());
    assertTrue(appRules.stream().anyMatch(r -> r.startsWith("ingress allow any from group " + app)), appRules.toString());
    assertTrue(apply.out().contains("from group " + lb), "the apply output shows the new id: " + apply);
    CliRun again = CliRun.run(clouds, "", "plan", "--fake", file);
    assertFalse(again.out().contains("+ ingress"), again.toString());
  }

  @Test
  void aRuleReferringToAGroupThatCouldNotBeCreatedFailsItsGroupWithoutSendingTheStandIn() throws IOException {
    clouds.ec2().failNext("CreateSecurityGroup", Fault.error(400, "InvalidParameterValue",
        "bad name"));
    String db = clouds.ec2().createSecurityGroup("db", "vpc-1", false);
    String file = write("""
        groups:
          - provider: aws-ec2
            group: {name: web, vpc: vpc-1}
            create: true
            rules: []
          - provider: aws-ec2
            group: {name: db, vpc: vpc-1}
            rules:
              - ingress allow tcp 5432 from group-name web
        """);

    CliRun apply = CliRun.run(clouds, "", "apply", "--fake", "--auto-approve", file);

    assertEquals(1, apply.code(), apply.toString());
    assertTrue(apply.out().contains("refers to group web, which was not created"), apply.toString());
    assertEquals(List.of("egress allow any to 0.0.0.0/0"), rules(db));
  }
}
