package io.portcullis.cli;

import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code portcullis validate FILE}: the file reads, and every provider can express every rule; makes no call. */
@Command(name = "validate", description = "Check that the file reads and that each provider can express its rules "
    + "(no calls).")
final class ValidateCommand extends FileCommand {
  @Override
  public Integer call() {
    Optional<RuleFile> read = read();
    if (read.isEmpty()) {
      return Portcullis.ERROR;
    }
    RuleFile file = read.get();
    int invalid = 0;
    int rules = 0;
    try (Clouds clouds = new OfflineClouds()) {
      for (GroupRules group : file.groups()) {
        rules += group.rules().size();
        try {
          clouds.rules(group).providerForm(group.rules());
        } catch (RuntimeException e) {
          invalid++;
          error(file.source() + ":" + group.line() + ": " + group.provider() + " " + group.group() + ": "
              + GroupRunner.describe(group, e));
        }
      }
    }
    String counts = file.groups().size() + (file.groups().size() == 1 ? " group, " : " groups, ") + rules
        + (rules == 1 ? " rule" : " rules");
    if (invalid > 0) {
      out().println(file.source() + ": " + counts + ": " + invalid + " invalid.");
      return Portcullis.ERROR;
    }
    out().println(file.source() + ": " + counts + ": valid.");
    return Portcullis.OK;
  }
}
