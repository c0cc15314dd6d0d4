package io.portcullis.core;

/** The kinds of {@link Remote} a rule can name; providers support different subsets. */
public enum RemoteKind {
  /** An IPv4 or IPv6 CIDR block ({@link CidrBlock}). */
  CIDR,
  /** Another security group ({@link SecurityGroupRemote}). */
  SECURITY_GROUP,
  /** A provider-side IP address group ({@link AddressGroupRemote}). */
  ADDRESS_GROUP,
  /** A provider-managed prefix list ({@link PrefixListRemote}). */
  PREFIX_LIST
}
