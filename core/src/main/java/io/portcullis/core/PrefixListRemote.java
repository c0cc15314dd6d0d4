package io.portcullis.core;

import static java.util.Objects.requireNonNull;

/**
 * A provider-managed prefix list, such as an EC2 {@code pl-...} id.
 *
 * @param id the provider's id of the prefix list
 * @param ipVersion the prefix list's IP family
 */
public record PrefixListRemote(String id, IpVersion ipVersion) implements Remote {
  /** Validates the id. */
  public PrefixListRemote {
    Identifiers.require("prefix list id", id);
    if (id.equals("pl-")) { // would be sent as an empty id, and its text form would not read back
      throw new InvalidRuleException(
          Violation.of("remote", id, "a prefix list id: pl- and the rest of the id, e.g. pl-63a5400a"));
    }
    requireNonNull(ipVersion, "ipVersion");
  }

  /** An IPv4 prefix list. */
  public static PrefixListRemote of(String id) {
    return new PrefixListRemote(id, IpVersion.IPV4);
  }

  @Override
  public RemoteKind kind() {
    return RemoteKind.PREFIX_LIST;
  }

  @Override
  public String toText() {
    String head = id.startsWith("pl-") && RuleTextFormat.isBareWord(id) ? id : "prefix-list " + RuleTextFormat.word(id);
    return head + RuleTextFormat.ipVersionSuffix(ipVersion);
  }

  @Override
  public String toString() {
    return toText();
  }
}
