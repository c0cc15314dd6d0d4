package io.portcullis.core.group;

import io.portcullis.core.InvalidGroupStateException;
import io.portcullis.core.ProviderError;
import java.util.List;

/**
 * The provider refused to delete a group that is still in use (EC2 {@code DependencyViolation}, ElastiCache
 * {@code InvalidCacheSecurityGroupState}, Huawei 409). {@link #dependents()} names what uses it, where the adapter
 * could find out (network interfaces, groups whose rules reference it).
 */
public class GroupInUseException extends InvalidGroupStateException {
  private final List<String> dependents;

  /** An exception for this provider error, naming the group's dependents (possibly none known). */
  public GroupInUseException(ProviderError error, List<String> dependents, Throwable cause) {
    super(error, cause);
    this.dependents = List.copyOf(dependents);
  }

  /** What still uses the group, e.g. {@code network interface eni-1}; empty when the provider did not say. */
  public List<String> dependents() {
    return dependents;
  }

  @Override
  public String getMessage() {
    return dependents.isEmpty() ? super.getMessage() : super.getMessage() + "; in use by " + String.join(", ", dependents);
  }
}
