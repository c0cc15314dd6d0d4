package io.portcullis.core.fleet;

/** How one group of a fleet ended. */
public enum GroupStatus {
  /** The group already held its desired rules. */
  NO_CHANGES,
  /** Planned (the run only plans); see the plan. */
  PLANNED,
  /** Every change was applied (or, in a dry run, would be). */
  APPLIED,
  /** Planning or applying failed; see the error and, if the apply started, each change's outcome. */
  FAILED,
  /** The fleet was cancelled while the group was being applied; each change's outcome tells what was done. */
  CANCELLED,
  /** The fleet was cancelled before the group was touched: no change was sent. */
  NOT_ATTEMPTED
}
