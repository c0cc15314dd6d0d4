package io.portcullis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code portcullis} command: validate, lint, plan and apply desired-state rule files, export live groups,
 * translate rules between providers and compact them. Exit codes: 0 success (no changes), 1 error, 2 changes
 * pending ({@code plan --detailed-exitcode}).
 */
@Command(name = "portcullis", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = Portcullis.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = "Manage firewall rules on EC2, ElastiCache and Huawei Cloud VPC from desired-state rule files.",
    footerHeading = "%nExit codes:%n",
    footer = {"  0  success, and no changes pending", "  1  an error, a refused confirmation or lint findings at"
        + " --fail-on", "  2  changes pending (plan --detailed-exitcode)", "",
        "--fake runs a command against in-JVM fake clouds on 127.0.0.1: no account needed."},
    subcommands = {ValidateCommand.class, LintCommand.class, PlanCommand.class, ApplyCommand.class,
        ExportCommand.class, TranslateCommand.class, CompactCommand.class})
public final class Portcullis implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Portcullis.class);

  /** Success; for {@code plan}, no changes pending. */
  public static final int OK = 0;
  /** An error, a refused confirmation, or lint findings at {@code --fail-on}. */
  public static final int ERROR = 1;
  /** Changes pending ({@code plan --detailed-exitcode}). */
  public static final int CHANGES = 2;

  @Spec
  private CommandSpec spec;

  private final Session session;

  Portcullis(Session session) {
    this.session = session;
  }

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(Session.system(), args));
  }

  /** Runs the command in {@code session} and returns its exit code. */
  static int run(Session session, String... args) {
    CommandLine cli = new CommandLine(new Portcullis(session));
    cli.setOut(session.out());
    cli.setErr(session.err());
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(
        session.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    setExitCodes(cli);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      LOG.debug("{} failed", command.getCommandName(), e);
      command.getErr().println("Error: " + GroupRunner.describe(e));
      return ERROR;
    });
    try {
      return cli.execute(args);
    } finally {
      session.out().flush();
      session.err().flush();
    }
  }

  /** Bad usage is an error like any other (picocli's default is 2, which here means "changes pending"). */
  private static void setExitCodes(CommandLine cli) {
    cli.getCommandSpec().exitCodeOnInvalidInput(ERROR).exitCodeOnExecutionException(ERROR);
    cli.getSubcommands().values().forEach(Portcullis::setExitCodes);
  }

  Session session() {
    return session;
  }

  /** Without a command: the usage, and an error. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("Missing a command.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ERROR;
  }

  /** The version from the build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Portcullis.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"portcullis " + p.getProperty("version", "unknown")};
    }
  }
}
