package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/**
 * A group with this name already exists at the provider, so it cannot be created (e.g. ElastiCache's
 * {@code CacheSecurityGroupAlreadyExists}). Distinct from {@link DuplicateRuleException}, which is about a rule
 * inside a group.
 */
public class GroupAlreadyExistsException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public GroupAlreadyExistsException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
