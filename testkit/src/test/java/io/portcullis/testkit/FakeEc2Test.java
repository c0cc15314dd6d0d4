package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

class FakeEc2Test {
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

  private static IpPermission tcp(int from, int to, String... cidrs) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(from).toPort(to)
        .ipRanges(Stream.of(cidrs).map(c -> IpRange.builder().cidrIp(c).build()).toList()).build();
  }

  private static IpPermission tcpV6(int port, String cidr) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipv6Ranges(r -> r.cidrIpv6(cidr)).build();
  }

  private AuthorizeSecurityGroupIngressResponse authorizeIngress(String groupId, IpPermission... permissions) {
    return ec2.authorizeSecurityGroupIngress(b -> b.groupId(groupId).ipPermissions(permissions));
  }

  private static String code(Ec2Exception e) {
    return e.awsErrorDetails().errorCode();
  }

  @Test
  void repliesGoOutAtOnceUnlessALatencyIsInjected() {
    // Set by the fakes themselves, so that no reply on a reused connection waits for a delayed ACK.
    assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
    assertThrows(IllegalArgumentException.class, () -> fake.setLatency(Duration.ofMillis(-1)));
    fake.setLatency(Duration.ofMillis(50));

    long start = System.nanoTime();
    ec2.describeSecurityGroups();

    assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
  }

  private List<SecurityGroupRule> describe(String groupId) {
    return ec2.describeSecurityGroupRules(b -> b.filters(Filter.builder().name("group-id").values(groupId).build()))
        .securityGroupRules();
  }

  @Test
  void authorizedRulesComeBackCanonicalFromDescribe() {
    String sg = fake.createSecurityGroup("web", "vpc-1", false, false);

    AuthorizeSecurityGroupIngressResponse reply = authorizeIngress(sg,
        IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
            .ipRanges(r -> r.cidrIp("100.68.0.18/18").description("admin ssh")).build(),
        tcpV6(443, "2001:DB8:0:0::/32"));

    assertTrue(reply.returnValue());
    assertEquals(2, reply.securityGroupRules().size());
    SecurityGroupRule ssh = reply.securityGroupRules().get(0);
    assertTrue(ssh.securityGroupRuleId().startsWith("sgr-"));
    assertEquals("100.68.0.0/18", ssh.cidrIpv4());
    assertEquals("2001:db8::/32", reply.securityGroupRules().get(1).cidrIpv6());

    List<SecurityGroupRule> described = describe(sg);
    assertEquals(reply.securityGroupRules(), described);
    assertEquals(sg, ssh.groupId());
    assertEquals(FakeEc2.DEFAULT_OWNER_ID, ssh.groupOwnerId());
    assertFalse(ssh.isEgress());
    assertEquals("tcp", ssh.ipProtocol());
    assertEquals(22, ssh.fromPort());
    assertEquals(22, ssh.toPort());
    assertEquals("admin ssh", ssh.description());
    assertEquals(fake.rules(sg).stream().map(FakeEc2Rule::id).toList(),
        described.stream().map(SecurityGroupRule::securityGroupRuleId).toList());
  }

  @Test
  void newGroupHasTheDefaultEgressRuleUnlessOptedOut() {
    String withDefault = fake.createSecurityGroup("a", "vpc-1", false);
    String without = fake.createSecurityGroup("b", "vpc-1", false, false);

    List<SecurityGroupRule> rules = describe(withDefault);
    assertEquals(1, rules.size());
    assertTrue(rules.get(0).isEgress());
    assertEquals("-1", rules.get(0).ipProtocol());
    assertEquals("0.0.0.0/0", rules.get(0).cidrIpv4());
    assertEquals(-1, rules.get(0).fromPort());
    assertEquals(List.of(), describe(without));
  }

  @Test
  void protocolsWithoutPortsAreStoredAsAllPortsAndNumbersAreNamed() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);

    List<SecurityGroupRule> created = ec2.authorizeSecurityGroupEgress(b -> b.groupId(sg).ipPermissions(
        IpPermission.builder().ipProtocol("-1").fromPort(0).toPort(100).ipRanges(r -> r.cidrIp("10.0.0.0/8")).build(),
        IpPermission.builder().ipProtocol("47").fromPort(5).toPort(6).ipRanges(r -> r.cidrIp("10.0.0.0/8")).build(),
        IpPermission.builder().ipProtocol("6").fromPort(80).toPort(80).ipRanges(r -> r.cidrIp("10.0.0.0/8")).build(),
        IpPermission.builder().ipProtocol("icmpv6").ipv6Ranges(r -> r.cidrIpv6("::/0")).build()))
        .securityGroupRules();

    assertEquals(List.of("-1:-1:-1", "47:-1:-1", "tcp:80:80", "icmpv6:-1:-1"), created.stream()
        .map(r -> r.ipProtocol() + ":" + r.fromPort() + ":" + r.toPort()).toList());
    assertTrue(created.stream().allMatch(SecurityGroupRule::isEgress));
  }

  @Test
  void invalidPortsAndCidrsAreRejected() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);

    Ec2Exception noPorts = assertThrows(Ec2Exception.class, () -> authorizeIngress(sg,
        IpPermission.builder().ipProtocol("tcp").ipRanges(r -> r.cidrIp("10.0.0.0/8")).build()));
    Ec2Exception badCidr = assertThrows(Ec2Exception.class, () -> authorizeIngress(sg, tcp(22, 22, "10.0.0/8")));
    Ec2Exception v6InV4 = assertThrows(Ec2Exception.class, () -> authorizeIngress(sg, tcp(22, 22, "::/0")));

    assertEquals("InvalidParameterValue", code(noPorts));
    assertEquals("InvalidParameterValue", code(badCidr));
    assertEquals("InvalidParameterValue", code(v6InV4));
    assertEquals(List.of(), fake.rules(sg));
  }

  @Test
  void aCallContainingAnExistingRuleFailsAsAWhole() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8"));

    Ec2Exception existing = assertThrows(Ec2Exception.class,
        () -> authorizeIngress(sg, tcp(22, 22, "192.168.0.0/16", "10.1.2.3/8")));
    Ec2Exception repeated = assertThrows(Ec2Exception.class,
        () -> authorizeIngress(sg, tcp(80, 80, "192.168.0.0/16"), tcp(80, 80, "192.168.0.0/16")));

    assertEquals("InvalidPermission.Duplicate", code(existing));
    assertEquals(400, existing.statusCode());
    assertFalse(existing.requestId().isEmpty());
    assertEquals("InvalidPermission.Duplicate", code(repeated));
    assertEquals(List.of("10.0.0.0/8"), fake.rules(sg).stream().map(FakeEc2Rule::remote).toList());
  }

  @Test
  void theRuleQuotaIsPerDirectionAndPerIpFamily() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false);
    String[] sixty = IntStream.range(0, 60).mapToObj(i -> "10.0." + i + ".0/24").toArray(String[]::new);
    authorizeIngress(sg, tcp(443, 443, sixty));

    Ec2Exception full = assertThrows(Ec2Exception.class, () -> authorizeIngress(sg, tcp(22, 22, "192.0.2.0/24")));
    assertEquals("RulesPerSecurityGroupLimitExceeded", code(full));

    // IPv6 ingress and IPv4 egress have their own 60 (egress already holds the default rule).
    authorizeIngress(sg, IntStream.range(0, 60).mapToObj(i -> tcpV6(1000 + i, "2001:db8::/32"))
        .toArray(IpPermission[]::new));
    Ec2Exception egressFull = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupEgress(
        b -> b.groupId(sg).ipPermissions(tcp(443, 443, sixty))));
    assertEquals("RulesPerSecurityGroupLimitExceeded", code(egressFull));
    ec2.authorizeSecurityGroupEgress(b -> b.groupId(sg).ipPermissions(tcp(443, 443, List.of(sixty)
        .subList(0, 59).toArray(String[]::new))));

    assertEquals(180, fake.rules(sg).size());
  }

  @Test
  void aGroupReferenceCountsForBothFamilies() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    String other = fake.createSecurityGroup("b", "vpc-1", false, false);
    fake.setRulesPerGroup(1);
    authorizeIngress(sg, tcp(1, 1, "10.0.0.0/8"), tcpV6(1, "::/0"));

    Ec2Exception e = assertThrows(Ec2Exception.class, () -> authorizeIngress(sg,
        IpPermission.builder().ipProtocol("tcp").fromPort(5432).toPort(5432).userIdGroupPairs(g -> g.groupId(other))
            .build()));

    assertEquals("RulesPerSecurityGroupLimitExceeded", code(e));
    assertEquals(2, fake.rules(sg).size());
  }

  @Test
  void groupReferencesAndPrefixListsRoundTrip() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    String app = fake.createSecurityGroup("app", "vpc-1", false, false);

    List<SecurityGroupRule> created = authorizeIngress(sg, IpPermission.builder().ipProtocol("tcp").fromPort(5432)
        .toPort(5432).userIdGroupPairs(g -> g.groupName("app").description("from app"),
            g -> g.groupId("sg-0abc123").userId("210987654321").vpcId("vpc-9").vpcPeeringConnectionId("pcx-1"))
        .prefixListIds(p -> p.prefixListId("pl-1234")).build()).securityGroupRules();

    assertEquals(app, created.get(1).referencedGroupInfo().groupId());
    assertEquals(FakeEc2.DEFAULT_OWNER_ID, created.get(1).referencedGroupInfo().userId());
    assertEquals("from app", created.get(1).description());
    assertEquals("210987654321", created.get(2).referencedGroupInfo().userId());
    assertEquals("pcx-1", created.get(2).referencedGroupInfo().vpcPeeringConnectionId());
    assertEquals("pl-1234", created.get(0).prefixListId());
    assertEquals(created, describe(sg));
  }

  @Test
  void unknownGroupsAreNotFoundAndGroupNamesWorkOnlyInTheDefaultVpc() {
    String inDefault = fake.createSecurityGroup("legacy", FakeEc2.DEFAULT_VPC_ID, true, false);
    fake.createSecurityGroup("named", "vpc-1", false, false);

    ec2.authorizeSecurityGroupIngress(b -> b.groupName("legacy").ipPermissions(tcp(22, 22, "10.0.0.0/8")));

    assertEquals(1, fake.rules(inDefault).size());
    assertEquals("InvalidGroup.NotFound", code(assertThrows(Ec2Exception.class,
        () -> authorizeIngress("sg-00000000000000bad", tcp(22, 22, "10.0.0.0/8")))));
    assertEquals("InvalidGroup.NotFound", code(assertThrows(Ec2Exception.class,
        () -> ec2.authorizeSecurityGroupIngress(b -> b.groupName("named").ipPermissions(tcp(22, 22, "10.0.0.0/8"))))));
  }

  @Test
  void revokeInADefaultVpcReturnsTheUnknownPermissions() {
    String sg = fake.createSecurityGroup("legacy", FakeEc2.DEFAULT_VPC_ID, true, false);
    authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8"), tcp(80, 80, "10.0.0.0/8"));

    RevokeSecurityGroupIngressResponse reply = ec2.revokeSecurityGroupIngress(b -> b.groupId(sg)
        .ipPermissions(tcp(22, 22, "10.0.0.0/8", "172.16.0.0/12")));

    assertTrue(reply.returnValue());
    assertEquals(1, reply.unknownIpPermissions().size());
    IpPermission unknown = reply.unknownIpPermissions().get(0);
    assertEquals("tcp", unknown.ipProtocol());
    assertEquals(22, unknown.fromPort());
    assertEquals("172.16.0.0/12", unknown.ipRanges().get(0).cidrIp());
    assertEquals(1, reply.revokedSecurityGroupRules().size());
    assertEquals("10.0.0.0/8", reply.revokedSecurityGroupRules().get(0).cidrIpv4());
    assertEquals(List.of(80), fake.rules(sg).stream().map(FakeEc2Rule::fromPort).toList());
  }

  @Test
  void revokeInAnotherVpcFailsOnAnyMismatchAndRevokesNothing() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    authorizeIngress(sg, IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
        .ipRanges(r -> r.cidrIp("10.0.0.0/8").description("described")).build());

    Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.revokeSecurityGroupIngress(b -> b.groupId(sg)
        .ipPermissions(tcp(22, 22, "10.0.0.0/8"), tcp(23, 23, "10.0.0.0/8"))));

    assertEquals("InvalidPermission.NotFound", code(e));
    assertEquals(1, fake.rules(sg).size());
    // Matching needs no description.
    RevokeSecurityGroupIngressResponse reply = ec2.revokeSecurityGroupIngress(b -> b.groupId(sg)
        .ipPermissions(tcp(22, 22, "10.0.0.0/8")));
    assertFalse(reply.hasUnknownIpPermissions() && !reply.unknownIpPermissions().isEmpty());
    assertEquals(List.of(), fake.rules(sg));
  }

  @Test
  void revokeByRuleIds() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false);
    List<String> ids = authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8", "192.168.0.0/16")).securityGroupRules()
        .stream().map(SecurityGroupRule::securityGroupRuleId).toList();
    String egressId = fake.rules(sg).get(0).id();

    Ec2Exception unknown = assertThrows(Ec2Exception.class, () -> ec2.revokeSecurityGroupIngress(
        b -> b.groupId(sg).securityGroupRuleIds(ids.get(0), "sgr-00000000000000bad")));
    Ec2Exception otherDirection = assertThrows(Ec2Exception.class, () -> ec2.revokeSecurityGroupIngress(
        b -> b.groupId(sg).securityGroupRuleIds(egressId)));
    assertEquals("InvalidSecurityGroupRuleId.NotFound", code(unknown));
    assertEquals("InvalidSecurityGroupRuleId.NotFound", code(otherDirection));
    assertEquals("InvalidParameterCombination", code(assertThrows(Ec2Exception.class, () ->
        ec2.revokeSecurityGroupIngress(b -> b.groupId(sg).securityGroupRuleIds(ids.get(0))
            .ipPermissions(tcp(22, 22, "10.0.0.0/8"))))));
    assertEquals(3, fake.rules(sg).size());

    RevokeSecurityGroupIngressResponse reply = ec2.revokeSecurityGroupIngress(b -> b.groupId(sg)
        .securityGroupRuleIds(ids));
    assertEquals(Set.copyOf(ids), reply.revokedSecurityGroupRules().stream()
        .map(r -> r.securityGroupRuleId()).collect(Collectors.toSet()));
    assertEquals(List.of(egressId), fake.rules(sg).stream().map(FakeEc2Rule::id).toList());
  }

  @Test
  void describePaginatesWithNextToken() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    String other = fake.createSecurityGroup("b", "vpc-1", false);
    authorizeIngress(sg, tcp(22, 22, IntStream.range(0, 12).mapToObj(i -> "10.0." + i + ".0/24")
        .toArray(String[]::new)));

    List<String> pages = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      DescribeSecurityGroupRulesResponse page = ec2.describeSecurityGroupRules(b -> b.maxResults(5).nextToken(next)
          .filters(Filter.builder().name("group-id").values(sg).build()));
      pages.add(String.valueOf(page.securityGroupRules().size()));
      page.securityGroupRules().forEach(r -> seen.add(r.securityGroupRuleId()));
      token = page.nextToken();
    } while (token != null);

    assertEquals(List.of("5", "5", "2"), pages);
    assertEquals(fake.rules(sg).stream().map(FakeEc2Rule::id).toList(), seen);
    assertEquals(13, ec2.describeSecurityGroupRulesPaginator(b -> b.maxResults(5)).securityGroupRules()
        .stream().count());
    assertEquals(fake.rules(other).get(0).id(), ec2.describeSecurityGroupRules(b -> b.filters(
        Filter.builder().name("security-group-rule-id").values(fake.rules(other).get(0).id()).build()))
        .securityGroupRules().get(0).securityGroupRuleId());
    assertEquals("InvalidParameterValue", code(assertThrows(Ec2Exception.class,
        () -> ec2.describeSecurityGroupRules(b -> b.maxResults(4)))));
    assertEquals("InvalidPaginationToken", code(assertThrows(Ec2Exception.class,
        () -> ec2.describeSecurityGroupRules(b -> b.nextToken("garbage!")))));
  }

  @Test
  void describeByManyGroupIdsPagesTheirRulesInIdOrder() {
    String a = fake.createSecurityGroup("a", "vpc-1", false, false);
    String b = fake.createSecurityGroup("b", "vpc-1", false, false);
    String c = fake.createSecurityGroup("c", "vpc-1", false, false);
    authorizeIngress(a, tcp(22, 22, "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"));
    authorizeIngress(b, tcp(22, 22, "10.1.0.0/24", "10.1.1.0/24"));
    authorizeIngress(c, tcp(22, 22, "10.2.0.0/24"));
    authorizeIngress(a, tcp(80, 80, "10.0.0.0/24", "10.0.1.0/24"));

    List<String> seen = ec2.describeSecurityGroupRulesPaginator(r -> r.maxResults(5)
        .filters(Filter.builder().name("group-id").values(b, a, b).build())).securityGroupRules().stream()
        .map(SecurityGroupRule::securityGroupRuleId).toList();

    List<String> expected = Stream.of(a, b).flatMap(g -> fake.rules(g).stream()).map(FakeEc2Rule::id).sorted()
        .toList();
    assertEquals(7, expected.size());
    assertEquals(expected, seen);
  }

  @Test
  void describeByRuleIdsRejectsUnknownIds() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false);
    String id = fake.rules(sg).get(0).id();

    assertEquals(id, ec2.describeSecurityGroupRules(b -> b.securityGroupRuleIds(id)).securityGroupRules().get(0)
        .securityGroupRuleId());
    assertEquals("InvalidSecurityGroupRuleId.NotFound", code(assertThrows(Ec2Exception.class,
        () -> ec2.describeSecurityGroupRules(b -> b.securityGroupRuleIds("sgr-00000000000000bad")))));
  }

  @Test
  void dryRunValidatesWithoutChangingState() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8"));
    fake.clearCalls();

    Ec2Exception wouldSucceed = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupIngress(
        b -> b.groupId(sg).dryRun(true).ipPermissions(tcp(80, 80, "10.0.0.0/8"))));
    Ec2Exception duplicate = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupIngress(
        b -> b.groupId(sg).dryRun(true).ipPermissions(tcp(22, 22, "10.0.0.0/8"))));
    Ec2Exception revoke = assertThrows(Ec2Exception.class, () -> ec2.revokeSecurityGroupIngress(
        b -> b.groupId(sg).dryRun(true).ipPermissions(tcp(22, 22, "10.0.0.0/8"))));

    assertEquals("DryRunOperation", code(wouldSucceed));
    assertEquals(412, wouldSucceed.statusCode());
    assertEquals("InvalidPermission.Duplicate", code(duplicate));
    assertEquals("DryRunOperation", code(revoke));
    assertEquals(1, fake.rules(sg).size());
    assertEquals(3, fake.mutatingCallCount());
  }

  @Test
  void tagsAreStoredAndFilterable() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false);

    SecurityGroupRule created = ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg)
        .ipPermissions(tcp(22, 22, "10.0.0.0/8"))
        .tagSpecifications(t -> t.resourceType("security-group-rule").tags(g -> g.key("owner").value("portcullis"))))
        .securityGroupRules().get(0);

    assertEquals("owner", created.tags().get(0).key());
    assertEquals(Map.of("owner", "portcullis"), fake.rules(sg).get(1).tags());
    List<SecurityGroupRule> tagged = ec2.describeSecurityGroupRules(b -> b.filters(
        Filter.builder().name("tag:owner").values("portcullis").build())).securityGroupRules();
    assertEquals(List.of(created.securityGroupRuleId()),
        tagged.stream().map(SecurityGroupRule::securityGroupRuleId).toList());
    assertEquals("portcullis", tagged.get(0).tags().get(0).value());
    assertEquals("InvalidParameterValue", code(assertThrows(Ec2Exception.class, () ->
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(23, 23, "10.0.0.0/8"))
            .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("k").value("v")))))));
  }

  @Test
  void descriptionsAreUpdatedByRuleIdOrByPermission() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    List<SecurityGroupRule> created = authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8", "192.168.0.0/16"))
        .securityGroupRules();

    ec2.updateSecurityGroupRuleDescriptionsIngress(b -> b.groupId(sg).securityGroupRuleDescriptions(
        d -> d.securityGroupRuleId(created.get(0).securityGroupRuleId()).description("office")));
    ec2.updateSecurityGroupRuleDescriptionsIngress(b -> b.groupId(sg).ipPermissions(IpPermission.builder()
        .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(r -> r.cidrIp("192.168.0.0/16").description("vpn"))
        .build()));

    assertEquals(List.of(Optional.of("office"), Optional.of("vpn")),
        fake.rules(sg).stream().map(FakeEc2Rule::description).toList());
    assertEquals(created.get(0).securityGroupRuleId(), fake.rules(sg).get(0).id());
    assertEquals("InvalidPermission.NotFound", code(assertThrows(Ec2Exception.class, () ->
        ec2.updateSecurityGroupRuleDescriptionsIngress(b -> b.groupId(sg).ipPermissions(tcp(80, 80, "10.0.0.0/8"))))));
    assertEquals("InvalidSecurityGroupRuleId.NotFound", code(assertThrows(Ec2Exception.class, () ->
        ec2.updateSecurityGroupRuleDescriptionsEgress(b -> b.groupId(sg).securityGroupRuleDescriptions(
            d -> d.securityGroupRuleId(created.get(0).securityGroupRuleId()).description("x"))))));
    // Leaving the description out removes it.
    ec2.updateSecurityGroupRuleDescriptionsIngress(b -> b.groupId(sg).securityGroupRuleDescriptions(
        d -> d.securityGroupRuleId(created.get(0).securityGroupRuleId())));
    assertEquals(Optional.empty(), fake.rules(sg).get(0).description());
  }

  @Test
  void modifyChangesARuleInPlaceButNotItsRemoteKind() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    List<SecurityGroupRule> created = authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8", "192.168.0.0/16"))
        .securityGroupRules();
    String id = created.get(0).securityGroupRuleId();

    ec2.modifySecurityGroupRules(b -> b.groupId(sg).securityGroupRules(u -> u.securityGroupRuleId(id)
        .securityGroupRule(r -> r.ipProtocol("tcp").fromPort(2222).toPort(2222).cidrIpv4("10.0.0.0/8")
            .description("moved"))));

    FakeEc2Rule modified = fake.rules(sg).get(0);
    assertEquals(id, modified.id());
    assertEquals(2222, modified.fromPort());
    assertEquals(Optional.of("moved"), modified.description());
    assertEquals("InvalidParameterCombination", code(assertThrows(Ec2Exception.class, () ->
        ec2.modifySecurityGroupRules(b -> b.groupId(sg).securityGroupRules(u -> u.securityGroupRuleId(id)
            .securityGroupRule(r -> r.ipProtocol("tcp").fromPort(1).toPort(1).referencedGroupId(sg)))))));
    assertEquals("InvalidPermission.Duplicate", code(assertThrows(Ec2Exception.class, () ->
        ec2.modifySecurityGroupRules(b -> b.groupId(sg).securityGroupRules(u -> u.securityGroupRuleId(id)
            .securityGroupRule(r -> r.ipProtocol("tcp").fromPort(22).toPort(22).cidrIpv4("192.168.0.0/16")))))));
  }

  @Test
  void securityGroupsCanBeCreatedDescribedAndDeleted() {
    String id = ec2.createSecurityGroup(b -> b.groupName("api").description("API servers").vpcId("vpc-1"))
        .groupId();
    authorizeIngress(id, tcp(443, 443, "10.0.0.0/8", "192.168.0.0/16"), tcpV6(443, "::/0"));

    SecurityGroup group = ec2.describeSecurityGroups(b -> b.groupIds(id)).securityGroups().get(0);

    assertEquals("api", group.groupName());
    assertEquals("API servers", group.description());
    assertEquals(1, group.ipPermissions().size());
    assertEquals(2, group.ipPermissions().get(0).ipRanges().size());
    assertEquals("::/0", group.ipPermissions().get(0).ipv6Ranges().get(0).cidrIpv6());
    assertEquals("-1", group.ipPermissionsEgress().get(0).ipProtocol());
    assertEquals("InvalidGroup.Duplicate", code(assertThrows(Ec2Exception.class,
        () -> ec2.createSecurityGroup(b -> b.groupName("api").description("again").vpcId("vpc-1")))));

    ec2.deleteSecurityGroup(b -> b.groupId(id));
    assertThrows(IllegalArgumentException.class, () -> fake.rules(id));
    assertEquals("InvalidGroup.NotFound", code(assertThrows(Ec2Exception.class,
        () -> ec2.describeSecurityGroups(b -> b.groupIds(id)))));
  }

  @Test
  void onlyChangesCountAsMutatingCalls() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);

    authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8"));
    describe(sg);
    ec2.describeSecurityGroups(b -> b.groupIds(sg));
    assertThrows(Ec2Exception.class, () -> authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8")));

    assertEquals(List.of("AuthorizeSecurityGroupIngress", "DescribeSecurityGroupRules", "DescribeSecurityGroups",
        "AuthorizeSecurityGroupIngress"), fake.calls().stream().map(RecordedCall::operation).toList());
    assertEquals(List.of(200, 200, 200, 400), fake.calls().stream().map(RecordedCall::status).toList());
    assertEquals(2, fake.mutatingCallCount());
    assertTrue(fake.calls().stream().noneMatch(c -> c.request().body().contains("AKIDTEST")
        || c.request().query().toString().contains("AKIDTEST")));
  }

  @Test
  void injectedFaultsFailOneCallAndLeaveStateAlone() {
    String sg = fake.createSecurityGroup("a", "vpc-1", false, false);
    fake.failNext("AuthorizeSecurityGroupIngress", FakeEc2.throttling());
    fake.failNext("AuthorizeSecurityGroupIngress", Fault.error(500, "InternalError", "An internal error occurred"));
    fake.failNext("AuthorizeSecurityGroupIngress", Fault.connectionReset());

    Ec2Exception throttled = assertThrows(Ec2Exception.class, () -> authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8")));
    Ec2Exception internal = assertThrows(Ec2Exception.class, () -> authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8")));
    assertThrows(SdkClientException.class, () -> authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8")));

    assertEquals("RequestLimitExceeded", code(throttled));
    assertEquals(503, throttled.statusCode());
    assertEquals("InternalError", code(internal));
    assertEquals(500, internal.statusCode());
    assertEquals(List.of(), fake.rules(sg));
    assertEquals(1, authorizeIngress(sg, tcp(22, 22, "10.0.0.0/8")).securityGroupRules().size());
    assertEquals(List.of(503, 500, 0, 200), fake.calls().stream().map(RecordedCall::status).toList());
  }

  @Test
  void unknownActionsAreRejected() throws Exception {
    HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fake.endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Action=RunInstances&Version=2016-11-15")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(400, reply.statusCode());
    assertTrue(reply.body().contains("<Code>InvalidAction</Code>"), reply.body());
    assertTrue(reply.body().contains("<RequestID>"), reply.body());
  }
}
