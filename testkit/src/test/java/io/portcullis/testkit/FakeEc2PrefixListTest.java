package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;

/** Prefix lists of {@link FakeEc2}: listed with their maximum entries, and counted as them against the quota. */
class FakeEc2PrefixListTest {
  private FakeEc2 fake;
  private Ec2Client ec2;
  private String sg;

  @BeforeEach
  void start() {
    fake = new FakeEc2();
    ec2 = AwsClients.ec2(fake.endpoint());
    sg = fake.createSecurityGroup("web", "vpc-1", false, false);
  }

  @AfterEach
  void stop() {
    ec2.close();
    fake.close();
  }

  private void authorize(int port, String prefixListId) {
    ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("tcp")
        .fromPort(port).toPort(port).prefixListIds(p -> p.prefixListId(prefixListId)).build()));
  }

  @Test
  void describeListsMaxEntriesPageByPage() {
    String a = fake.createManagedPrefixList("office", "IPv4", 10);
    String b = fake.createManagedPrefixList("vpn", "IPv6", 25);

    DescribeManagedPrefixListsResponse first = ec2.describeManagedPrefixLists(r -> r.maxResults(1));
    DescribeManagedPrefixListsResponse second = ec2.describeManagedPrefixLists(r -> r.maxResults(1)
        .nextToken(first.nextToken()));
    List<ManagedPrefixList> one = ec2.describeManagedPrefixLists(r -> r.prefixListIds(b)).prefixLists();

    assertEquals(List.of(a), first.prefixLists().stream().map(ManagedPrefixList::prefixListId).toList());
    assertEquals(10, first.prefixLists().get(0).maxEntries());
    assertEquals(List.of(b), second.prefixLists().stream().map(ManagedPrefixList::prefixListId).toList());
    assertEquals(null, second.nextToken());
    assertEquals("IPv6", one.get(0).addressFamily());
    assertEquals(25, one.get(0).maxEntries());
    Ec2Exception unknown = assertThrows(Ec2Exception.class,
        () -> ec2.describeManagedPrefixLists(r -> r.prefixListIds("pl-nope")));
    assertEquals("InvalidPrefixListID.NotFound", unknown.awsErrorDetails().errorCode());
  }

  @Test
  void aReferenceCountsAsTheListsMaxEntriesInBothFamilies() {
    fake.setRulesPerGroup(25);
    String office = fake.createManagedPrefixList("office", "IPv4", 10);

    authorize(22, office);
    authorize(80, office);
    authorize(443, "pl-unknown");
    Ec2Exception full = assertThrows(Ec2Exception.class, () -> authorize(8080, office));

    assertEquals("RulesPerSecurityGroupLimitExceeded", full.awsErrorDetails().errorCode());
    assertEquals(3, fake.rules(sg).size());
  }
}
