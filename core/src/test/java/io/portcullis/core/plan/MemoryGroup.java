package io.portcullis.core.plan;

import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.NoAnswerException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.core.analysis.ProviderRuleCounter;
import io.portcullis.core.analysis.QuotaChecker;
import io.portcullis.core.analysis.RuleQuota;
import io.portcullis.core.plan.RuleOutcome.Change;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A group held in memory behind an {@link ApplyDriver}: one call per step, faults injected by call index, so the
 * pipeline's ordering and settling can be tested without a network.
 */
final class MemoryGroup implements ApplyDriver {
  /** What the call with an index does instead of simply succeeding. */
  enum Fault {
    /** Refused before anything changes (403). */
    REFUSED,
    /** No answer, nothing changed (the request never arrived). */
    LOST_REQUEST,
    /** Carried out, then no answer (the reply was lost). */
    LOST_REPLY,
    /** Carried out, then the retry answers duplicate (create) or not found (delete). */
    RETRY_SAYS_DONE,
    /** Carried out, but the reply lists no created rule. */
    EMPTY_REPLY,
    /** Carried out, and the thread is interrupted while the reply is lost. */
    INTERRUPTED_AFTER
  }

  final Map<String, SecurityRule> rules = new LinkedHashMap<>();
  final List<String> sent = new ArrayList<>();
  final Map<Integer, Fault> faults = new HashMap<>();
  Optional<QuotaChecker> quota = Optional.empty();
  boolean listFails;
  int lists;
  private int nextId;
  private int calls;

  MemoryGroup with(String... texts) {
    for (String t : texts) {
      rules.put("r" + nextId++, SecurityRule.parse(t));
    }
    return this;
  }

  /** A quota of {@code limit} rules for the whole group, one provider rule per neutral rule. */
  MemoryGroup quota(int limit) {
    quota = Optional.of(new QuotaChecker(new ProviderRuleCounter() {
      @Override
      public String provider() {
        return "memory";
      }

      @Override
      public int count(Collection<SecurityRule> counted) {
        return counted.size();
      }
    }, RuleQuota.perGroup(limit)));
    return this;
  }

  List<ProvisionedRule> snapshot() {
    List<ProvisionedRule> now = new ArrayList<>();
    rules.forEach((id, r) -> now.add(ProvisionedRule.of(id, r)));
    return now;
  }

  RulePlan plan(PlanMode mode, String... desired) {
    return RulePlan.between(java.util.Arrays.stream(desired).map(SecurityRule::parse).toList(), snapshot(), mode);
  }

  @Override
  public String provider() {
    return "memory";
  }

  @Override
  public List<ProviderCall> calls(Change kind, List<PlannedChange> changes) {
    return List.of(new ProviderCall() {
      @Override
      public String operation() {
        return kind.name();
      }

      @Override
      public List<PlannedChange> changes() {
        return changes;
      }

      @Override
      public CallReply send(boolean dryRun, Runnable onRequest) {
        onRequest.run();
        Fault fault = faults.get(calls++);
        if (dryRun) {
          return CallReply.ok(Optional.empty());
        }
        if (fault == Fault.REFUSED) {
          throw new UnauthorizedException(error("UnauthorizedOperation"), null);
        }
        if (fault == Fault.LOST_REQUEST) {
          throw new NoAnswerException(error(null), null);
        }
        List<ProvisionedRule> created = new ArrayList<>();
        for (PlannedChange c : changes) {
          sent.add(kind + " " + c.providerId().orElse(c.rule().toString()));
          switch (kind) {
            case CREATE -> {
              String id = "r" + nextId++;
              rules.put(id, c.rule());
              created.add(ProvisionedRule.of(id, c.rule()));
            }
            case UPDATE -> rules.put(c.providerId().orElseThrow(), c.rule());
            case DELETE -> rules.remove(c.providerId().orElseThrow());
          }
        }
        if (fault == Fault.LOST_REPLY) {
          throw new NoAnswerException(error(null), null);
        }
        if (fault == Fault.INTERRUPTED_AFTER) {
          Thread.currentThread().interrupt();
          throw new NoAnswerException(error(null), null);
        }
        if (fault == Fault.RETRY_SAYS_DONE) {
          throw kind == Change.DELETE ? new RuleNotFoundException(error("NotFound"), null)
              : new DuplicateRuleException(error("Duplicate"), null);
        }
        return CallReply.created(fault == Fault.EMPTY_REPLY ? List.of() : created, Optional.of("req-" + calls));
      }
    });
  }

  private static ProviderError error(String code) {
    return ProviderError.of("memory", code, code == null ? "no answer" : "injected " + code, null, 0);
  }

  @Override
  public List<ProvisionedRule> list() {
    lists++;
    if (listFails) {
      throw new ProviderException(error("InternalError"), null);
    }
    return snapshot();
  }

  @Override
  public Optional<QuotaChecker> quota() {
    return quota;
  }

  /** Runs {@code action} on the group's rules as someone else would, between plan and apply. */
  MemoryGroup meanwhile(Consumer<Map<String, SecurityRule>> action) {
    action.accept(rules);
    return this;
  }
}
