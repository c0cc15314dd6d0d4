package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.Finding;
import io.portcullis.core.analysis.LintCheck;
import io.portcullis.core.analysis.LintContext;
import io.portcullis.core.analysis.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Lints the {@link HuaweiRuleLimit}: in each direction and IP family, every rule whose Huawei form takes the
 * count of rules with a group or address-group remote or non-contiguous ports past {@value
 * HuaweiRuleLimit#MAX_LIMITED_RULES}, in the order given. Huawei accepts such rules and silently does not
 * enforce them. Add it to a linter for rules meant for Huawei Cloud:
 *
 * <pre>{@code
 * RuleLinter.builder().target(HuaweiCapabilities.CAPABILITIES).add(new HuaweiRuleLimitCheck()).build()
 * }</pre>
 */
public final class HuaweiRuleLimitCheck implements LintCheck {
  /** The id of this check's findings. */
  public static final String ID = "huawei-rule-limit";

  private final HuaweiRuleTranslator translator;

  /** A check splitting port lists as the default translator does. */
  public HuaweiRuleLimitCheck() {
    this(new HuaweiRuleTranslator());
  }

  /** A check splitting port lists as {@code translator} does. */
  public HuaweiRuleLimitCheck(HuaweiRuleTranslator translator) {
    this.translator = requireNonNull(translator, "translator");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(LintContext context) {
    Map<Direction, Map<IpVersion, Integer>> counts = new EnumMap<>(Direction.class);
    List<Finding> findings = new ArrayList<>();
    for (SecurityRule rule : context.rules()) {
      if (!translator.check(rule).isEmpty()) {
        continue; // not expressible on Huawei: other checks and the translator report it
      }
      long limited = translator.split(rule).stream().filter(HuaweiRuleLimit::isLimited).count();
      if (limited == 0) {
        continue;
      }
      Map<IpVersion, Integer> byFamily = counts.computeIfAbsent(rule.direction(), d -> new EnumMap<>(IpVersion.class));
      int count = byFamily.merge(rule.ipVersion(), (int) limited, Integer::sum);
      if (count > HuaweiRuleLimit.MAX_LIMITED_RULES) {
        findings.add(new Finding(ID, Severity.MEDIUM, rule.toText(), "Huawei Cloud enforces at most "
            + HuaweiRuleLimit.MAX_LIMITED_RULES + " " + rule.direction().keyword() + " " + rule.ipVersion().keyword()
            + " rules " + HuaweiRuleLimit.KIND + " per security group; this one makes " + count
            + " and would silently not take effect",
            "use CIDR remotes or single port ranges, or move rules to another security group"));
      }
    }
    return findings;
  }
}
