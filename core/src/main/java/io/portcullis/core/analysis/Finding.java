package io.portcullis.core.analysis;

import static java.util.Objects.requireNonNull;

/**
 * One problem a {@link LintCheck} found in one rule.
 *
 * @param id the stable id of the check that found it, e.g. {@code world-open-admin}; use it to disable the check
 * @param severity how much it matters
 * @param rule the rule in its text form ({@link io.portcullis.core.SecurityRule#toText()})
 * @param message what is wrong, in plain words
 * @param fix how to fix it
 */
public record Finding(String id, Severity severity, String rule, String message, String fix) {
  /** Checks that no component is null. */
  public Finding {
    requireNonNull(id, "id");
    requireNonNull(severity, "severity");
    requireNonNull(rule, "rule");
    requireNonNull(message, "message");
    requireNonNull(fix, "fix");
  }

  /** {@code HIGH world-open-admin 'rule': message. Fix: fix}. */
  @Override
  public String toString() {
    return severity + " " + id + " '" + rule + "': " + message + ". Fix: " + fix;
  }
}
