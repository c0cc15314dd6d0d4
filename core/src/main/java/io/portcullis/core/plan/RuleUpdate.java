package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule whose meaning is already in place but whose description or tags differ: only those change, in place (EC2
 * tags: CreateTags and DeleteTags on the rule's id), never by a replacement for the tags alone.
 *
 * @param current the rule at the provider
 * @param desired the desired rule (same meaning, other description or tags)
 */
public record RuleUpdate(ProvisionedRule current, SecurityRule desired) {
  /** Checks that no component is null and that only the description or tags differ. */
  public RuleUpdate {
    requireNonNull(current, "current");
    requireNonNull(desired, "desired");
    if (!current.rule().withoutDescription().equals(desired.withoutDescription())) {
      throw new IllegalArgumentException("an update changes only the description or tags: " + current + " -> "
          + desired);
    }
  }

  /** Whether the description changes. */
  public boolean descriptionChanges() {
    return !current.rule().description().equals(desired.description());
  }

  /** Whether the tags change: the desired rule has tags, and they are not exactly the current ones. */
  public boolean tagsChange() {
    return tagsDiffer(current.rule(), desired);
  }

  /** The keys the current rule has and the desired one does not: what a tag update removes. */
  public Set<String> tagsRemoved() {
    if (!tagsChange()) {
      return Set.of();
    }
    Set<String> removed = new TreeSet<>(current.rule().tags().keySet());
    removed.removeAll(desired.tags().keySet());
    return removed;
  }

  /** Whether {@code desired} manages tags (has some) and {@code current} does not have exactly them. */
  static boolean tagsDiffer(SecurityRule current, SecurityRule desired) {
    return !desired.tags().isEmpty() && !desired.tags().equals(current.tags());
  }
}
