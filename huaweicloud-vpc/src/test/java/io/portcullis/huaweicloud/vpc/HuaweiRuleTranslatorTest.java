package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertIterableEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import io.portcullis.core.PortSet;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnsupportedRuleException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HuaweiRuleTranslatorTest {
  static final String GROUP = "1c8d9f94-6022-4518-bb98-e0145fcc7b33";
  static final String SEED_RULE =
      "ingress allow tcp 33 from 10.10.0.0/16 priority 1 \"security group rule description\"";

  private final HuaweiRuleTranslator translator = new HuaweiRuleTranslator();

  private CreateSecurityGroupRuleOption one(String rule) {
    List<CreateSecurityGroupRuleOption> options = translator.toCreateOptions(GROUP, SecurityRule.parse(rule));
    assertEquals(1, options.size());
    return options.get(0);
  }

  @Test
  void seedRuleGivesTheSeedFieldsPlusEthertype() {
    CreateSecurityGroupRuleOption o = one(SEED_RULE);
    assertEquals(new CreateSecurityGroupRuleOption().withSecurityGroupId(GROUP).withDirection("ingress")
        .withEthertype("IPv4").withProtocol("tcp").withDescription("security group rule description")
        .withAction("allow").withPriority("1").withMultiport("33").withRemoteIpPrefix("10.10.0.0/16"), o);
  }

  @Test
  void anyProtocolAllPortsAndNoPriorityGetDefaultsExplicitly() {
    CreateSecurityGroupRuleOption o = one("egress allow any to ::/0");
    assertNull(o.getProtocol());
    assertNull(o.getMultiport());
    assertEquals("IPv6", o.getEthertype());
    assertEquals("::/0", o.getRemoteIpPrefix());
    assertEquals("allow", o.getAction());
    assertEquals("1", o.getPriority());
    assertNull(o.getDescription());
  }

  @Test
  void defaultPriorityIsConfigurable() {
    HuaweiRuleTranslator t = new HuaweiRuleTranslator(100);
    SecurityRule rule = SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8");
    assertEquals("100", t.toCreateOptions(GROUP, rule).get(0).getPriority());
    assertEquals(SecurityRule.parse("ingress allow udp 53 from 10.0.0.0/8 priority 100"), t.normalize(rule));
    assertThrows(IllegalArgumentException.class, () -> new HuaweiRuleTranslator(0));
    assertThrows(IllegalArgumentException.class, () -> new HuaweiRuleTranslator(101));
  }

  @Test
  void denyWithPriorityAndGroupRemoteOfIpv6() {
    CreateSecurityGroupRuleOption o = one("ingress deny tcp 22,3389 from group 0552091e-b83a-49dd-88a7-4a5c86fd9ec3"
        + " ipv6 priority 5");
    assertEquals("deny", o.getAction());
    assertEquals("5", o.getPriority());
    assertEquals("22,3389", o.getMultiport());
    assertEquals("IPv6", o.getEthertype());
    assertEquals("0552091e-b83a-49dd-88a7-4a5c86fd9ec3", o.getRemoteGroupId());
    assertNull(o.getRemoteIpPrefix());
  }

  @Test
  void addressGroupRemoteAndProtocolNumber() {
    CreateSecurityGroupRuleOption o = one("egress allow 47 to address-group ag-1 priority 3");
    assertEquals("47", o.getProtocol());
    assertEquals("ag-1", o.getRemoteAddressGroupId());
    assertEquals("IPv4", o.getEthertype());
  }

  @Test
  void moreThanTwentyPortEntriesAreSplitIntoRulesOfAtMostTwenty() {
    String ports = IntStream.rangeClosed(1, 45).mapToObj(i -> Integer.toString(i * 10))
        .collect(Collectors.joining(","));
    SecurityRule rule = SecurityRule.parse("ingress allow tcp " + ports + " from 10.0.0.0/8 priority 7");
    List<BatchCreateSecurityGroupRulesOption> options = translator.toBatchOptions(rule);
    assertEquals(List.of(20, 20, 5), options.stream().map(o -> o.getMultiport().split(",").length)
        .collect(Collectors.toList()));
    assertEquals(rule.ports(), options.stream().map(o -> PortSet.parse(o.getMultiport()))
        .reduce(PortSet::union).orElseThrow());
    assertTrue(options.stream().allMatch(o -> o.getPriority().equals("7") && o.getRemoteIpPrefix()
        .equals("10.0.0.0/8")));
    assertEquals(3, translator.split(rule).size());
  }

  @Test
  void exactlyTwentyEntriesStayOneRule() {
    String ports = IntStream.rangeClosed(1, 20).mapToObj(i -> Integer.toString(i * 10))
        .collect(Collectors.joining(","));
    assertEquals(1, translator.toBatchOptions(SecurityRule.parse("ingress allow tcp " + ports + " from 10.0.0.0/8"))
        .size());
  }

  @Test
  void rejectsWhatV3CannotExpressNamingEveryRuleAndReason() {
    List<SecurityRule> rules = List.of(
        SecurityRule.parse("ingress allow tcp 443 from pl-0abc123"),
        SecurityRule.parse("ingress allow icmp type 3 code 4 from 0.0.0.0/0"),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"a <b> c\""),
        SecurityRule.parse("ingress allow tcp 22 from group-name default"),
        SecurityRule.parse("ingress allow tcp 22 from sg-0abc123 owner 123456789012"),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"));
    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class,
        () -> translator.requireSupported(rules));
    assertEquals(5, e.rejections().size());
    assertEquals(rules.subList(0, 5), e.rejections().stream().map(r -> r.rule()).collect(Collectors.toList()));
    assertTrue(e.rejections().get(0).reasons().get(0).contains("prefix list"));
    assertTrue(e.rejections().get(1).reasons().get(0).contains("ICMP type or code"));
    assertTrue(e.rejections().get(2).reasons().get(0).contains("'<>'"));
    assertTrue(e.rejections().get(3).reasons().get(0).contains("by id only"));
    assertTrue(e.rejections().get(4).reasons().get(0).contains("owner"));
    assertEquals(HuaweiCapabilities.PROVIDER, e.provider());
    assertThrows(UnsupportedRuleException.class, () -> translator.toCreateOptions(GROUP, rules.get(1)));
  }

  @Test
  void rejectsPortZero() {
    SecurityRule rule = SecurityRule.parse("ingress allow tcp 0-80 from 10.0.0.0/8");
    assertTrue(translator.check(rule).get(0).contains("not 0"));
    assertTrue(translator.check(SecurityRule.parse("ingress allow udp 0 from 10.0.0.0/8")).get(0).contains("not 0"));
  }

  @Test
  void icmpv6FromAGroupNeedsTheGroupMarkedIpv6ForEthertypeIpv6() {
    SecurityRule unmarked = SecurityRule.parse("ingress allow icmpv6 from group 1c8d9f94-6022-4518-bb98-e0145fcc7b33");
    SecurityRule marked = SecurityRule.parse("ingress allow icmpv6 from group 1c8d9f94-6022-4518-bb98-e0145fcc7b33 ipv6");

    assertEquals(List.of("Huawei Cloud VPC v3 takes icmpv6 only with ethertype IPv6: mark the remote ipv6 (group "
        + "1c8d9f94-6022-4518-bb98-e0145fcc7b33 ipv6)"), translator.check(unmarked));
    assertEquals(List.of(), translator.check(marked));
    assertThrows(UnsupportedRuleException.class, () -> translator.requireSupported(List.of(unmarked)));
  }

  static SecurityGroupRule seedResponseRule() {
    return new SecurityGroupRule().withId("f626eb24-d8bd-4d26-ae0b-c16bb65730cb")
        .withProjectId("060576782980d5762f9ec014dd2f1148")
        .withSecurityGroupId("0552091e-b83a-49dd-88a7-4a5c86fd9ec3").withRemoteGroupId(null)
        .withDirection("ingress").withProtocol("tcp").withDescription("security group rule description")
        .withEthertype("IPv4").withRemoteIpPrefix("10.10.0.0/16").withMultiport("33")
        .withRemoteAddressGroupId(null).withAction("allow").withPriority(1);
  }

  @Test
  void seedResponseReadsBackAsTheSeedRule() {
    ProvisionedRule p = translator.fromHuawei(seedResponseRule());
    assertEquals(SecurityRule.parse(SEED_RULE), p.rule());
    assertEquals("f626eb24-d8bd-4d26-ae0b-c16bb65730cb", p.providerId());
    assertEquals(Optional.of("0552091e-b83a-49dd-88a7-4a5c86fd9ec3"), p.groupId());
    assertEquals(Optional.empty(), p.state());
  }

  @Test
  void reverseReadsHuaweiSpellingsOfAllAndAny() {
    SecurityGroupRule defaultEgress = new SecurityGroupRule().withId("r1").withDirection("egress")
        .withEthertype("IPv6").withProtocol("").withMultiport("1-65535").withAction("allow").withPriority(100)
        .withDescription("");
    assertEquals(SecurityRule.parse("egress allow any to ::/0 priority 100"),
        translator.fromHuawei(defaultEgress).rule());
    SecurityGroupRule selfIngress = new SecurityGroupRule().withId("r2").withDirection("ingress")
        .withEthertype("IPv4").withRemoteGroupId("sg-self").withAction("allow").withPriority(100);
    assertEquals(SecurityRule.parse("ingress allow any from group sg-self priority 100"),
        translator.fromHuawei(selfIngress).rule());
    SecurityGroupRule tcpAllPorts = new SecurityGroupRule().withId("r3").withDirection("ingress")
        .withEthertype("IPv4").withProtocol("6").withAction("deny").withPriority(2).withEnabled(false);
    ProvisionedRule p = translator.fromHuawei(tcpAllPorts);
    assertEquals(SecurityRule.parse("ingress deny tcp from 0.0.0.0/0 priority 2"), p.rule());
    assertEquals(Optional.of("disabled"), p.state());
  }

  @Test
  void normalizeFillsPriorityAndKeepsAGivenOne() {
    assertEquals(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 1"),
        translator.normalize(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8")));
    SecurityRule withPriority = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 9");
    assertEquals(withPriority, translator.normalize(withPriority));
    assertIterableEquals(List.of(withPriority), translator.split(withPriority));
  }
}
