package io.portcullis.huaweicloud.vpc;

import com.google.common.base.CharMatcher;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.RemoteKind;
import java.util.EnumSet;

/**
 * What Huawei Cloud VPC v3 security-group rules can express: deny, priority, egress, port lists (split into
 * several rules above {@value HuaweiRuleTranslator#MAX_PORT_ENTRIES} entries), IPv6 and protocol numbers;
 * CIDR, security-group and address-group remotes; descriptions of up to 255 characters without {@code <} or
 * {@code >}. A specific ICMP type or code has no field in v3 (only "all ICMP"), and v3 has no prefix lists.
 */
public final class HuaweiCapabilities {
  /** The provider name used in exceptions and results. */
  public static final String PROVIDER = "huaweicloud-vpc";

  /** The capabilities of v3 security-group rules. */
  public static final ProviderCapabilities CAPABILITIES = ProviderCapabilities.builder()
      .provider(PROVIDER)
      .displayName("Huawei Cloud VPC v3 security groups")
      .deny(true)
      .priority(true)
      .egress(true)
      .multiport(true)
      .ipv6(true)
      .protocolNumbers(true)
      .icmpTypeCode(false)
      .remoteKinds(EnumSet.of(RemoteKind.CIDR, RemoteKind.SECURITY_GROUP, RemoteKind.ADDRESS_GROUP))
      .maxDescriptionLength(255)
      .descriptionCharacters(CharMatcher.noneOf("<>"))
      .descriptionCharactersText("any character except < and >")
      .build();

  private HuaweiCapabilities() {}
}
