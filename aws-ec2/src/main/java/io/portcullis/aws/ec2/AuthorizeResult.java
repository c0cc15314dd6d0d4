package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.TranslationWarning;
import java.util.List;

/**
 * What an authorize call created.
 *
 * @param created the rules EC2 reports as created, with their {@code sgr-} ids, one per range, prefix list or
 *     group pair
 * @param warnings what a lenient translation dropped before the call
 */
public record AuthorizeResult(List<ProvisionedRule> created, List<TranslationWarning> warnings) {
  /** Copies the lists. */
  public AuthorizeResult {
    created = List.copyOf(requireNonNull(created, "created"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
  }
}
