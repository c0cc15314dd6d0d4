package io.portcullis.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * What a run of the command talks to: its streams, whether they are a terminal, whether to colour, and where
 * the clouds are. {@link #system()} is the real process; tests build their own.
 *
 * @param in where answers to questions are read
 * @param out the command's output
 * @param err progress, questions, warnings and errors
 * @param terminal whether a person is watching (a progress bar rather than lines)
 * @param color whether output is coloured
 * @param clouds the clouds for {@code --fake} ({@code true}) or the real ones ({@code false})
 */
record Session(InputStream in, PrintWriter out, PrintWriter err, boolean terminal, boolean color,
    Function<Boolean, Clouds> clouds) {
  /** Checks that nothing is null. */
  Session {
    requireNonNull(in, "in");
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    requireNonNull(clouds, "clouds");
  }

  /** The process's streams; a terminal when it has a console, coloured then unless {@code NO_COLOR} is set. */
  static Session system() {
    boolean terminal = System.console() != null;
    return new Session(System.in, writer(System.out), writer(System.err), terminal,
        colorWanted(terminal, System.getenv()),
        fake -> fake ? SeededFakeClouds.start() : new RealClouds());
  }

  /** Colour only on a terminal and never with {@code NO_COLOR} set to anything but the empty string (no-color.org). */
  static boolean colorWanted(boolean terminal, Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty());
  }

  private static PrintWriter writer(java.io.OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
