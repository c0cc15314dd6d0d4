package io.portcullis.examples;

import io.portcullis.cli.ExampleFile;
import io.portcullis.cli.FakeGroups;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupResolution;
import io.portcullis.core.group.GroupResolver;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.core.group.SecurityGroups;
import io.portcullis.core.group.SecurityGroupsProvider;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import io.portcullis.rulefile.RuleFiles;
import io.portcullis.testkit.FakeClouds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plans and applies a desired-state rule file across providers, reads the rules back, and plans again to
 * show that nothing is left to do. Groups the file gives by name ({@code group: {name: web, vpc: vpc-1}}) are
 * found, or created first when they say {@code create: true}, with {@link GroupResolver} ("make sure this group
 * exists with these rules"); rules naming another group of the file by name get its id.
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
      Map<String, SecurityGroups> groups = new HashMap<>();
      converge(out, rules, p -> adapters.computeIfAbsent(p, x -> SecurityGroupRulesProvider.load(x,
          ProviderSettings.builder().build())), p -> groups.computeIfAbsent(p, x -> SecurityGroupsProvider.load(x,
          ProviderSettings.builder().build())), !apply);
      return;
    }
    try (FakeClouds clouds = FakeClouds.start()) {
      out.println("Started fake EC2, ElastiCache and Huawei Cloud VPC on 127.0.0.1 (no cloud account needed).");
      // groups given by id are made in the fakes; groups given by name are found, or created when they say so
      rules.groups().stream().filter(g -> byName(g).isEmpty()).forEach(g -> FakeGroups.create(clouds, g));
      Map<String, SecurityGroupRules> adapters = new HashMap<>();
      Map<GroupRules, Target> targets = converge(out, rules, p -> adapters.computeIfAbsent(p, clouds::rules),
          clouds::groups, false);
      out.println();
      out.println("== Planning again: the providers already hold the desired state ==");
      for (GroupRules group : rules.groups()) {
        SecurityGroupRules adapter = adapters.get(group.provider());
        Target target = targets.get(group);
        out.println(group.provider() + " " + target.group() + ": "
            + adapter.plan(target.group(), target.rules(), group.mode()).summary());
      }
      out.println("Mutating calls made in all: " + clouds.mutatingCallCount() + ".");
    }
  }

  /** A group of the file as planned: by id, with references to other groups of the file by name given by id. */
  private record Target(SecurityGroupRef group, List<SecurityRule> rules) {}

  private static Map<GroupRules, Target> converge(PrintStream out, RuleFile rules,
      Function<String, SecurityGroupRules> adapters, Function<String, SecurityGroups> groups, boolean dryRun) {
    out.println("Desired state: " + rules.source() + " (" + rules.groups().size() + " groups)");
    Map<GroupRules, GroupResolution> resolved = ensureGroups(out, rules, groups, dryRun);
    Map<GroupRules, Target> targets = new LinkedHashMap<>();
    for (GroupRules group : rules.groups()) {
      SecurityGroupRules adapter = adapters.apply(group.provider());
      out.println();
      out.println("== " + group.provider() + " " + group.group() + " ==");
      List<SecurityRule> desired = group.provider().equals("aws-elasticache") ? group.rules()
          : GroupResolver.resolveRemotes(group.rules(), GroupResolver.idsByName(resolved.entrySet().stream()
              .filter(e -> e.getKey().provider().equals(group.provider())).map(Map.Entry::getValue).toList()));
      GroupResolution resolution = resolved.get(group);
      if (resolution != null && resolution.toBeCreated()) {
        // a dry run creates nothing: show what the new group would get
        out.println(RulePlan.between(adapter.providerForm(desired), List.of(), group.mode()).render());
        continue;
      }
      SecurityGroupRef ref = resolution == null ? group.group() : resolution.ref().orElseThrow();
      targets.put(group, new Target(ref, desired));
      RulePlan plan = adapter.plan(ref, desired, group.mode());
      out.println(plan.render());
      if (!plan.hasChanges()) {
        continue;
      }
      ApplyResult result = dryRun ? adapter.dryRun(ref, plan) : adapter.apply(ref, plan);
      out.println(result.render());
      if (!dryRun) {
        out.println("Rules at " + group.provider() + " now:");
        for (ProvisionedRule rule : adapter.list(ref)) {
          Map<String, String> tags = rule.rule().tags();
          out.println("  " + rule + (tags.isEmpty() ? "" : "   tags " + new TreeMap<>(tags)));
        }
      }
    }
    return targets;
  }

  /**
   * "Make sure this group exists": each group the file gives by name is found, or created first when it says
   * {@code create: true} (unless a dry run), through the public {@link GroupResolver}, as {@code portcullis apply}
   * does.
   */
  private static Map<GroupRules, GroupResolution> ensureGroups(PrintStream out, RuleFile rules,
      Function<String, SecurityGroups> groups, boolean dryRun) {
    Map<GroupRules, GroupResolution> resolved = new LinkedHashMap<>();
    for (GroupRules group : rules.groups()) {
      Optional<GroupSelector> selector = byName(group);
      if (selector.isPresent()) {
        GroupResolver resolver = new GroupResolver(groups.apply(group.provider()));
        GroupResolution r = dryRun ? resolver.resolve(selector.get()) : resolver.ensure(selector.get());
        out.println(group.provider() + " " + r.render());
        resolved.put(group, r);
      }
    }
    return resolved;
  }

  /** The group's selector when it is to be found by name: a cache security group's name is its id already. */
  private static Optional<GroupSelector> byName(GroupRules group) {
    return group.selector().filter(s -> !group.provider().equals("aws-elasticache") || s.create());
  }
}
