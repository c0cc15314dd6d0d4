package io.portcullis.cli;

import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.RuleRejection;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portcullis translate FILE --to PROVIDER}: what each group's rules become on another provider, and every
 * rule that provider cannot express, with why. Makes no call.
 */
@Command(name = "translate", description = {"Show what each group's rules become on another provider, and every rule"
    + " it cannot express and why (no calls).", "Exit 1 when a rule cannot be expressed."})
final class TranslateCommand extends FileCommand {
  @Option(names = "--to", required = true, paramLabel = "PROVIDER",
      description = "The provider to translate to: aws-ec2, aws-elasticache or huaweicloud-vpc.")
  String to;

  @Override
  public Integer call() {
    Optional<RuleFile> read = read();
    if (read.isEmpty()) {
      return Portcullis.ERROR;
    }
    RuleFile file = read.get();
    Style style = style();
    int rejected = 0;
    try (Clouds clouds = new OfflineClouds()) {
      SecurityGroupRules target = clouds.rules(to);
      for (GroupRules group : file.groups()) {
        out().println(style.bold("== " + group.provider() + " " + group.group() + " -> " + to + " (" + file.source()
            + ":" + group.line() + ") =="));
        int becomes = 0;
        int cannot = 0;
        for (SecurityRule rule : group.rules()) {
          try {
            List<SecurityRule> translated = target.providerForm(List.of(rule));
            becomes += translated.size();
            if (translated.equals(List.of(rule))) {
              out().println("  = " + rule);
            } else {
              out().println(style.yellow("  ~ " + rule));
              translated.forEach(t -> out().println("      becomes " + t));
            }
          } catch (UnsupportedRuleException e) {
            cannot++;
            out().println(style.red("  ! " + rule));
            e.rejections().stream().map(RuleRejection::reasons).flatMap(List::stream)
                .forEach(reason -> out().println("      cannot: " + reason));
          } catch (InvalidRuleException e) {
            cannot++;
            out().println(style.red("  ! " + rule));
            out().println("      cannot: " + e.getMessage());
          }
        }
        int expressible = group.rules().size() - cannot;
        out().println(expressible + " of " + group.rules().size() + " rules can be expressed on " + to + " (as "
            + becomes + (becomes == 1 ? " rule" : " rules") + ")" + (cannot == 0 ? "." : "; " + cannot
            + " cannot."));
        out().println();
        rejected += cannot;
      }
    }
    return rejected == 0 ? Portcullis.OK : Portcullis.ERROR;
  }
}
