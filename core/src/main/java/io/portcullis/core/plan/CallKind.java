package io.portcullis.core.plan;

/** What a provider call does, as rate limits count it: providers throttle reads and writes in separate buckets. */
public enum CallKind {
  /** A call that only reads, e.g. a listing of the group's rules. */
  READ,
  /** A call that changes (or, in a dry run, checks a change of) the group. */
  MUTATE
}
