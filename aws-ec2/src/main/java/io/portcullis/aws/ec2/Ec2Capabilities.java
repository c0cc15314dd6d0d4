package io.portcullis.aws.ec2;

import com.google.common.base.CharMatcher;
import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.RemoteKind;
import java.util.EnumSet;

/** What EC2 security-group rules can express, as checked before any call. */
public final class Ec2Capabilities {
  /** The provider name used in exceptions and dry-run results. */
  public static final String PROVIDER = "aws-ec2";

  /** The description characters EC2 accepts, in words. */
  static final String DESCRIPTION_CHARACTERS = "a-z A-Z 0-9, space and ._-:/()#,@[]+=&;{}!$*";

  /**
   * EC2 security groups: allow only, no priority, ingress and egress, port lists (split into one permission per
   * range), IPv6, protocol numbers, ICMP type and code, CIDR / security group / prefix list remotes, descriptions
   * of up to 255 characters from a narrow character set, rule tags.
   */
  public static final ProviderCapabilities CAPABILITIES = ProviderCapabilities.builder()
      .provider(PROVIDER)
      .displayName("EC2 security groups")
      .deny(false)
      .priority(false)
      .egress(true)
      .multiport(true)
      .ipv6(true)
      .protocolNumbers(true)
      .icmpTypeCode(true)
      .ruleTags(true)
      .remoteKinds(EnumSet.of(RemoteKind.CIDR, RemoteKind.SECURITY_GROUP, RemoteKind.PREFIX_LIST))
      .maxDescriptionLength(255)
      .descriptionCharacters(CharMatcher.inRange('a', 'z')
          .or(CharMatcher.inRange('A', 'Z'))
          .or(CharMatcher.inRange('0', '9'))
          .or(CharMatcher.anyOf(" ._-:/()#,@[]+=&;{}!$*"))
          .precomputed())
      .descriptionCharactersText(DESCRIPTION_CHARACTERS)
      .build();

  private Ec2Capabilities() {}
}
