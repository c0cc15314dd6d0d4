package io.portcullis.core.fleet;

import io.portcullis.core.plan.ApplyListener;
import io.portcullis.core.plan.CallKind;

/**
 * Hears a fleet run: every group's apply events (the {@link ApplyListener} the command-line tool uses) and the
 * fleet's own. Called from the fleet's worker threads at once, so implementations must be thread-safe and quick;
 * an exception a listener throws is logged and ignored.
 */
public interface FleetListener extends ApplyListener {
  /** A listener that ignores everything. */
  FleetListener NONE = new FleetListener() {};

  /** A group ended, with the fleet's progress counting it. */
  default void groupEnded(GroupResult result, FleetProgress progress) {}

  /** The provider throttled a call of this scope and kind; the scope's limiter now allows {@code rate} a second. */
  default void throttled(FleetScope scope, CallKind kind, double rate) {}
}
