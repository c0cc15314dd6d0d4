package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import io.portcullis.core.Action;
import io.portcullis.core.AddressGroupRemote;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.Remote;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Forward then reverse gives back the rule as Huawei holds it, for every rule v3 can express. */
class HuaweiRuleTranslatorProperties {
  private final HuaweiRuleTranslator translator = new HuaweiRuleTranslator();

  @Property(tries = 500)
  void reverseOfForwardIsTheNormalisedRule(@ForAll("expressibleRules") SecurityRule rule) {
    List<SecurityRule> back = translator.toCreateOptions("sg-1", rule).stream()
        .map(HuaweiRuleTranslatorProperties::asStored)
        .map(stored -> translator.fromHuawei(stored).rule())
        .collect(Collectors.toList());
    assertEquals(translator.split(rule), back);
    if (rule.ports().ranges().size() <= HuaweiRuleTranslator.MAX_PORT_ENTRIES) {
      assertEquals(List.of(translator.normalize(rule)), back);
      if (rule.priority().isPresent() && rule.description().filter(String::isEmpty).isEmpty()) {
        assertEquals(List.of(rule), back);
      }
    } else {
      assertTrue(back.stream().allMatch(r -> r.ports().ranges().size() <= HuaweiRuleTranslator.MAX_PORT_ENTRIES));
      assertEquals(rule.ports(), back.stream().map(SecurityRule::ports).reduce(PortSet::union).orElseThrow());
    }
  }

  /** What the v3 API stores for a create option and returns (priority as an Integer). */
  private static SecurityGroupRule asStored(CreateSecurityGroupRuleOption o) {
    return new SecurityGroupRule().withId("id").withSecurityGroupId(o.getSecurityGroupId())
        .withDirection(o.getDirection()).withEthertype(o.getEthertype()).withProtocol(o.getProtocol())
        .withMultiport(o.getMultiport()).withRemoteIpPrefix(o.getRemoteIpPrefix())
        .withRemoteGroupId(o.getRemoteGroupId()).withRemoteAddressGroupId(o.getRemoteAddressGroupId())
        .withAction(o.getAction()).withPriority(Integer.valueOf(o.getPriority())).withDescription(o.getDescription());
  }

  @Provide
  Arbitrary<SecurityRule> expressibleRules() {
    return remotes().flatMap(remote -> Combinators.combine(
        Arbitraries.of(Direction.class),
        Arbitraries.of(Action.class),
        protocolsAndPorts(remote.ipVersion()),
        Arbitraries.integers().between(1, 100).optional(),
        Arbitraries.strings().withCharRange(' ', '~').excludeChars('<', '>').ofMaxLength(255).optional())
        .as((direction, action, protocolPorts, priority, description) -> SecurityRule.builder()
            .direction(direction).action(action).protocol(protocolPorts.protocol()).ports(protocolPorts.ports())
            .remote(remote).priority(priority).description(description).build()));
  }

  private record ProtocolPorts(Protocol protocol, PortSet ports) {}

  private static Arbitrary<ProtocolPorts> protocolsAndPorts(IpVersion ipVersion) {
    Arbitrary<ProtocolPorts> withPorts = Combinators.combine(Arbitraries.of(Protocol.TCP, Protocol.UDP), portSets())
        .as(ProtocolPorts::new);
    Arbitrary<ProtocolPorts> without = Arbitraries.oneOf(
        Arbitraries.just(Protocol.ANY),
        Arbitraries.just(ipVersion == IpVersion.IPV6 ? Protocol.ICMPV6 : Protocol.ICMP),
        Arbitraries.integers().between(0, 255).map(Protocol::of)
            .filter(p -> !p.isIcmp() && !p.hasPorts()))
        .map(p -> new ProtocolPorts(p, PortSet.all()));
    return Arbitraries.frequencyOf(Tuple.of(3, withPorts), Tuple.of(1, without));
  }

  private static Arbitrary<PortSet> portSets() {
    Arbitrary<PortRange> range = Arbitraries.integers().between(1, PortRange.MAX_PORT)
        .flatMap(from -> Arbitraries.integers().between(from, Math.min(PortRange.MAX_PORT, from + 50))
            .map(to -> PortRange.of(from, to)));
    return Arbitraries.oneOf(
        Arbitraries.just(PortSet.all()),
        range.list().ofMinSize(1).ofMaxSize(60).map(PortSet::of));
  }

  private static Arbitrary<Remote> remotes() {
    Arbitrary<IpVersion> versions = Arbitraries.of(IpVersion.class);
    Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
        .ofMinLength(1).ofMaxLength(36).filter(s -> !s.isBlank());
    Arbitrary<Remote> v4 = Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 32))
        .as((bits, prefix) -> CidrBlock.of(new IPv4Address(bits, prefix).toPrefixBlock()));
    Arbitrary<Remote> v6 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16),
        Arbitraries.integers().between(0, 128))
        .as((bytes, prefix) -> CidrBlock.of(new IPv6Address(bytes, prefix).toPrefixBlock()));
    Arbitrary<Remote> group = Combinators.combine(ids, versions)
        .as((id, v) -> SecurityGroupRemote.builder().groupId(id).ipVersion(v).build());
    Arbitrary<Remote> addressGroup = Combinators.combine(ids, versions).as(AddressGroupRemote::new);
    return Arbitraries.oneOf(v4, v6, group, addressGroup);
  }
}
