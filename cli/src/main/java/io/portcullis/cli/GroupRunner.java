package io.portcullis.cli;

import io.portcullis.core.PortcullisException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.analysis.Finding;
import io.portcullis.core.analysis.RuleLinter;
import io.portcullis.core.group.GroupResolution;
import io.portcullis.core.group.GroupResolver;
import io.portcullis.core.plan.ApplyException;
import io.portcullis.core.plan.ApplyOptions;
import io.portcullis.core.plan.ApplyResult;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.rulefile.GroupRules;
import io.portcullis.rulefile.RuleFile;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans and applies one group at a time; whatever goes wrong with a group ends up in its report, not thrown. */
final class GroupRunner {
  private static final Logger LOG = LoggerFactory.getLogger(GroupRunner.class);

  private final Clouds clouds;
  /** The names of groups still to be created, by provider and the stand-in id plans use for them. */
  private final Map<String, Map<String, String>> standIns = new HashMap<>();
  /** The ids of the groups this run created, by provider and name. */
  private final Map<String, Map<String, String>> created = new HashMap<>();

  GroupRunner(Clouds clouds) {
    this.clouds = clouds;
  }

  /**
   * Plans every group of {@code file}: groups given by name are resolved first (read only), and rules referring to
   * another group of the file and provider by name are rewritten to its id; a group that fails to resolve fails
   * alone.
   */
  List<GroupReport> planAll(RuleFile file) {
    Map<GroupRules, Object> resolved = new IdentityHashMap<>();
    for (GroupRules group : file.groups()) {
      group.selector().filter(selector -> needsResolution(group)).ifPresent(selector -> {
        try {
          resolved.put(group, new GroupResolver(clouds.groups(group.provider())).resolve(selector));
        } catch (RuntimeException e) {
          resolved.put(group, e);
        }
      });
    }
    return file.groups().stream().map(group -> {
      try {
        Object resolution = resolved.get(group);
        if (resolution instanceof RuntimeException e) {
          throw e;
        }
        GroupRules desired = withRules(group, byIds(group, resolved));
        if (resolution instanceof GroupResolution r) {
          GroupRules byId = r.toBeCreated() ? desired : withGroup(desired, r.ref().orElseThrow());
          return plan(byId, r.toBeCreated() ? Optional.empty() : Optional.of(byId.group())).resolved(r);
        }
        return plan(desired);
      } catch (UnsupportedRuleException e) {
        return GroupReport.failed(group, describe(group, e), e.rejections());
      } catch (RuntimeException e) {
        return GroupReport.failed(group, describe(group, e), List.of());
      }
    }).toList();
  }

  /**
   * Whether the group is given by a name that must be resolved to an id first. A cache security group's name is
   * its id, so it needs resolving only when it may have to be created.
   */
  static boolean needsResolution(GroupRules group) {
    return group.selector().filter(s -> !group.provider().equals("aws-elasticache") || s.create()).isPresent();
  }

  /**
   * The group's rules, with remotes naming a resolved group of the same provider by name given by its id; a group
   * still to be created by a stand-in id ({@code web (to be created)}) that {@link #apply} replaces by the id the
   * group gets.
   */
  private List<SecurityRule> byIds(GroupRules group, Map<GroupRules, Object> resolved) {
    if (group.provider().equals("aws-elasticache")) {
      return group.rules(); // its group-name remotes are EC2 groups, not cache security groups
    }
    List<GroupResolution> sameProvider = resolved.entrySet().stream()
        .filter(e -> e.getKey().provider().equals(group.provider()) && e.getValue() instanceof GroupResolution)
        .map(e -> (GroupResolution) e.getValue()).toList();
    Map<String, String> ids = new HashMap<>(GroupResolver.idsByName(sameProvider));
    sameProvider.stream().filter(GroupResolution::toBeCreated).map(r -> r.selector().name()).forEach(name -> {
      String standIn = name + " (to be created)";
      standIns.computeIfAbsent(group.provider(), p -> new HashMap<>()).put(standIn, name);
      ids.putIfAbsent(name, standIn);
    });
    return GroupResolver.resolveRemotes(group.rules(), ids);
  }

  /** Lints the group's desired rules for its provider and plans them, checking the quota. */
  GroupReport plan(GroupRules group) {
    try {
      return plan(group, Optional.of(group.group()));
    } catch (UnsupportedRuleException e) {
      return GroupReport.failed(group, describe(group, e), e.rejections());
    } catch (RuntimeException e) {
      return GroupReport.failed(group, describe(group, e), List.of());
    }
  }

  /** Plans against the group, or against an empty group when it is still to be created. */
  private GroupReport plan(GroupRules group, Optional<SecurityGroupRef> existing) {
    SecurityGroupRules adapter = clouds.rules(group);
    List<Finding> findings = RuleLinter.builder().target(adapter.capabilities()).build().lint(group.rules());
    RulePlan plan = existing.isPresent() ? adapter.plan(existing.get(), group.rules(), group.mode())
        : RulePlan.between(adapter.providerForm(group.rules()), List.of(), group.mode());
    adapter.requireWithinQuota(plan);
    return GroupReport.planned(group, plan, findings, RuleLines.of(group, adapter));
  }

  /**
   * Creates, before any rule is applied, every group of {@code reports} with changes that is still to be created, so
   * that rules of any group of the run referring to one by name get its id; a group that cannot be created fails.
   */
  List<GroupReport> createMissing(List<GroupReport> reports) {
    return reports.stream().map(r -> r.status() == GroupReport.Status.CHANGES
        && r.resolution().filter(GroupResolution::toBeCreated).isPresent() ? create(r) : r).toList();
  }

  /**
   * Applies a planned group's plan and logs a summary at INFO. A group still to be created is created first; a
   * group just created, or whose rules refer to one, is planned again with the ids the groups got.
   */
  GroupReport apply(GroupReport planned, ApplyOptions options) {
    if (planned.resolution().filter(GroupResolution::toBeCreated).isPresent()) {
      planned = create(planned);
      if (planned.status() == GroupReport.Status.FAILED) {
        return planned;
      }
    }
    GroupRules group = planned.group();
    try {
      List<SecurityRule> rules = withCreatedIds(group.provider(), group.rules());
      if (planned.resolution().filter(GroupResolution::created).isPresent() || !rules.equals(group.rules())) {
        GroupReport replanned = plan(withRules(group, rules));
        planned = planned.resolution().map(replanned::resolved).orElse(replanned);
        if (planned.plan().isEmpty()) {
          return planned;
        }
        group = planned.group();
      }
      ApplyResult result = clouds.rules(group).apply(group.group(), planned.plan().orElseThrow(), options);
      LOG.info(lastLine(result));
      return result.isComplete() ? planned.applied(result)
          : planned.notApplied(Optional.of(result), "not every change was applied: " + lastLine(result));
    } catch (ApplyException e) {
      LOG.info(lastLine(e.result()));
      return planned.notApplied(Optional.of(e.result()), describe(e));
    } catch (RuntimeException e) {
      LOG.info("{}: nothing applied: {}", planned.title(), describe(e));
      return planned.notApplied(Optional.empty(), describe(e));
    }
  }

  /** Creates the group the plan named; the report then names it by id, to be planned again before its rules. */
  private GroupReport create(GroupReport planned) {
    GroupResolution resolution;
    try {
      resolution = new GroupResolver(clouds.groups(planned.group().provider()))
          .ensure(planned.resolution().orElseThrow().selector());
    } catch (RuntimeException e) {
      LOG.info("{}: nothing applied: {}", planned.title(), describe(e));
      return planned.notApplied(Optional.empty(), describe(e));
    }
    LOG.info(resolution.render());
    created.computeIfAbsent(planned.group().provider(), p -> new HashMap<>())
        .put(resolution.selector().name(), resolution.group().orElseThrow().id());
    return planned.withGroup(withGroup(planned.group(), resolution.ref().orElseThrow())).resolved(resolution);
  }

  /**
   * The rules with each stand-in id of a group to be created replaced by the id it was created with.
   *
   * @throws PortcullisException naming the group if it was not created in this run
   */
  private List<SecurityRule> withCreatedIds(String provider, List<SecurityRule> rules) {
    Map<String, String> names = standIns.getOrDefault(provider, Map.of());
    return rules.stream().map(rule -> {
      if (!(rule.remote() instanceof SecurityGroupRemote g) || !names.containsKey(g.groupId().orElse(""))) {
        return rule;
      }
      String name = names.get(g.groupId().get());
      String id = created.getOrDefault(provider, Map.of()).get(name);
      if (id == null) {
        throw new PortcullisException("rule '" + rule + "' refers to group " + name
            + ", which was not created; nothing was applied to this group");
      }
      return rule.toBuilder().remote(SecurityGroupRemote.builder().from(g).groupId(id).build()).build();
    }).toList();
  }

  /** The group by the id it resolved to; cache security groups are referred to by their name. */
  private static GroupRules withGroup(GroupRules g, SecurityGroupRef resolved) {
    SecurityGroupRef ref = g.provider().equals("aws-elasticache") ? SecurityGroupRef.ofName(resolved.name()
        .orElse(g.group().displayName())) : SecurityGroupRef.ofId(resolved.id().orElseThrow());
    return new GroupRules(g.provider(), ref, g.mode(), g.rules(),
        g.line(), g.ruleLocations(), g.region(), g.account(), g.profile(), g.project(), g.selector());
  }

  private static GroupRules withRules(GroupRules g, List<SecurityRule> rules) {
    return rules.equals(g.rules()) ? g : new GroupRules(g.provider(), g.group(), g.mode(), rules, g.line(),
        g.ruleLocations(), g.region(), g.account(), g.profile(), g.project(), g.selector());
  }

  /** {@code Applied: 3 of 3 changes to aws-ec2 sg-1 in 2 calls.} */
  private static String lastLine(ApplyResult result) {
    String rendered = result.render();
    return rendered.substring(rendered.lastIndexOf('\n') + 1);
  }

  /**
   * The exception's message, and for rules the provider cannot express where they were written: {@code ... (at
   * rules.yaml:5, rules.yaml:9)}.
   */
  static String describe(GroupRules group, RuntimeException e) {
    if (!(e instanceof UnsupportedRuleException unsupported)) {
      return describe(e);
    }
    List<String> where = unsupported.rejections().stream()
        .map(r -> group.locationOf(r.rule()).map(Objects::toString)).flatMap(Optional::stream).distinct().toList();
    return describe(e) + (where.isEmpty() ? "" : " (at " + String.join(", ", where) + ")");
  }

  /** The exception's message, or its type when it has none. */
  static String describe(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }
}
