package io.portcullis.huaweicloud.vpc;

import io.portcullis.core.PartiallyAppliedException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.SecurityRule;
import java.util.List;

/**
 * A batch create that needed several calls failed after earlier calls had created rules. Besides the requested
 * rules that were and were not created ({@link #applied()}, {@link #notApplied()}), it gives what was created
 * for each, with ids ({@link #created()}, including rules of which only some split parts were created).
 */
public class PartialBatchCreateException extends PartiallyAppliedException {
  private final List<CreatedRules> created;

  /** An exception for a batch cut short by {@code cause}. */
  public PartialBatchCreateException(List<CreatedRules> created, List<SecurityRule> notApplied,
      ProviderException cause) {
    super("batch create stopped after creating " + created.stream().mapToInt(a -> a.created().size()).sum()
        + " rule(s) for " + created.size() + " requested rule(s); " + notApplied.size()
        + " requested rule(s) not created", created.stream().map(CreatedRules::requested).toList(), notApplied, cause);
    this.created = List.copyOf(created);
  }

  /** The requested rules for which rules were created, with what was created. */
  public List<CreatedRules> created() {
    return created;
  }
}
