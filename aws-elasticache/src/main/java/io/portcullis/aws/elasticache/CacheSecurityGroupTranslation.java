package io.portcullis.aws.elasticache;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.TranslationWarning;
import java.util.List;

/**
 * The result of translating a batch of rules: the distinct authorisations to send, in the order of the rules
 * they first came from, and what a lenient translation widened or dropped.
 *
 * @param authorizations each distinct authorisation with the rules it carries
 * @param warnings one per rule that was widened or lost a part; empty under {@code STRICT}
 */
public record CacheSecurityGroupTranslation(
    List<TranslatedAuthorization> authorizations, List<TranslationWarning> warnings) {
  /** Copies both lists. */
  public CacheSecurityGroupTranslation {
    authorizations = List.copyOf(requireNonNull(authorizations, "authorizations"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
  }
}
