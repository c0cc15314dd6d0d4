package io.portcullis.core.plan;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.SecurityGroupRef;
import java.util.Optional;

/**
 * Hears what an apply does while it runs: for progress bars, audit logs and metrics. Every method has an
 * empty default, so a listener overrides only what it needs. Methods are called on the thread running the
 * apply (also when {@link ApplyOptions#callConcurrency()} sends several calls at once) and should return
 * quickly; an exception a listener throws is logged and otherwise ignored, so a faulty listener never changes
 * an apply's outcome.
 */
public interface ApplyListener {
  /** A listener that ignores everything. */
  ApplyListener NONE = new ApplyListener() {};

  /**
   * An apply (or dry run) starts.
   *
   * @param provider the adapter's provider name
   * @param group the group
   * @param changes how many planned changes it will settle
   * @param dryRun whether nothing is changed
   */
  default void applyStarted(String provider, SecurityGroupRef group, int changes, boolean dryRun) {}

  /**
   * A call to the provider is about to be sent.
   *
   * @param operation the provider's operation, e.g. {@code AuthorizeSecurityGroupIngress}
   * @param changes how many planned changes the call carries
   */
  default void callSent(String provider, SecurityGroupRef group, String operation, int changes) {}

  /**
   * A call came back: answered ({@code failure} empty), refused or unanswered.
   *
   * @param requestId the provider's request id, where the reply had one
   */
  default void callAnswered(String provider, SecurityGroupRef group, String operation, Optional<String> requestId,
      Optional<PortcullisException> failure) {}

  /** A planned change has its final outcome. */
  default void changeSettled(String provider, SecurityGroupRef group, RuleOutcome outcome) {}

  /** The apply ended, with every change's outcome (also when it ends with an exception). */
  default void applyEnded(ApplyResult result) {}
}
