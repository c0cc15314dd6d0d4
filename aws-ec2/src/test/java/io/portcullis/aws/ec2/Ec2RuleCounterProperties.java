package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortSet;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.analysis.QuotaScope;
import io.portcullis.core.analysis.QuotaUsage;
import io.portcullis.core.analysis.RuleQuota;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** The quota counter agrees with the real translation: one EC2 rule per (port range, remote) pair it sends. */
class Ec2RuleCounterProperties {
  private final Ec2RuleCounter counter = new Ec2RuleCounter();

  @Property(tries = 300)
  void countsWhatTheTranslatorSends(@ForAll("rules") @Size(max = 10) List<SecurityRule> random) {
    // Add rules that overlap the random ones (the first port range of each), so shared EC2 rules occur.
    List<SecurityRule> rules = new ArrayList<>(random);
    random.stream().filter(r -> r.protocol().hasPorts() && r.ports().ranges().size() > 1)
        .forEach(r -> rules.add(r.toBuilder().ports(PortSet.of(r.ports().ranges().get(0))).build()));
    // One description per EC2 rule: batches giving a rule two are rejected by the translator (tested elsewhere).
    List<SecurityRule> split = Ec2RuleTranslator.perPortRange(rules).stream().distinct().toList();
    Assume.that(split.stream().map(SecurityRule::withoutDescription).distinct().count() == split.size());

    Ec2Translation translation = Ec2RuleTranslator.strict().translate(rules);

    for (Direction direction : Direction.values()) {
      List<SecurityRule> ofDirection = rules.stream().filter(r -> r.direction() == direction).toList();
      assertEquals(pairs(translation.permissions(direction)), counter.count(ofDirection));
    }
    assertEquals(pairs(translation.ingress()) + pairs(translation.egress()), counter.count(rules));
  }

  @Example
  void aGroupReferenceCountsAgainstBothFamilies() {
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("ingress allow tcp 22,80 from sg-0abc123"),
        SecurityRule.parse("ingress allow tcp 22 from 2001:db8::/32"),
        SecurityRule.parse("ingress allow any from pl-0123"),
        SecurityRule.parse("egress allow icmp type 8 to 10.0.0.0/8"));

    List<QuotaUsage> usages = new QuotaChecker(counter, RuleQuota.perDirectionAndFamily(60)).check(rules).usages();

    assertEquals(List.of(QuotaScope.of(Direction.INGRESS, IpVersion.IPV4), QuotaScope.of(Direction.INGRESS,
        IpVersion.IPV6), QuotaScope.of(Direction.EGRESS, IpVersion.IPV4), QuotaScope.of(Direction.EGRESS,
        IpVersion.IPV6)), usages.stream().map(QuotaUsage::scope).toList());
    assertEquals(List.of(3, 4, 1, 0), usages.stream().map(QuotaUsage::count).toList());
  }

  @Provide
  Arbitrary<List<SecurityRule>> rules() {
    return new Ec2RuleTranslatorProperties().rules();
  }

  private static int pairs(List<IpPermission> permissions) {
    return permissions.stream().mapToInt(p -> p.ipRanges().size() + p.ipv6Ranges().size()
        + p.prefixListIds().size() + p.userIdGroupPairs().size()).sum();
  }
}
