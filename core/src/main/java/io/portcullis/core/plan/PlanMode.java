package io.portcullis.core.plan;

/** Whether a plan may delete rules that are not in the desired state. */
public enum PlanMode {
  /** Never delete: rules at the provider that are not desired are left alone (the default). */
  ADDITIVE,
  /** Delete every rule at the provider that is not desired. Opt-in; the rendered plan says so loudly. */
  AUTHORITATIVE
}
