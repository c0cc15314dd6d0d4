package io.portcullis.core.analysis;

/** How much a lint finding matters, from least to most. */
public enum Severity {
  /** Worth knowing; nothing is wrong. */
  INFO,
  /** Untidy or wasteful (such as a redundant rule) but not a risk. */
  LOW,
  /** A likely mistake, or a rule a provider will reject. */
  MEDIUM,
  /** A rule that exposes something sensitive to the internet. */
  HIGH
}
