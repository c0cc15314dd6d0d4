package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.FuzzInputs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.elasticache.model.CacheSecurityGroup;
import software.amazon.awssdk.services.elasticache.model.EC2SecurityGroup;

/**
 * Reading back what DescribeCacheSecurityGroups reports, however malformed: random {@link CacheSecurityGroup}s
 * give rules that survive the text form, or an {@link InvalidRuleException} with a message.
 */
class CacheSecurityGroupReverseProperties {
  @Property(tries = 300)
  void wellFormedEntriesReadBackAsRulesThatSurviveTheTextForm(@ForAll("wellFormedGroups") CacheSecurityGroup group) {
    readBack(group);
  }

  @Property(tries = 300)
  void anyEntriesReadBackAsRulesOrTypedErrors(@ForAll("groups") CacheSecurityGroup group) {
    readBack(group);
  }

  private static void readBack(CacheSecurityGroup group) {
    FuzzInputs.attempt(group.toString(), () -> CacheSecurityGroupRuleTranslator.toProvisionedRules(group),
        InvalidRuleException.class).ifPresent(rules -> {
          assertEquals(group.ec2SecurityGroups().size(), rules.size());
          for (ProvisionedRule p : rules) {
            assertEquals(p.rule(), SecurityRule.parse(p.rule().toText()), group.toString());
          }
        });
  }

  @Provide
  Arbitrary<CacheSecurityGroup> groups() {
    return groups(strings());
  }

  @Provide
  Arbitrary<CacheSecurityGroup> wellFormedGroups() {
    return groups(strings().filter(s -> s != null && !s.isBlank()));
  }

  private static Arbitrary<CacheSecurityGroup> groups(Arbitrary<String> namesAndOwners) {
    Arbitrary<EC2SecurityGroup> entry = Builders.withBuilder(EC2SecurityGroup::builder)
        .use(namesAndOwners).in((b, v) -> b.ec2SecurityGroupName(v))
        .use(namesAndOwners).in((b, v) -> b.ec2SecurityGroupOwnerId(v))
        .use(Arbitraries.oneOf(Arbitraries.of("authorized", "authorizing", "revoking", ""), strings()))
        .in((b, v) -> b.status(v))
        .build(EC2SecurityGroup.Builder::build);
    return Builders.withBuilder(CacheSecurityGroup::builder)
        .use(strings()).in((b, v) -> b.cacheSecurityGroupName(v))
        .use(strings()).in((b, v) -> b.ownerId(v))
        .use(entry.list().ofMaxSize(4)).in((b, v) -> b.ec2SecurityGroups(v))
        .build(CacheSecurityGroup.Builder::build);
  }

  private static Arbitrary<String> strings() {
    return Arbitraries.oneOf(Arbitraries.of("", " ", "default", "web", "123456789012", "1234-5678-1234", "\"",
        "\\", "a b", "owner", "\u0000", "😀", "sg-1"), Arbitraries.strings().all().ofMaxLength(12))
        .injectNull(0.15);
  }
}
