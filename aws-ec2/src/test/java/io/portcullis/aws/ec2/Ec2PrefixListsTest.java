package io.portcullis.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.analysis.QuotaExceededPlanException;
import io.portcullis.core.analysis.QuotaUsage;
import io.portcullis.core.analysis.RuleQuota;
import io.portcullis.testkit.FakeEc2;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Prefix-list references count as the list's maximum entries, read with DescribeManagedPrefixLists. */
class Ec2PrefixListsTest {
  private final Ec2WireMock wire = new Ec2WireMock();

  @AfterEach
  void stop() {
    wire.close();
  }

  private static String list(String id, String maxEntries) {
    return "<item><prefixListId>" + id + "</prefixListId><addressFamily>IPv4</addressFamily><state>create-complete"
        + "</state><prefixListName>" + id + "</prefixListName>" + maxEntries + "<version>1</version></item>";
  }

  @Test
  void maxEntriesAreReadPageByPageForTheListsAsked() {
    wire.reply("DescribeManagedPrefixLists", notContaining("NextToken"),
        "<prefixListSet>" + list("pl-a", "<maxEntries>10</maxEntries>") + "</prefixListSet><nextToken>t1</nextToken>");
    wire.reply("DescribeManagedPrefixLists", containing("NextToken=t1"), "<prefixListSet>"
        + list("pl-b", "<maxEntries>25</maxEntries>") + list("pl-aws", "") + "</prefixListSet>");

    Map<String, Integer> sizes = Ec2PrefixLists.maxEntries(wire.client, List.of("pl-a", "pl-b", "pl-aws"));

    assertEquals(Map.of("pl-a", 10, "pl-b", 25), sizes, "an AWS-managed list reports no MaxEntries");
    assertEquals(2, wire.requests().size());
    assertEquals(Ec2WireMock.params("Action=DescribeManagedPrefixLists", "PrefixListId.1=pl-a",
        "PrefixListId.2=pl-b", "PrefixListId.3=pl-aws", "Version=2016-11-15"), Ec2WireMock.form(wire.requests().get(0)));
  }

  @Test
  void noListsNoCall() {
    assertEquals(Map.of(), Ec2PrefixLists.maxEntries(wire.client, List.of()));
    assertEquals(0, wire.requests().size());
  }

  @Test
  void refusalsAreTypedAndARepeatedTokenEndsTheListing() {
    wire.error("DescribeManagedPrefixLists", 403, "UnauthorizedOperation", "req-403");
    UnauthorizedException refused = assertThrows(UnauthorizedException.class,
        () -> Ec2PrefixLists.maxEntries(wire.client, List.of("pl-a")));
    assertEquals(Optional.of("req-403"), refused.requestId());

    wire.server.resetAll();
    wire.reply("DescribeManagedPrefixLists",
        "<prefixListSet>" + list("pl-a", "<maxEntries>10</maxEntries>") + "</prefixListSet><nextToken>t1</nextToken>");
    ProviderReplyException looping = assertThrows(ProviderReplyException.class,
        () -> Ec2PrefixLists.maxEntries(wire.client, List.of("pl-a")));
    assertTrue(looping.getMessage().contains("'t1' came back a second time"), looping.getMessage());
    assertEquals(2, wire.requests().size());
  }

  @Test
  void aPrefixListReferenceCountsAsItsMaxEntriesInBothFamilies() {
    Ec2RuleCounter counter = new Ec2RuleCounter().withPrefixListSizes(Map.of("pl-0123", 20));
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("ingress allow tcp 22,80 from pl-0123"),
        SecurityRule.parse("ingress allow tcp 443 from pl-0456"),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"));

    List<QuotaUsage> usages = new QuotaChecker(counter, RuleQuota.perDirectionAndFamily(60)).check(rules).usages();

    // ingress IPv4: 2 port ranges x 20 entries + 1 unknown list + 1 CIDR; ingress IPv6: the lists only
    assertEquals(List.of(42, 41, 0, 0), usages.stream().map(QuotaUsage::count).toList());
    assertEquals(2, new Ec2RuleCounter().count(rules.subList(0, 1)), "a list of unknown size counts as one");
    assertThrows(QuotaExceededPlanException.class,
        () -> new QuotaChecker(counter.withPrefixListSizes(Map.of("pl-0123", 30)), RuleQuota.perDirectionAndFamily(60))
            .requireWithinQuota(rules));
  }

  @Test
  void theSizesReadFromTheTestKitsFakeMakeTheCounterAgreeWithItsQuota() {
    try (FakeEc2 fake = new FakeEc2();
        Ec2Client ec2 = Ec2Client.builder().endpointOverride(fake.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .build()) {
      String office = fake.createManagedPrefixList("office", "IPv4", 25);
      String sg = fake.createSecurityGroup("web", "vpc-1", false, false);
      List<SecurityRule> rules = List.of(SecurityRule.parse("ingress allow tcp 22,80,443 from " + office));
      Ec2RuleCounter counter = new Ec2RuleCounter().withPrefixListSizes(Ec2PrefixLists.maxEntries(ec2, List.of(office)));

      QuotaExceededPlanException e = assertThrows(QuotaExceededPlanException.class,
          () -> new QuotaChecker(counter, RuleQuota.perDirectionAndFamily(60)).requireWithinQuota(rules));
      Ec2Exception refused = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupIngress(b -> b
          .groupId(sg).ipPermissions(Ec2RuleTranslator.strict().translate(rules).ingress())));

      assertEquals(75, e.report().exceeded().get(0).count());
      assertEquals("RulesPerSecurityGroupLimitExceeded", refused.awsErrorDetails().errorCode());
    }
  }

  @Test
  void quotaSettingsBelowOneAreRefusedNamingTheSetting() {
    InvalidSettingException size = assertThrows(InvalidSettingException.class,
        () -> new Ec2RuleCounter().withPrefixListSizes(Map.of("pl-0123", 0)));
    assertEquals("prefixListSizes[pl-0123]", size.violation().field());

    Ec2Client client = wire.client;
    for (int bad : new int[] {0, -5}) {
      InvalidSettingException quota = assertThrows(InvalidSettingException.class,
          () -> new Ec2SecurityGroupRules(client).withRulesPerGroup(bad));
      assertEquals("rulesPerGroup", quota.violation().field());
      assertEquals(Integer.toString(bad), quota.violation().value());
      assertEquals("1 or more", quota.violation().allowed());
    }
  }
}
