package io.portcullis.core.plan;

/** What an apply does when the group changed after its plan was made. */
public enum StalePlanPolicy {
  /** Throw {@link StalePlanException} before any call (the default). */
  FAIL,
  /** Plan again from the group as it is now, with the plan's desired rules and mode, and apply that plan. */
  REPLAN
}
