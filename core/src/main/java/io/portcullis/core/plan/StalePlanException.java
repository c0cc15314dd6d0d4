package io.portcullis.core.plan;

import io.portcullis.core.PortcullisException;
import java.util.List;

/**
 * The group changed after the plan was made, so applying it could undo someone else's change: nothing was sent.
 * Plan again (or apply with {@link StalePlanPolicy#REPLAN}).
 */
public class StalePlanException extends PortcullisException {
  private final List<String> differences;

  /** An exception listing each way the group differs from the plan's snapshot. */
  public StalePlanException(String provider, String group, List<String> differences) {
    super("The plan for " + provider + " " + group + " is stale; nothing was applied. The group changed since it was"
        + " planned: " + String.join("; ", differences) + ". Plan again.");
    this.differences = List.copyOf(differences);
  }

  /** Each way the group differs from the plan's snapshot, for people. */
  public List<String> differences() {
    return differences;
  }
}
