package io.portcullis.cli;

import io.portcullis.testkit.FakeClouds;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One run of the command against running fakes, as a user would see it: the exit code, stdout and stderr.
 *
 * @param code the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(int code, String out, String err) {
  /** Runs {@code args} with {@code stdin} as standard input, without colour, the fakes standing in for every cloud. */
  static CliRun run(FakeClouds clouds, String stdin, String... args) {
    return run(clouds, stdin, false, args);
  }

  static CliRun run(FakeClouds clouds, String stdin, boolean color, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Session session = new Session(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true), false, color, fake -> SeededFakeClouds.over(clouds));
    int code = Portcullis.run(session, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Both streams, for assertion messages. */
  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
