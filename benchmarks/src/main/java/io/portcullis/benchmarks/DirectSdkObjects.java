package io.portcullis.benchmarks;

import com.huaweicloud.sdk.vpc.v3.model.BatchCreateSecurityGroupRulesOption;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.Protocol;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * The reference for forward translation: the SDK objects a translator produces, built straight from rules known
 * to be expressible (no checks, no duplicate or conflict detection), as a hand-written call would.
 */
final class DirectSdkObjects {
  private DirectSdkObjects() {}

  private record Key(boolean ingress, String protocol, Integer from, Integer to, boolean group) {}

  /** Rules share a permission within blocks of this many, as in the translator (which a test holds this to). */
  private static final int EC2_BLOCK = 2048;

  /**
   * EC2: one permission per direction, protocol, port range and kind of remote in each block of rules, holding
   * the remotes.
   */
  static Map<Boolean, List<IpPermission>> ec2(List<SecurityRule> rules) {
    Map<Boolean, List<IpPermission>> out = new HashMap<>();
    for (int from = 0; from < rules.size(); from += EC2_BLOCK) {
      ec2Block(rules.subList(from, Math.min(rules.size(), from + EC2_BLOCK)), out);
    }
    return out;
  }

  private static void ec2Block(List<SecurityRule> rules, Map<Boolean, List<IpPermission>> out) {
    Map<Key, List<Object>> remotes = new LinkedHashMap<>();
    for (SecurityRule rule : rules) {
      String description = rule.description().orElse(null);
      Object remote;
      if (rule.remote() instanceof CidrBlock cidr) {
        remote = cidr.ipVersion() == IpVersion.IPV4
            ? IpRange.builder().cidrIp(cidr.cidr()).description(description).build()
            : Ipv6Range.builder().cidrIpv6(cidr.cidr()).description(description).build();
      } else {
        SecurityGroupRemote group = (SecurityGroupRemote) rule.remote();
        remote = UserIdGroupPair.builder().groupId(group.groupId().orElse(null))
            .userId(group.ownerId().orElse(null)).description(description).build();
      }
      Protocol p = rule.protocol();
      String protocol = p.isAny() ? "-1" : p.isNamed() ? p.keyword() : Integer.toString(p.number().getAsInt());
      boolean ingress = rule.direction() == io.portcullis.core.Direction.INGRESS;
      if (!p.hasPorts()) {
        Integer type = p.isIcmp() ? rule.icmp().type().orElse(-1) : null;
        Integer code = p.isIcmp() ? rule.icmp().code().orElse(-1) : null;
        remotes.computeIfAbsent(new Key(ingress, protocol, type, code, remote instanceof UserIdGroupPair),
            k -> new ArrayList<>()).add(remote);
      } else if (rule.ports().isAll()) {
        remotes.computeIfAbsent(new Key(ingress, protocol, 0, PortRange.MAX_PORT, remote instanceof UserIdGroupPair),
            k -> new ArrayList<>()).add(remote);
      } else {
        for (PortRange r : rule.ports().ranges()) {
          remotes.computeIfAbsent(new Key(ingress, protocol, r.from(), r.to(), remote instanceof UserIdGroupPair),
              k -> new ArrayList<>()).add(remote);
        }
      }
    }
    remotes.forEach((key, list) -> {
      List<IpRange> v4 = new ArrayList<>();
      List<Ipv6Range> v6 = new ArrayList<>();
      List<UserIdGroupPair> groups = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof IpRange r) {
          v4.add(r);
        } else if (o instanceof Ipv6Range r) {
          v6.add(r);
        } else {
          groups.add((UserIdGroupPair) o);
        }
      }
      IpPermission.Builder b = IpPermission.builder().ipProtocol(key.protocol()).fromPort(key.from()).toPort(key.to());
      if (!v4.isEmpty()) {
        b.ipRanges(v4);
      }
      if (!v6.isEmpty()) {
        b.ipv6Ranges(v6);
      }
      if (!groups.isEmpty()) {
        b.userIdGroupPairs(groups);
      }
      out.computeIfAbsent(key.ingress(), k -> new ArrayList<>()).add(b.build());
    });
  }

  /** Huawei: one batch-create item per rule (the mix has no port list longer than the 20 entries of one item). */
  static BatchCreateSecurityGroupRulesOption huawei(SecurityRule rule) {
    return new BatchCreateSecurityGroupRulesOption()
        .withDirection(rule.direction().keyword())
        .withEthertype(rule.ipVersion() == IpVersion.IPV6 ? "IPv6" : "IPv4")
        .withProtocol(rule.protocol().isAny() ? null : rule.protocol().keyword())
        .withMultiport(rule.ports().isAll() ? null : rule.ports().toString())
        .withRemoteIpPrefix(rule.remote() instanceof CidrBlock cidr ? cidr.cidr() : null)
        .withRemoteGroupId(rule.remote() instanceof SecurityGroupRemote g ? g.groupId().orElseThrow() : null)
        .withAction(rule.action().keyword())
        .withPriority(String.valueOf(rule.priority().orElse(1)))
        .withDescription(rule.description().orElse(null));
  }
}
