package io.portcullis.core;

/**
 * The other side of a rule: the source of ingress traffic or the destination of egress traffic. One of
 * {@link CidrBlock}, {@link SecurityGroupRemote}, {@link AddressGroupRemote} or {@link PrefixListRemote}.
 */
public sealed interface Remote permits CidrBlock, SecurityGroupRemote, AddressGroupRemote, PrefixListRemote {
  /** Which kind of remote this is. */
  RemoteKind kind();

  /** The IP family: implied by a CIDR, explicit (default IPv4) for the other kinds. */
  IpVersion ipVersion();

  /** The remote as written in the text form, e.g. {@code 203.0.113.0/24} or {@code sg-0abc123 owner 1234}. */
  String toText();
}
