package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IcmpMatch;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.PrefixListRemote;
import io.portcullis.core.Protocol;
import io.portcullis.core.Remote;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Forward then reverse translation gives back the rules, each multiport rule as one rule per port range. */
class Ec2RuleTranslatorProperties {
  private static final String DESCRIPTION_CHARS =
      "abcxyzABCXYZ0189 ._-:/()#,@[]+=&;{}!$*";

  @Property(tries = 300)
  void reverseOfForwardGivesBackTheRules(@ForAll("rules") @Size(min = 1, max = 8) List<SecurityRule> rules) {
    // Two descriptions for one rule cannot both be kept: the translator rejects such a batch (tested elsewhere).
    Set<SecurityRule> expected = new HashSet<>(Ec2RuleTranslator.perPortRange(rules));
    Assume.that(expected.stream().map(SecurityRule::withoutDescription).distinct().count() == expected.size());
    Ec2Translation translation = Ec2RuleTranslator.strict().translate(rules);

    Set<SecurityRule> back = new HashSet<>(Ec2RuleTranslator.reverse(Direction.INGRESS, translation.ingress()));
    back.addAll(Ec2RuleTranslator.reverse(Direction.EGRESS, translation.egress()));

    assertEquals(expected, back);
  }

  @Provide
  Arbitrary<List<SecurityRule>> rules() {
    return rule().list();
  }

  private Arbitrary<SecurityRule> rule() {
    Arbitrary<Protocol> protocols = Arbitraries.oneOf(
        Arbitraries.of(Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ICMPV6, Protocol.ANY),
        Arbitraries.integers().between(0, 255).map(Protocol::of));
    Arbitrary<Optional<String>> descriptions = Arbitraries.strings().withChars(DESCRIPTION_CHARS).ofMinLength(1)
        .ofMaxLength(30).optional(0.4);
    return Combinators.combine(Arbitraries.of(Direction.class), protocols, ports(), icmp(), remote(), descriptions)
        .as((direction, protocol, ports, icmp, remote, description) -> {
          try {
            return Optional.of(SecurityRule.builder().direction(direction).protocol(protocol)
                .ports(protocol.hasPorts() ? ports : PortSet.all())
                .icmp(protocol.isIcmp() ? icmp : IcmpMatch.any())
                .remote(remote).description(description).build());
          } catch (InvalidRuleException e) {
            return Optional.<SecurityRule>empty(); // e.g. icmp with an IPv6 remote
          }
        })
        .filter(Optional::isPresent).map(Optional::get);
  }

  private Arbitrary<PortSet> ports() {
    Arbitrary<PortRange> range = Arbitraries.integers().between(0, 65535).flatMap(from ->
        Arbitraries.integers().between(Math.max(from, 1), Math.min(65535, Math.max(from, 1) + 2000))
            .map(to -> PortRange.of(from, to)));
    return Arbitraries.oneOf(Arbitraries.just(PortSet.all()),
        range.list().ofMinSize(1).ofMaxSize(4).map(PortSet::of));
  }

  private Arbitrary<IcmpMatch> icmp() {
    Arbitrary<Integer> number = Arbitraries.integers().between(0, 255);
    return Arbitraries.oneOf(Arbitraries.just(IcmpMatch.any()), number.map(IcmpMatch::type),
        Combinators.combine(number, number).as(IcmpMatch::of));
  }

  private Arbitrary<Remote> remote() {
    Arbitrary<Remote> v4 = Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 32))
        .as((address, length) -> CidrBlock.of(new IPv4Address(address).setPrefixLength(length, false).toPrefixBlock()));
    Arbitrary<Remote> v6 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16),
            Arbitraries.integers().between(0, 128))
        .as((bytes, length) -> CidrBlock.of(new IPv6Address(bytes).setPrefixLength(length, false).toPrefixBlock()));
    Arbitrary<String> id = Arbitraries.strings().withCharRange('a', 'f').numeric().ofMinLength(3).ofMaxLength(8);
    Arbitrary<Remote> group = Combinators.combine(id.map(s -> "sg-" + s).optional(0.8),
            id.map(s -> "name-" + s).optional(0.3), id.optional(0.5), id.map(s -> "vpc-" + s).optional(0.2),
            id.map(s -> "pcx-" + s).optional(0.2))
        .as((groupId, name, owner, vpc, peering) -> {
          SecurityGroupRemote.Builder b = SecurityGroupRemote.builder();
          b.groupId(groupId).groupName(groupId.isPresent() ? name : name.or(() -> Optional.of("default")))
              .ownerId(owner).vpcId(vpc).vpcPeeringConnectionId(peering);
          return b.build();
        });
    Arbitrary<Remote> prefixList = id.map(s -> PrefixListRemote.of("pl-" + s));
    return Arbitraries.oneOf(v4, v6, group, prefixList);
  }
}
