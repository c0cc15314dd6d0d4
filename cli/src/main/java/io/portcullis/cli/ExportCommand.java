package io.portcullis.cli;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import io.portcullis.rulefile.RuleFileWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code portcullis export PROVIDER GROUP...}: live groups as an authoritative rule file that plans to No changes.
 */
@Command(name = "export", description = {"Write live groups as a rule file (authoritative: it lists every rule), "
    + "which plans to No changes.", "Groups are ids, except cache security groups (aws-elasticache), which are names."})
final class ExportCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PROVIDER", description = "aws-ec2, aws-elasticache or huaweicloud-vpc.")
  String provider;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "GROUP", description = "The groups to export.")
  List<String> groups;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
      description = "yaml or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the file here instead of stdout.")
  Path output;

  @Override
  public Integer call() {
    RuleFileWriter writer = RuleFileWriter.of(format(this, format));
    List<GroupRules> exported = new ArrayList<>();
    int failed = 0;
    try (Clouds clouds = clouds()) {
      clouds.seedExample();
      SecurityGroupRules adapter = clouds.rules(provider);
      for (String name : groups) {
        SecurityGroupRef ref = provider.equals("aws-elasticache") ? SecurityGroupRef.ofName(name)
            : SecurityGroupRef.ofId(name);
        try {
          List<ProvisionedRule> live = adapter.list(ref);
          if (live.isEmpty()) {
            // The providers' list calls filter by group, so a group that does not exist has no rules either.
            err().println(style().yellow("Warning: " + provider + " " + ref + " has no rules; check that the group"
                + " exists."));
          }
          exported.add(new GroupRules(provider, ref, PlanMode.AUTHORITATIVE,
              live.stream().map(ProvisionedRule::rule).toList(), 0));
        } catch (RuntimeException e) {
          failed++;
          error(provider + " " + ref + ": " + GroupRunner.describe(e));
        }
      }
    }
    RuleFile file = new RuleFile(output == null ? "stdout" : output.toString(), exported);
    if (output == null) {
      out().print(writer.write(file));
    } else {
      writer.write(file, output);
    }
    int rules = exported.stream().mapToInt(g -> g.rules().size()).sum();
    err().println("Exported " + exported.size() + " of " + groups.size() + " groups (" + rules + " rules)"
        + (output == null ? "." : " to " + output + "."));
    return failed == 0 ? Portcullis.OK : Portcullis.ERROR;
  }

  /** The format {@code --format} names, or a usage error. */
  static RuleFileWriter.Format format(BaseCommand command, String name) {
    try {
      return RuleFileWriter.Format.of(name);
    } catch (IllegalArgumentException e) {
      throw command.badUsage("--format " + e.getMessage());
    }
  }
}
