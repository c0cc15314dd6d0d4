package io.portcullis.core.plan;

import io.portcullis.core.PortcullisException;
import java.util.Optional;

/**
 * Consulted by {@link ApplyPipeline} before each provider call it sends and each read of the group it makes, and
 * told how each ended: the hook for client-side rate limits shared by many applies (see {@code
 * io.portcullis.core.fleet}). Implementations must be thread-safe when shared.
 */
public interface CallGate {
  /** A gate that never waits. */
  CallGate OPEN = kind -> {};

  /**
   * Waits until a call of this kind may be sent.
   *
   * @throws InterruptedException if interrupted while waiting: the pipeline then sends nothing more
   */
  void admit(CallKind kind) throws InterruptedException;

  /**
   * A call admitted by {@link #admit} ended: answered ({@code failure} empty) or failed, e.g. with {@link
   * io.portcullis.core.ThrottledException}.
   */
  default void ended(CallKind kind, Optional<PortcullisException> failure) {}
}
