package io.portcullis.huaweicloud.vpc;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.SecurityRule;
import java.util.List;

/**
 * A batch create that needed several calls failed after earlier calls had created rules. Says exactly what
 * was created ({@link #applied()}, with ids, including rules of which only some split parts were created)
 * and which requested rules were not created at all ({@link #notApplied()}); the typed provider error is the
 * {@link #getCause() cause}.
 */
public class PartiallyAppliedException extends PortcullisException {
  private final List<CreatedRules> applied;
  private final List<SecurityRule> notApplied;

  /** An exception for a batch cut short by {@code cause}. */
  public PartiallyAppliedException(List<CreatedRules> applied, List<SecurityRule> notApplied,
      ProviderException cause) {
    super("batch create stopped after creating " + applied.stream().mapToInt(a -> a.created().size()).sum()
        + " rule(s) for " + applied.size() + " requested rule(s); " + notApplied.size()
        + " requested rule(s) not created: " + cause.getMessage(), cause);
    this.applied = List.copyOf(applied);
    this.notApplied = List.copyOf(notApplied);
  }

  /** The requested rules for which rules were created, with what was created. */
  public List<CreatedRules> applied() {
    return applied;
  }

  /** The requested rules for which nothing was created. */
  public List<SecurityRule> notApplied() {
    return notApplied;
  }

  /** The provider's error that stopped the batch. */
  @Override
  public synchronized ProviderException getCause() {
    return (ProviderException) super.getCause();
  }
}
