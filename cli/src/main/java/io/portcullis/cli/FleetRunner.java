package io.portcullis.cli;

import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.analysis.RuleLinter;
import io.portcullis.core.fleet.Fleet;
import io.portcullis.core.fleet.FleetAction;
import io.portcullis.core.fleet.FleetOptions;
import io.portcullis.core.fleet.FleetResult;
import io.portcullis.core.fleet.FleetScope;
import io.portcullis.core.fleet.FleetTarget;
import io.portcullis.core.fleet.GroupResult;
import io.portcullis.core.fleet.GroupStatus;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.rulefile.GroupRules;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans and applies a file's groups through the core's {@link Fleet} ({@code --parallelism} above 1): many groups at
 * once, each provider's rate limits respected; reports as {@link GroupRunner} makes them, in file order.
 */
final class FleetRunner {
  private final Map<String, SecurityGroupRules> adapters = new HashMap<>();
  private final Map<String, RuntimeException> missing = new HashMap<>();
  private final int parallelism;
  private final PrintWriter err;

  /** Resolves every provider of {@code groups} here: the {@link Clouds} are not thread-safe. */
  FleetRunner(Clouds clouds, List<GroupRules> groups, int parallelism, PrintWriter err) {
    for (GroupRules g : groups) {
      if (!adapters.containsKey(g.provider()) && !missing.containsKey(g.provider())) {
        try {
          adapters.put(g.provider(), clouds.rules(g.provider()));
        } catch (RuntimeException e) {
          missing.put(g.provider(), e);
        }
      }
    }
    this.parallelism = parallelism;
    this.err = err;
  }

  /** Lints and plans every group, checking the quota, like {@link GroupRunner#plan}. */
  List<GroupReport> plan(List<GroupRules> groups) {
    List<FleetTarget> targets = groups.stream().map(FleetRunner::target).toList();
    FleetResult result = fleet(ApplyOptions.defaults()).run(targets, FleetAction.PLAN);
    List<GroupReport> reports = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      GroupRules group = groups.get(i);
      GroupResult r = result.groups().get(i);
      if (r.plan().isEmpty()) {
        Optional<RuntimeException> error = r.error();
        reports.add(GroupReport.failed(group, error.map(e -> GroupRunner.describe(group, e))
            .orElse(r.status().toString()), error.filter(UnsupportedRuleException.class::isInstance)
            .map(e -> ((UnsupportedRuleException) e).rejections()).orElse(List.of())));
        continue;
      }
      try {
        SecurityGroupRules adapter = adapters.get(group.provider());
        adapter.requireWithinQuota(r.plan().get());
        reports.add(GroupReport.planned(group, r.plan().get(),
            RuleLinter.builder().target(adapter.capabilities()).build().lint(group.rules()),
            RuleLines.of(group, adapter)));
      } catch (RuntimeException e) {
        reports.add(GroupReport.failed(group, GroupRunner.describe(group, e), List.of()));
      }
    }
    return reports;
  }

  /** Applies the plans of the reports with changes, as they were shown; the others are returned as they are. */
  List<GroupReport> apply(List<GroupReport> reports, ApplyOptions options) {
    List<Integer> changed = new ArrayList<>();
    List<FleetTarget> targets = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      if (reports.get(i).status() == GroupReport.Status.CHANGES) {
        changed.add(i);
        targets.add(target(reports.get(i).group()).withPlan(reports.get(i).plan().orElseThrow()));
      }
    }
    FleetResult result = fleet(options).run(targets, FleetAction.APPLY);
    err.println(result.summary());
    List<GroupReport> done = new ArrayList<>(reports);
    for (int j = 0; j < changed.size(); j++) {
      GroupReport planned = reports.get(changed.get(j));
      GroupResult r = result.groups().get(j);
      done.set(changed.get(j), r.status() == GroupStatus.APPLIED ? planned.applied(r.result().orElseThrow())
          : planned.notApplied(r.result(), r.error().map(GroupRunner::describe)
              .orElse(r.status().name().toLowerCase(java.util.Locale.ROOT))));
    }
    return done;
  }

  private Fleet fleet(ApplyOptions options) {
    return Fleet.of(scope -> {
      RuntimeException e = missing.get(scope.provider());
      if (e != null) {
        throw e;
      }
      return adapters.get(scope.provider());
    }, FleetOptions.builder().parallelism(parallelism).perScope(Math.min(parallelism, 4)).apply(options)
        .listener(new FleetProgressListener(err)).build());
  }

  private static FleetTarget target(GroupRules g) {
    FleetScope scope = new FleetScope(g.provider(), g.account().or(g::project), g.region());
    return new FleetTarget(scope, g.group(), g.rules(), g.mode());
  }
}
