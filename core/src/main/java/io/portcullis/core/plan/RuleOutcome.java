package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityRule;
import java.util.Locale;
import java.util.Optional;

/**
 * What applying a plan did to one rule.
 *
 * @param change the planned change
 * @param rule the rule (the desired rule for a create or update, the provider's rule for a delete)
 * @param status what happened
 * @param providerId the provider's id of the rule, where known (created ids included)
 * @param detail why it failed or was not attempted, where it was not applied
 */
public record RuleOutcome(
    Change change, SecurityRule rule, Status status, Optional<String> providerId, Optional<String> detail) {
  /** A planned change. */
  public enum Change {
    /** The rule is created. */
    CREATE,
    /** The rule's description is updated. */
    UPDATE,
    /** The rule is deleted. */
    DELETE
  }

  /** What happened to a planned change. */
  public enum Status {
    /** The provider made the change. */
    APPLIED,
    /** A dry run: the provider reports that the change would succeed. */
    WOULD_APPLY,
    /** The provider refused the change; see {@link RuleOutcome#detail()}. */
    FAILED,
    /** The change was not tried because an earlier one failed. */
    NOT_ATTEMPTED,
    /**
     * A call for the change was sent but its outcome could not be confirmed (no answer, and the group could not be
     * re-read); see {@link RuleOutcome#detail()}. Plan again to find out.
     */
    UNKNOWN
  }

  /** Checks that no component is null. */
  public RuleOutcome {
    requireNonNull(change, "change");
    requireNonNull(rule, "rule");
    requireNonNull(status, "status");
    requireNonNull(providerId, "providerId");
    requireNonNull(detail, "detail");
  }

  /** An applied (or, for a dry run, would-apply) change. */
  public static RuleOutcome done(Change change, SecurityRule rule, Status status, Optional<String> providerId) {
    return new RuleOutcome(change, rule, status, providerId, Optional.empty());
  }

  /** A change that failed or was not attempted, with the reason. */
  public static RuleOutcome notDone(
      Change change, SecurityRule rule, Status status, Optional<String> providerId, String detail) {
    return new RuleOutcome(change, rule, status, providerId, Optional.of(detail));
  }

  /** {@code applied create ingress allow tcp 22 from ... (sgr-1)}. */
  @Override
  public String toString() {
    return status.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + change.name().toLowerCase(Locale.ROOT)
        + " " + rule + providerId.map(id -> " (" + id + ")").orElse("") + detail.map(d -> ": " + d).orElse("");
  }
}
