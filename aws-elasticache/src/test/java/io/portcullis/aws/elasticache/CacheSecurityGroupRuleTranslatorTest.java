package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleRejection;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.TranslationWarning;
import io.portcullis.core.UnsupportedRuleException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;

class CacheSecurityGroupRuleTranslatorTest {
  private static final CacheSecurityGroupRuleTranslator STRICT =
      new CacheSecurityGroupRuleTranslator(TranslationPolicy.STRICT);
  private static final CacheSecurityGroupRuleTranslator LENIENT =
      new CacheSecurityGroupRuleTranslator(TranslationPolicy.LENIENT);

  private static SecurityRule rule(String text) {
    return SecurityRule.parse(text);
  }

  @Test
  void theSeedAuthorisationTranslatesExactly() {
    CacheSecurityGroupAuthorization a =
        STRICT.toAuthorization(rule("ingress allow any from group-name default owner 1234-5678-1234"));

    assertEquals(new CacheSecurityGroupAuthorization("default", "1234-5678-1234"), a);
    assertEquals("1234-5678-1234/default", a.providerId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      egress allow any to group-name default owner 1                    | have no egress rules
      ingress deny any from group-name default owner 1                  | a deny rule has no equivalent
      ingress allow any from group-name default owner 1 priority 5      | priority 5 cannot be expressed
      ingress allow any from group-name default owner 1 ipv6            | have no IPv6 rules
      ingress allow any from 10.0.0.0/8                                 | cannot use a CIDR block as the remote
      ingress allow any from pl-12345678                                | cannot use a prefix list as the remote
      ingress allow any from address-group ag-1                         | cannot use an address group as the remote
      ingress allow any from sg-0abc123 owner 1                         | by its name, not its id (sg-0abc123)
      ingress allow any from sg-0abc123 name default owner 1            | the id sg-0abc123 cannot be sent
      ingress allow any from group-name default                         | need the EC2 group's owner account number
      ingress allow any from group-name default owner 1 vpc vpc-1       | the group's VPC (vpc-1) cannot be named
      ingress allow any from group-name default owner 1 peering pcx-1   | VPC peering connection (pcx-1)
      ingress allow tcp 6379 from group-name default owner 1            | 'tcp 6379' cannot be expressed
      ingress allow udp from group-name default owner 1                 | 'udp' cannot be expressed
      ingress allow icmp type 8 from group-name default owner 1         | 'icmp type 8' cannot be expressed
      ingress allow icmpv6 from group-name default owner 1              | 'icmpv6' cannot be expressed
      ingress allow tcp 0 from group-name default owner 1               | 'tcp 0' cannot be expressed
      ingress allow any from group-name default owner 1 "cache clients" | "cache clients" would be lost
      """)
  void strictRejectsWithThePlainReason(String text, String reason) {
    SecurityRule r = rule(text);
    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> STRICT.toAuthorization(r));

    assertEquals("aws-elasticache", e.provider());
    RuleRejection rejection = e.rejections().get(0);
    assertEquals(r, rejection.rule());
    assertTrue(rejection.reasons().stream().anyMatch(s -> s.contains(reason)), rejection.reasons().toString());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void aRuleWithSeveralProblemsListsEveryReasonOnce() {
    SecurityRule r = rule("egress deny tcp 22 to 10.0.0.0/8 priority 3");

    List<String> reasons = STRICT.check(r);

    assertEquals(5, reasons.size(), reasons.toString());
  }

  @Test
  void aBatchIsRejectedAsAWholeNamingEachBadRule() {
    SecurityRule good = rule("ingress allow any from group-name app owner 111122223333");
    SecurityRule egress = rule("egress allow any to group-name app owner 111122223333");
    SecurityRule cidr = rule("ingress allow any from 203.0.113.0/24");

    UnsupportedRuleException e =
        assertThrows(UnsupportedRuleException.class, () -> STRICT.translate(List.of(good, egress, cidr)));

    assertEquals(List.of(egress, cidr), e.rejections().stream().map(RuleRejection::rule).toList());
  }

  @Test
  void lenientWidensProtocolAndPortsAndDropsTheDescriptionWithWarnings() {
    SecurityRule redis = rule("ingress allow tcp 6379 from group-name app owner 111122223333 \"redis clients\"");
    SecurityRule memcached = rule("ingress allow tcp 11211 from group-name app owner 111122223333");
    SecurityRule exact = rule("ingress allow any from group-name web owner 111122223333");

    CacheSecurityGroupTranslation t = LENIENT.translate(List.of(redis, memcached, exact));

    CacheSecurityGroupAuthorization app = new CacheSecurityGroupAuthorization("app", "111122223333");
    CacheSecurityGroupAuthorization web = new CacheSecurityGroupAuthorization("web", "111122223333");
    assertEquals(
        List.of(new TranslatedAuthorization(app, List.of(redis, memcached)),
            new TranslatedAuthorization(web, List.of(exact))),
        t.authorizations());
    assertEquals(List.of(redis, memcached), t.warnings().stream().map(TranslationWarning::rule).toList());
    String first = t.warnings().get(0).message();
    assertTrue(first.contains("'tcp 6379' widened to any protocol and port"), first);
    assertTrue(first.contains("description dropped"), first);
    assertTrue(!t.warnings().get(1).message().contains("description"), t.warnings().get(1).message());
  }

  @Test
  void ruleTagsAreRejectedWhenStrictAndDroppedWithAWarningWhenLenient() {
    SecurityRule tagged = rule("ingress allow any from group-name app owner 111122223333").toBuilder()
        .putTags("team", "edge").build();

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class,
        () -> STRICT.translate(List.of(tagged)));
    assertEquals(List.of(tagged), e.rejections().stream().map(r -> r.rule()).toList());
    assertTrue(e.getMessage().contains("have no tags: tags {team=edge} would be lost"), e.getMessage());

    CacheSecurityGroupTranslation t = LENIENT.translate(List.of(tagged));
    assertEquals("tags {team=edge} dropped: ElastiCache authorisations have none", t.warnings().get(0).message());
  }

  @Test
  void lenientStillRejectsWhatCannotBeWidened() {
    SecurityRule r = rule("egress allow tcp 6379 to sg-0abc123");

    List<String> reasons = LENIENT.check(r);

    assertTrue(reasons.stream().anyMatch(s -> s.contains("have no egress rules")), reasons.toString());
    assertTrue(reasons.stream().anyMatch(s -> s.contains("not its id")), reasons.toString());
    assertTrue(reasons.stream().noneMatch(s -> s.contains("tcp 6379")), reasons.toString());
  }

  @Test
  void exactRulesTranslateWithoutWarnings() {
    CacheSecurityGroupTranslation t =
        STRICT.translate(List.of(rule("ingress allow any from group-name app owner 111122223333")));

    assertEquals(List.of(), t.warnings());
    assertEquals(1, t.authorizations().size());
  }

  @Test
  void theSeedResponseEntryReadsBackAsTheNeutralRuleWithItsStatus() {
    CacheSecurityGroup group = CacheSecurityGroup.builder()
        .cacheSecurityGroupName("mygroup")
        .ec2SecurityGroups(
            EC2SecurityGroup.builder().status("authorizing").ec2SecurityGroupName("default")
                .ec2SecurityGroupOwnerId("565419523791").build(),
            EC2SecurityGroup.builder().status("revoking").ec2SecurityGroupName("web")
                .ec2SecurityGroupOwnerId("111122223333").build())
        .build();

    List<ProvisionedRule> rules = CacheSecurityGroupRuleTranslator.toProvisionedRules(group);

    assertEquals(2, rules.size());
    ProvisionedRule seed = rules.get(0);
    assertEquals("565419523791/default", seed.providerId());
    assertEquals(rule("ingress allow any from group-name default owner 565419523791"), seed.rule());
    assertEquals(Optional.of("authorizing"), seed.state());
    assertEquals(Optional.of("mygroup"), seed.groupId());
    assertEquals(Optional.of("revoking"), rules.get(1).state());
    // what was read back translates to the same authorisation again
    assertEquals(new CacheSecurityGroupAuthorization("default", "565419523791"), STRICT.toAuthorization(seed.rule()));
  }

  @Test
  void capabilitiesDescribeAnIngressAllowOnlyProvider() {
    assertEquals(List.of(), CacheSecurityGroupRuleTranslator.CAPABILITIES.check(
        rule("ingress allow any from group-name default owner 1")));
    assertEquals(1, CacheSecurityGroupRuleTranslator.CAPABILITIES.check(
        rule("ingress allow any from group-name default owner 1 \"x\"")).size());
  }

  @Test
  void theProviderFormIsOneRulePerAuthorisationWithTheOwnerAsReported() {
    List<SecurityRule> form = LENIENT.providerForm(List.of(
        rule("ingress allow tcp 6379 from group-name app owner 1234-5678-1234 \"redis\""),
        rule("ingress allow tcp 11211 from group-name app owner 123456781234"),
        rule("ingress allow any from group-name batch owner 565419523791"),
        rule("ingress allow any from group-name keys owner 12345678-1234")));

    assertEquals(List.of(
        rule("ingress allow any from group-name app owner 123456781234"),
        rule("ingress allow any from group-name batch owner 565419523791"),
        // only the 4-4-4 grouping is an account number written with dashes; anything else is kept as given
        rule("ingress allow any from group-name keys owner 12345678-1234")), form);
  }

  @Test
  void theProviderFormRejectsTheWholeBatchUnderStrict() {
    List<SecurityRule> rules = List.of(rule("ingress allow any from group-name app owner 123456789012"),
        rule("ingress allow tcp 6379 from group-name api owner 123456789012"),
        rule("ingress allow any from group-name batch owner 123456789012 \"batch\""));

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> STRICT.providerForm(rules));

    assertEquals(rules.subList(1, 3), e.rejections().stream().map(RuleRejection::rule).toList());
  }
}
