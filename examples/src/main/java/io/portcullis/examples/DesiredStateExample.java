package io.portcullis.examples;

import io.portcullis.cli.ExampleFile;
import io.portcullis.cli.FakeGroups;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import io.portcullis.rulefile.RuleFiles;
import io.portcullis.testkit.FakeClouds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Plans and applies a desired-state rule file across providers, reads the rules back, and plans again to
 * show that nothing is left to do.
 *
 * <pre>
 * DesiredStateExample [--real [--apply]] [rules.yaml]
 * </pre>
 *
 * By default it starts the test kit's fake clouds on 127.0.0.1, creates the groups the file names (with the same
 * {@link FakeGroups} as {@code portcullis --fake}), and uses the built-in {@link ExampleFile}. With {@code --real}
 * it targets the real endpoints with the credentials of the standard environment (AWS: the SDK's default chain;
 * Huawei: {@code HUAWEICLOUD_SDK_AK}, {@code HUAWEICLOUD_SDK_SK}, {@code HUAWEICLOUD_SDK_PROJECT_ID}, {@code
 * HUAWEICLOUD_SDK_REGION}) and only dry-runs the plans unless {@code --apply} is given too.
 */
public final class DesiredStateExample {
  private DesiredStateExample() {}

  /** Runs the example; see the class documentation for the arguments. */
  public static void main(String[] args) {
    run(System.out, args);
  }

  /** Runs the example, printing to {@code out}. */
  public static void run(PrintStream out, String... args) {
    boolean real = false;
    boolean apply = false;
    String file = null;
    for (String arg : args) {
      switch (arg) {
        case "--real" -> real = true;
        case "--apply" -> apply = true;
        default -> {
          if (arg.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + arg + "; usage: [--real [--apply]] [rules.yaml]");
          }
          file = arg;
        }
      }
    }
    if (apply && !real) {
      throw new IllegalArgumentException("--apply goes with --real; the fake clouds are always applied to");
    }
    RuleFile rules = file == null ? ExampleFile.read() : RuleFiles.read(Path.of(file));
    if (real) {
      out.println("Targeting the REAL provider endpoints" + (apply ? " and APPLYING changes." : " (dry run; add --apply to change anything)."));
      Map<String, SecurityGroupRules> adapters = new HashMap<>();
      converge(out, rules, p -> adapters.computeIfAbsent(p, x -> SecurityGroupRulesProvider.load(x,
          ProviderSettings.builder().build())), !apply);
      return;
    }
    try (FakeClouds clouds = FakeClouds.start()) {
      out.println("Started fake EC2, ElastiCache and Huawei Cloud VPC on 127.0.0.1 (no cloud account needed).");
      FakeGroups.createAll(clouds, rules);
      Map<String, SecurityGroupRules> adapters = new HashMap<>();
      converge(out, rules, p -> adapters.computeIfAbsent(p, clouds::rules), false);
      out.println();
      out.println("== Planning again: the providers already hold the desired state ==");
      for (GroupRules group : rules.groups()) {
        SecurityGroupRules adapter = adapters.get(group.provider());
        out.println(group.provider() + " " + group.group() + ": "
            + adapter.plan(group.group(), group.rules(), group.mode()).summary());
      }
      out.println("Mutating calls made in all: " + clouds.mutatingCallCount() + ".");
    }
  }

  private static void converge(PrintStream out, RuleFile rules, Function<String, SecurityGroupRules> adapters,
      boolean dryRun) {
    out.println("Desired state: " + rules.source() + " (" + rules.groups().size() + " groups)");
    for (GroupRules group : rules.groups()) {
      SecurityGroupRules adapter = adapters.apply(group.provider());
      out.println();
      out.println("== " + group.provider() + " " + group.group() + " ==");
      RulePlan plan = adapter.plan(group.group(), group.rules(), group.mode());
      out.println(plan.render());
      if (!plan.hasChanges()) {
        continue;
      }
      ApplyResult result = dryRun ? adapter.dryRun(group.group(), plan) : adapter.apply(group.group(), plan);
      out.println(result.render());
      if (!dryRun) {
        out.println("Rules at " + group.provider() + " now:");
        for (ProvisionedRule rule : adapter.list(group.group())) {
          out.println("  " + rule);
        }
      }
    }
  }
}
