package io.portcullis.core.analysis;

import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #ID} ({@link Severity#MEDIUM}): a description that a target provider will reject (too long, a
 * character outside the provider's set, or no descriptions at all), one finding per rule and provider. The
 * reasons are the provider's own ({@link ProviderCapabilities#check}): those that go away when the description
 * is removed. Without targets in the {@link LintContext} the check finds nothing.
 */
public final class RejectedDescriptionCheck implements LintCheck {
  /** The id of this check's findings. */
  public static final String ID = "description-rejected";

  /** The check. */
  public RejectedDescriptionCheck() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(LintContext context) {
    List<Finding> findings = new ArrayList<>();
    for (SecurityRule rule : context.rules()) {
      if (rule.description().isEmpty()) {
        continue;
      }
      for (ProviderCapabilities target : context.targets()) {
        List<String> reasons = new ArrayList<>(target.check(rule));
        reasons.removeAll(target.check(rule.withoutDescription()));
        if (!reasons.isEmpty()) {
          findings.add(new Finding(ID, Severity.MEDIUM, rule.toText(),
              target.provider() + " will reject the description: " + String.join("; ", reasons),
              "shorten the description or remove the rejected characters, or leave the description out"));
        }
      }
    }
    return findings;
  }
}
