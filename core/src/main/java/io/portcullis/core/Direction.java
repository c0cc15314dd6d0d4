package io.portcullis.core;

import java.util.Locale;

/** Which traffic a rule matches: arriving at the group's members, or leaving them. */
public enum Direction {
  /** Inbound traffic; the rule's remote is the source. */
  INGRESS,
  /** Outbound traffic; the rule's remote is the destination. */
  EGRESS;

  /** The lower-case keyword used in the text form and by most provider APIs. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The word that introduces the remote in the text form: {@code from} for ingress, {@code to} for egress. */
  public String remoteKeyword() {
    return this == INGRESS ? "from" : "to";
  }
}
