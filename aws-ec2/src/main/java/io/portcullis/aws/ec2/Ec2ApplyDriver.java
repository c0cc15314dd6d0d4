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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * EC2's calls for the apply pipeline: per direction one authorize for creates, one description update by rule
 * ids for updates, one revoke by rule ids for deletes. Replies are checked: a created rule of another group, or a
 * call EC2 answers without {@code Return=true}, is a {@link ProviderReplyException}, which the pipeline settles by
 * re-reading the group.
 */
final class Ec2ApplyDriver implements ApplyDriver {
  private final Ec2SecurityGroupRules rules;
  private final SecurityGroupRef group;
  private final String groupId;

  Ec2ApplyDriver(Ec2SecurityGroupRules rules, SecurityGroupRef group) {
    this.rules = rules;
    this.group = group;
    this.groupId = group.id().orElseThrow();
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
      if (!these.isEmpty()) {
        calls.add(call(kind, direction, these));
      }
    }
    return calls;
  }

  private ProviderCall call(Change kind, Direction direction, List<PlannedChange> these) {
    List<String> ids = these.stream().map(c -> c.providerId().orElse(null)).toList();
    return switch (kind) {
      case CREATE -> {
        var permissions = rules.translateForApply(group, these.stream().map(PlannedChange::rule).toList())
            .permissions(direction);
        String operation = Ec2SecurityGroupRules.operation("AuthorizeSecurityGroup", direction);
        yield new Ec2Call(operation, these, dry -> {
          List<SecurityGroupRule> created = rules.authorizeCall(direction, group, permissions, rules.ruleTags(), dry);
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
      case UPDATE -> {
        String operation = Ec2SecurityGroupRules.operation("UpdateSecurityGroupRuleDescriptions", direction);
        yield new Ec2Call(operation, these, dry -> {
          requireReturn(rules.updateDescriptionsCall(direction, group, these, dry), operation);
          return List.of();
        });
      }
      case DELETE -> {
        String operation = Ec2SecurityGroupRules.operation("RevokeSecurityGroup", direction);
        yield new Ec2Call(operation, these, dry -> {
          requireReturn(rules.revokeCall(direction, group, null, ids, dry).succeeded(), operation);
          return List.of();
        });
      }
    };
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
