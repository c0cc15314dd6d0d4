package io.portcullis.core.plan;

import io.portcullis.core.PortcullisException;

/** An apply would delete more rules than {@link ApplyOptions} allow: nothing was sent. */
public class DeletionLimitException extends PortcullisException {
  private final int deletes;
  private final int allowed;

  /** An exception for a plan deleting {@code deletes} rules where {@code allowed} are allowed. */
  public DeletionLimitException(String provider, String group, int deletes, int allowed, String limit) {
    super("The plan for " + provider + " " + group + " deletes " + deletes + (deletes == 1 ? " rule" : " rules")
        + ", more than the " + allowed + " allowed (" + limit + "); nothing was applied.");
    this.deletes = deletes;
    this.allowed = allowed;
  }

  /** How many rules the plan deletes. */
  public int deletes() {
    return deletes;
  }

  /** How many the options allow. */
  public int allowed() {
    return allowed;
  }
}
