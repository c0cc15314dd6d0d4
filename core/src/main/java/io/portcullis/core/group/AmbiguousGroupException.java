package io.portcullis.core.group;

import io.portcullis.core.PortcullisException;
import java.util.List;

/** Several groups have the name a caller looked for (e.g. in different VPCs when no VPC was given). */
public class AmbiguousGroupException extends PortcullisException {
  private final List<SecurityGroupInfo> matches;

  /** An exception naming what was looked for and every group that matched. */
  public AmbiguousGroupException(String lookedFor, List<SecurityGroupInfo> matches) {
    super(matches.size() + " security groups match " + lookedFor + ": " + matches
        + "; give the VPC or the group id");
    this.matches = List.copyOf(matches);
  }

  /** The groups that matched. */
  public List<SecurityGroupInfo> matches() {
    return matches;
  }
}
