package io.portcullis.cli;

import io.portcullis.rulefile.RuleFile;
import io.portcullis.rulefile.RuleFileException;
import io.portcullis.rulefile.RuleFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/** A command on a rule file. */
abstract class FileCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "A rule file: .yaml, .yml or .json.")
  Path file;

  /** The rule file, or empty after printing why it cannot be read. */
  Optional<RuleFile> read() {
    try {
      return Optional.of(RuleFiles.read(file));
    } catch (RuleFileException e) {
      error(e.getMessage());
    } catch (UncheckedIOException e) {
      error(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
    }
    return Optional.empty();
  }
}
