package io.portcullis.core.fleet;

/** What a fleet run does to each group. */
public enum FleetAction {
  /** Plan only: reads, nothing changed. */
  PLAN,
  /** Ask the provider to check each call without changing anything (dry run). */
  DRY_RUN,
  /** Plan, then apply the plan. */
  APPLY
}
