package io.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RuleOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress of an apply as the CLI shows it: plain lines off a terminal, one redrawn bar on one. */
class ProgressListenerTest {
  private static final SecurityGroupRef GROUP = SecurityGroupRef.ofId("1c8d");
  private static final SecurityRule RULE = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");

  private final StringWriter err = new StringWriter();

  @Test
  void offATerminalEachCallIsALine() {
    ProgressListener listener = new ProgressListener(new PrintWriter(err, true), false);

    applyTwoDeletesOneFailing(listener);

    assertEquals("""
        huaweicloud-vpc 1c8d: applying 2 changes
          huaweicloud-vpc 1c8d: call 1 DeleteSecurityGroupRule ok (request req-1)
          huaweicloud-vpc 1c8d: call 2 DeleteSecurityGroupRule failed: huaweicloud-vpc VPC.0114: bad rule (HTTP 400) (request req-2)
        huaweicloud-vpc 1c8d: stopped: 2 of 2 changes settled in 2 calls
        """, err.toString());
  }

  @Test
  void onATerminalOneBarIsRedrawnInPlace() {
    ProgressListener listener = new ProgressListener(new PrintWriter(err, true), true);

    applyTwoDeletesOneFailing(listener);

    String shown = err.toString();
    assertTrue(shown.startsWith("\r[------------------------------] 0/2 huaweicloud-vpc 1c8d starting\u001b[K"), shown);
    assertTrue(shown.contains("\r[###############---------------] 1/2 huaweicloud-vpc 1c8d delete ingress allow tcp 22"),
        shown);
    assertTrue(shown.endsWith("\r[##############################] 2/2 huaweicloud-vpc 1c8d stopped\u001b[K\n"), shown);
    assertEquals(1, shown.split("\n", -1).length - 1, "one line in all");
  }

  @Test
  void theBarsTextIsCutToOneLine() {
    ProgressListener listener = new ProgressListener(new PrintWriter(err, true), true);

    listener.applyStarted("huaweicloud-vpc", SecurityGroupRef.ofId("g".repeat(100)), 1, false);

    String line = err.toString();
    String text = line.substring(line.indexOf("] ") + 2, line.indexOf("\u001b[K"));
    assertEquals("0/1 ".length() + ProgressListener.TEXT_WIDTH, text.length(), text);
    assertTrue(text.endsWith("..."), text);
  }

  private static void applyTwoDeletesOneFailing(ProgressListener listener) {
    String p = "huaweicloud-vpc";
    listener.applyStarted(p, GROUP, 2, false);
    listener.callSent(p, GROUP, "DeleteSecurityGroupRule", 1);
    listener.callAnswered(p, GROUP, "DeleteSecurityGroupRule", Optional.of("req-1"), Optional.empty());
    RuleOutcome deleted = RuleOutcome.done(RuleOutcome.Change.DELETE, RULE, RuleOutcome.Status.APPLIED,
        Optional.of("r1"));
    listener.changeSettled(p, GROUP, deleted);
    listener.callSent(p, GROUP, "DeleteSecurityGroupRule", 1);
    MalformedRequestException refused = new MalformedRequestException(
        ProviderError.of(p, "VPC.0114", "bad rule", null, 400), null);
    listener.callAnswered(p, GROUP, "DeleteSecurityGroupRule", Optional.of("req-2"), Optional.of(refused));
    RuleOutcome failed = RuleOutcome.notDone(RuleOutcome.Change.DELETE, RULE, RuleOutcome.Status.FAILED,
        Optional.of("r2"), "bad rule");
    listener.changeSettled(p, GROUP, failed);
    listener.applyEnded(new ApplyResult(p, GROUP, false, List.of(deleted, failed), 2));
  }
}
