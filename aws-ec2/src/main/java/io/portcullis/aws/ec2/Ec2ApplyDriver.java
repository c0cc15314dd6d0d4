package io.portcullis.aws.ec2;

import io.portcullis.core.Direction;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleListing;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.plan.ApplyDriver;
import io.portcullis.core.plan.CallReply;
import io.portcullis.core.plan.PlannedChange;
import io.portcullis.core.plan.ProviderCall;
import io.portcullis.core.plan.RuleOutcome.Change;
import io.portcullis.core.plan.RulePlan;
import io.portcullis.core.plan.RuleUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * EC2's calls for the apply pipeline: per direction one authorize for creates (per set of rule tags), one
 * description update by rule ids for updates (with CreateTags / DeleteTags for their tags), one revoke by rule ids
 * for deletes. Replies are checked: a created rule of another group, or a call EC2 answers without {@code
 * Return=true}, is a {@link ProviderReplyException}, which the pipeline settles by re-reading the group.
 */
final class Ec2ApplyDriver implements ApplyDriver {
  private final Ec2SecurityGroupRules rules;
  private final SecurityGroupRef group;
  private final String groupId;
  /** The plan's updates by rule id: what each changes (description, tags) and which tags it removes. */
  private final Map<String, RuleUpdate> updates = new HashMap<>();

  Ec2ApplyDriver(Ec2SecurityGroupRules rules, SecurityGroupRef group, List<RuleUpdate> updates) {
    this.rules = rules;
    this.group = group;
    this.groupId = group.id().orElseThrow();
    updates.forEach(u -> this.updates.put(u.current().providerId(), u));
  }

  /** The re-plan's updates replace the stale plan's: their tags to remove are worked out from the fresh listing. */
  @Override
  public RulePlan replan(RulePlan stale, List<ProvisionedRule> fresh) {
    RulePlan plan = ApplyDriver.super.replan(stale, fresh);
    updates.clear();
    plan.toUpdate().forEach(u -> updates.put(u.current().providerId(), u));
    return plan;
  }

  @Override
  public String provider() {
    return Ec2Capabilities.PROVIDER;
  }

  @Override
  public List<ProviderCall> calls(Change kind, List<PlannedChange> changes) {
    List<ProviderCall> calls = new ArrayList<>();
    for (Direction direction : Ec2SecurityGroupRules.DIRECTIONS) {
      List<PlannedChange> these = changes.stream().filter(c -> c.rule().direction() == direction).toList();
      if (these.isEmpty()) {
        continue;
      }
      switch (kind) {
        case CREATE -> {
          // TagSpecifications tag every rule of a call alike: one authorize per set of tags
          Map<Map<String, String>, List<PlannedChange>> byTags = new LinkedHashMap<>();
          these.forEach(c -> byTags.computeIfAbsent(rules.ruleTags(c.rule()), t -> new ArrayList<>()).add(c));
          byTags.forEach((tags, tagged) -> calls.add(create(direction, tagged, tags)));
        }
        case UPDATE -> calls.add(update(direction, these));
        case DELETE -> calls.add(delete(direction, these));
      }
    }
    return calls;
  }

  private ProviderCall delete(Direction direction, List<PlannedChange> these) {
    List<String> ids = these.stream().map(c -> c.providerId().orElse(null)).toList();
    String operation = Ec2SecurityGroupRules.operation("RevokeSecurityGroup", direction);
    return new Ec2Call(operation, these, dry -> {
      requireReturn(rules.revokeCall(direction, group, null, ids, dry).succeeded(), operation);
      return List.of();
    });
  }

  private ProviderCall create(Direction direction, List<PlannedChange> these, Map<String, String> tags) {
    var permissions = rules.translateForApply(group, these.stream().map(PlannedChange::rule).toList())
        .permissions(direction);
    String operation = Ec2SecurityGroupRules.operation("AuthorizeSecurityGroup", direction);
    return new Ec2Call(operation, these, dry -> {
      List<SecurityGroupRule> created = rules.authorizeCall(direction, group, permissions, tags, dry);
      List<ProvisionedRule> read = new ArrayList<>();
      for (int i = 0; i < created.size(); i++) {
        ProvisionedRule p = Ec2SecurityGroupRules.readBack(operation, "SecurityGroupRules[" + i + "]",
            created.get(i));
        if (!p.groupId().orElse("").equals(groupId)) {
          throw new ProviderReplyException(provider(), operation, "SecurityGroupRules[" + i + "].GroupId",
              "the reply lists a rule of group " + p.groupId().orElse("") + ", not " + groupId, Optional.empty());
        }
        read.add(p);
      }
      return read;
    });
  }

  /**
   * One call for a direction's updates: the description update for those whose description changes, then
   * CreateTags per set of desired tags and DeleteTags per set of removed keys for those whose tags change.
   */
  private ProviderCall update(Direction direction, List<PlannedChange> these) {
    List<PlannedChange> described = new ArrayList<>();
    Map<Map<String, String>, List<String>> put = new LinkedHashMap<>();
    Map<Set<String>, List<String>> removed = new LinkedHashMap<>();
    for (PlannedChange c : these) {
      String id = c.providerId().orElseThrow();
      RuleUpdate u = Objects.requireNonNull(updates.get(id), id); // the plan's or the re-plan's
      if (u.descriptionChanges()) {
        described.add(c);
      }
      if (u.tagsChange()) {
        put.computeIfAbsent(c.rule().tags(), t -> new ArrayList<>()).add(id);
      }
      if (!u.tagsRemoved().isEmpty()) {
        removed.computeIfAbsent(u.tagsRemoved(), k -> new ArrayList<>()).add(id);
      }
    }
    List<Request> requests = new ArrayList<>();
    if (!described.isEmpty()) {
      String operation = Ec2SecurityGroupRules.operation("UpdateSecurityGroupRuleDescriptions", direction);
      requests.add(new Request(operation,
          dry -> requireReturn(rules.updateDescriptionsCall(direction, group, described, dry), operation)));
    }
    put.forEach((tags, ids) -> requests.add(new Request("CreateTags", dry -> rules.createTagsCall(ids, tags, dry))));
    removed.forEach((keys, ids) -> requests.add(new Request("DeleteTags",
        dry -> rules.deleteTagsCall(ids, keys, dry))));
    return new Ec2Requests(these, requests);
  }

  /** A call EC2 answered without {@code Return=true} made no change for sure; the pipeline re-reads to settle. */
  private void requireReturn(boolean returned, String operation) {
    if (!returned) {
      throw new ProviderReplyException(provider(), operation, "Return", "EC2 did not return true", Optional.empty());
    }
  }

  @Override
  public List<ProvisionedRule> list() {
    return rules.list(group);
  }

  @Override
  public RuleListing read() {
    return rules.read(group);
  }

  /** One revoke by ids per direction for the rules the model cannot represent. */
  @Override
  public List<ProviderCall> opaqueDeletes(List<OpaqueRule> opaque) {
    List<ProviderCall> calls = new ArrayList<>();
    for (Direction direction : Ec2SecurityGroupRules.DIRECTIONS) {
      List<OpaqueRule> these = opaque.stream()
          .filter(o -> o.direction().orElse(Direction.INGRESS) == direction).toList();
      if (these.isEmpty()) {
        continue;
      }
      List<String> ids = these.stream().map(OpaqueRule::providerId).toList();
      String operation = Ec2SecurityGroupRules.operation("RevokeSecurityGroup", direction);
      calls.add(new Ec2Call(operation, List.of(), these, dry -> {
        requireReturn(rules.revokeCall(direction, group, null, ids, dry).succeeded(), operation);
        return List.of();
      }));
    }
    return calls;
  }

  @Override
  public Optional<QuotaChecker> quota() {
    return rules.quota();
  }

  @Override
  public List<SecurityRule> stored(SecurityRule rule) {
    return Ec2RuleTranslator.perPortRange(List.of(rule));
  }

  /** One request of {@link Ec2Requests}, made for real or as a dry run. */
  private record Request(String operation, Consumer<Boolean> send) {}

  /**
   * Several EC2 requests for one set of changes, sent in order (an update's description and tags); a failure stops
   * the rest and the pipeline settles every change by re-reading. A dry run checks each request.
   */
  private record Ec2Requests(List<PlannedChange> changes, List<Request> requests) implements ProviderCall {
    @Override
    public String operation() {
      return requests.stream().map(Request::operation).collect(Collectors.joining("+"));
    }

    @Override
    public CallReply send(boolean dryRun, Runnable onRequest) {
      Optional<String> requestId = Optional.empty();
      for (Request r : requests) {
        onRequest.run();
        if (dryRun) {
          requestId = Ec2SecurityGroupRules.dryRun(r.operation(), () -> r.send().accept(true)).requestId();
        } else {
          r.send().accept(false);
        }
      }
      return CallReply.ok(requestId);
    }
  }

  /** One EC2 call; a dry run turns EC2's {@code DryRunOperation} answer into success. */
  private record Ec2Call(String operation, List<PlannedChange> changes, List<OpaqueRule> opaque,
      Function<Boolean, List<ProvisionedRule>> body) implements ProviderCall {
    Ec2Call(String operation, List<PlannedChange> changes, Function<Boolean, List<ProvisionedRule>> body) {
      this(operation, changes, List.of(), body);
    }

    @Override
    public CallReply send(boolean dryRun, Runnable onRequest) {
      onRequest.run();
      if (dryRun) {
        return CallReply.ok(Ec2SecurityGroupRules.dryRun(operation, () -> body.apply(true)).requestId());
      }
      return CallReply.created(body.apply(false), Optional.empty());
    }
  }
}
