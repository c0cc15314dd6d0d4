package io.portcullis.aws.elasticache;

import io.portcullis.core.PartiallyAppliedException;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.SecurityGroupRef;
import java.util.List;
import java.util.stream.Stream;

/**
 * An authorise or revoke stopped part-way: ElastiCache takes one authorisation per call, and a call failed after
 * others had been applied (or failed without a provider answer, so its outcome is unknown). Says exactly what
 * was applied, which call failed and what was never attempted; the cause is the failure (a typed {@link
 * ProviderException} when ElastiCache refused the call). As a {@link PartiallyAppliedException}, {@link #applied()}
 * are the caller's rules of the applied authorisations and {@link #notApplied()} those of the failed and the
 * unattempted ones.
 */
public class PartialChangeException extends PartiallyAppliedException {
  private final String operation;
  private final SecurityGroupRef cacheGroup;
  private final List<AppliedAuthorization> applied;
  private final TranslatedAuthorization failed;
  private final List<TranslatedAuthorization> notAttempted;

  /** An exception for a change of {@code cacheGroup} by {@code operation} that stopped at {@code failed}. */
  public PartialChangeException(
      String operation,
      SecurityGroupRef cacheGroup,
      List<AppliedAuthorization> applied,
      TranslatedAuthorization failed,
      List<TranslatedAuthorization> notAttempted,
      PortcullisException cause) {
    super(message(operation, cacheGroup, applied, failed, notAttempted, cause),
        applied.stream().flatMap(a -> a.rules().stream()).toList(),
        Stream.concat(Stream.of(failed), notAttempted.stream()).flatMap(t -> t.rules().stream()).toList(), cause);
    this.operation = operation;
    this.cacheGroup = cacheGroup;
    this.applied = List.copyOf(applied);
    this.failed = failed;
    this.notAttempted = List.copyOf(notAttempted);
  }

  /** The ElastiCache operation, e.g. {@code AuthorizeCacheSecurityGroupIngress}. */
  public String operation() {
    return operation;
  }

  /** The cache security group being changed. */
  public SecurityGroupRef cacheGroup() {
    return cacheGroup;
  }

  /** The authorisations applied before the failure, in call order ({@link #applied()} gives their rules). */
  public List<AppliedAuthorization> appliedAuthorizations() {
    return applied;
  }

  /**
   * The authorisation whose call failed: not applied when {@link #failedWasRefused()}, otherwise its outcome is
   * unknown (re-read the group with {@code list}).
   */
  public TranslatedAuthorization failed() {
    return failed;
  }

  /** Whether ElastiCache answered the failed call with an error, so that authorisation was certainly not applied. */
  public boolean failedWasRefused() {
    return ElastiCacheErrors.notApplied(getCause());
  }

  /** The authorisations after the failed one, never sent. */
  public List<TranslatedAuthorization> notAttempted() {
    return notAttempted;
  }

  private static String message(
      String operation,
      SecurityGroupRef cacheGroup,
      List<AppliedAuthorization> applied,
      TranslatedAuthorization failed,
      List<TranslatedAuthorization> notAttempted,
      PortcullisException cause) {
    return operation + " on cache security group " + cacheGroup + " stopped part-way: applied "
        + applied.stream().map(AppliedAuthorization::authorization).toList() + "; failed " + failed.authorization()
        + (ElastiCacheErrors.notApplied(cause) ? " (not applied)" : " (outcome unknown)") + "; not attempted "
        + notAttempted.stream().map(TranslatedAuthorization::authorization).toList();
  }
}
