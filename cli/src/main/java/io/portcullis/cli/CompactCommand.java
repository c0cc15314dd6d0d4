package io.portcullis.cli;

import io.portcullis.core.analysis.RuleCompactor;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import io.portcullis.rulefile.RuleFileWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portcullis compact FILE}: the same rule file with each group's rules rewritten into a smaller equivalent
 * set, on stdout; what shrank on stderr. Makes no call.
 */
@Command(name = "compact", description = {"Print the file with each group's rules compacted into a smaller "
    + "equivalent set (CIDR and port merging, covered rules dropped; no calls).",
    "The counts per group go to stderr."})
final class CompactCommand extends FileCommand {
  @Option(names = "--format", paramLabel = "FORMAT",
      description = "yaml or json (default: the file's own, by its extension).")
  String format;

  @Override
  public Integer call() {
    Optional<RuleFile> read = read();
    if (read.isEmpty()) {
      return Portcullis.ERROR;
    }
    RuleFileWriter writer = RuleFileWriter.of(format == null
        ? (file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? RuleFileWriter.Format.JSON
            : RuleFileWriter.Format.YAML)
        : ExportCommand.format(this, format));
    RuleCompactor compactor = new RuleCompactor();
    List<GroupRules> compacted = new ArrayList<>();
    for (GroupRules g : read.get().groups()) {
      GroupRules smaller = new GroupRules(g.provider(), g.group(), g.mode(), compactor.compact(g.rules()), g.line());
      compacted.add(smaller);
      err().println(g.provider() + " " + g.group() + ": " + g.rules().size() + " rules -> " + smaller.rules().size());
    }
    out().print(writer.write(new RuleFile(read.get().source(), compacted)));
    return Portcullis.OK;
  }
}
