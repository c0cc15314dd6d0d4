package io.portcullis.cli;

import io.portcullis.core.fleet.FleetListener;
import io.portcullis.core.fleet.FleetProgress;
import io.portcullis.core.fleet.FleetScope;
import io.portcullis.core.fleet.GroupResult;
import io.portcullis.core.plan.CallKind;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a fleet run's progress on stderr, a line per group as it ends and per throttle: with many groups at once a
 * bar per call would interleave.
 */
final class FleetProgressListener implements FleetListener {
  private final PrintWriter err;

  FleetProgressListener(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void groupEnded(GroupResult result, FleetProgress progress) {
    err.println("[" + progress.done() + "/" + progress.total() + "] " + result.target().scope().provider() + " "
        + result.target().group() + ": " + result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " (" + progress.calls() + " calls, " + progress.throttles() + " throttled"
        + progress.eta().map(e -> ", about " + e.toSeconds() + "s left").orElse("") + ")");
    err.flush();
  }

  @Override
  public synchronized void throttled(FleetScope scope, CallKind kind, double rate) {
    err.println("  " + scope + " throttled a " + kind.name().toLowerCase(Locale.ROOT) + " call; slowing to "
        + String.format(Locale.ROOT, "%.2f", rate) + " calls/s");
    err.flush();
  }
}
