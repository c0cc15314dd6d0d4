package io.portcullis.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command has: the session, {@code --fake}, the streams. */
abstract class BaseCommand implements Callable<Integer> {
  @ParentCommand
  Portcullis root;

  @Spec
  CommandSpec spec;

  @Option(names = "--fake", description = "Use in-JVM fake clouds on 127.0.0.1 (no account needed): for plan and "
      + "apply they start with the file's groups as new groups come; for export with the built-in example applied. "
      + "validate, lint, translate and compact make no call either way.")
  boolean fake;

  Session session() {
    return root.session();
  }

  PrintWriter out() {
    return session().out();
  }

  PrintWriter err() {
    return session().err();
  }

  Style style() {
    return new Style(session().color());
  }

  /** The clouds {@code --fake} asks for; close them after use. */
  Clouds clouds() {
    return session().clouds().apply(fake);
  }

  /** Prints an error on stderr and returns exit code 1. */
  int error(String message) {
    err().println(style().red("Error: " + message));
    return Portcullis.ERROR;
  }

  /** A usage error naming the option, like picocli's own. */
  ParameterException badUsage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
