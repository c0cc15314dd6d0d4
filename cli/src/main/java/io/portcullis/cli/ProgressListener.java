package io.portcullis.cli;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.plan.ApplyListener;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RuleOutcome;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * Shows an apply's progress on stderr: on a terminal one bar redrawn in place, otherwise a plain line per call,
 * so that a log of a long apply (45 Huawei deletes are 45 calls) shows where it is and what each call answered.
 */
final class ProgressListener implements ApplyListener {
  static final int BAR_WIDTH = 30;
  /** The longest text beside the bar, so that it stays on one line of a normal terminal. */
  static final int TEXT_WIDTH = 60;

  private final PrintWriter err;
  private final boolean terminal;
  private String label = "";
  private int total;
  private int settled;
  private int calls;

  ProgressListener(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void applyStarted(String provider, SecurityGroupRef group, int changes, boolean dryRun) {
    label = provider + " " + group;
    total = changes;
    settled = 0;
    calls = 0;
    if (terminal) {
      draw("starting");
    } else {
      err.println(label + ": " + (dryRun ? "dry run of " : "applying ") + changes + plural(changes, " change"));
    }
  }

  @Override
  public void callSent(String provider, SecurityGroupRef group, String operation, int changes) {
    calls++;
    if (terminal) {
      draw(operation);
    }
  }

  @Override
  public void callAnswered(String provider, SecurityGroupRef group, String operation, Optional<String> requestId,
      Optional<PortcullisException> failure) {
    String answer = failure.map(f -> "failed: " + GroupRunner.describe(f)).orElse("ok")
        + requestId.map(id -> " (request " + id + ")").orElse("");
    if (terminal) {
      draw(operation + " " + answer);
    } else {
      err.println("  " + label + ": call " + calls + " " + operation + " " + answer);
    }
  }

  @Override
  public void changeSettled(String provider, SecurityGroupRef group, RuleOutcome outcome) {
    settled++;
    if (terminal) {
      draw(outcome.change().name().toLowerCase(Locale.ROOT) + " " + outcome.rule());
    }
  }

  @Override
  public void applyEnded(ApplyResult result) {
    String end = result.isComplete() ? "done" : "stopped";
    if (terminal) {
      draw(end);
      err.println();
    } else {
      err.println(label + ": " + end + ": " + settled + " of " + total + plural(total, " change") + " settled in "
          + calls + plural(calls, " call"));
    }
  }

  /** {@code \r[#######-----] 12/45 aws-ec2 sg-1 DeleteSecurityGroupRule ok}, clearing the rest of the line. */
  private void draw(String what) {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) settled * BAR_WIDTH / total);
    String text = label + " " + what;
    if (text.length() > TEXT_WIDTH) {
      int end = Character.isHighSurrogate(text.charAt(TEXT_WIDTH - 4)) ? TEXT_WIDTH - 4 : TEXT_WIDTH - 3;
      text = text.substring(0, end) + "...";
    }
    err.print("\r[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + settled + "/" + total + " " + text
        + "\u001b[K");
    err.flush();
  }

  private static String plural(int n, String word) {
    return n == 1 ? word : word + "s";
  }
}
