package io.portcullis.core.analysis;

import io.portcullis.core.ProviderCapabilities;
import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds risky, useless and unappliable rules in the rules of one security group. Pure: it only looks at the
 * rules. Each finding names the check that found it ({@link Finding#id()}), so a caller can act on some and
 * disable others:
 *
 * <pre>{@code
 * RuleLinter linter = RuleLinter.builder()
 *     .target(ec2Capabilities)                 // also check what EC2 will reject
 *     .disable(RedundantRuleCheck.ID)
 *     .add(new MyCompanyCheck())
 *     .build();
 * List<Finding> findings = linter.lint(rules);
 * }</pre>
 */
public final class RuleLinter {
  private final List<LintCheck> checks;
  private final List<ProviderCapabilities> targets;

  private RuleLinter(List<LintCheck> checks, List<ProviderCapabilities> targets) {
    this.checks = List.copyOf(checks);
    this.targets = List.copyOf(targets);
  }

  /** A linter with every built-in check and no target provider. */
  public static RuleLinter withDefaults() {
    return builder().build();
  }

  /** A builder starting from the built-in checks. */
  public static Builder builder() {
    return new Builder();
  }

  /** The built-in checks, in the order their findings are reported. */
  public static List<LintCheck> defaultChecks() {
    return List.of(
        new WorldOpenAdminPortsCheck(),
        new WorldOpenDatabasePortsCheck(),
        new WorldOpenAllPortsCheck(),
        new WorldOpenAnyProtocolCheck(),
        new BroadPublicCidrCheck(),
        new ShadowedAllowCheck(),
        new UnreachableDenyCheck(),
        new RedundantRuleCheck(),
        new RejectedDescriptionCheck());
  }

  /** The enabled checks, in order. */
  public List<LintCheck> checks() {
    return checks;
  }

  /** Every finding of every enabled check on the rules of one group, check by check, in rule order. */
  public List<Finding> lint(Collection<SecurityRule> rules) {
    LintContext context = new LintContext(List.copyOf(rules), targets);
    List<Finding> findings = new ArrayList<>();
    for (LintCheck check : checks) {
      findings.addAll(check.check(context));
    }
    return List.copyOf(findings);
  }

  /** Builds a {@link RuleLinter}. */
  public static final class Builder {
    private final Map<String, LintCheck> checks = new LinkedHashMap<>();
    private final Set<String> disabled = new LinkedHashSet<>();
    private final List<ProviderCapabilities> targets = new ArrayList<>();

    private Builder() {
      defaultChecks().forEach(this::add);
    }

    /**
     * Adds a check, reported after those already present.
     *
     * @throws IllegalArgumentException if a check with the same id is already present
     */
    public Builder add(LintCheck check) {
      if (checks.putIfAbsent(check.id(), check) != null) {
        throw new IllegalArgumentException("a lint check with id '" + check.id() + "' is already present");
      }
      return this;
    }

    /** Disables the check with this id; {@link #build()} fails if no check has it, to catch typos. */
    public Builder disable(String id) {
      disabled.add(id);
      return this;
    }

    /** Adds a provider the rules are meant for: its description rules are checked too. */
    public Builder target(ProviderCapabilities capabilities) {
      targets.add(capabilities);
      return this;
    }

    /**
     * The linter.
     *
     * @throws IllegalArgumentException if a disabled id names no check
     */
    public RuleLinter build() {
      for (String id : disabled) {
        if (!checks.containsKey(id)) {
          throw new IllegalArgumentException("no lint check has id '" + id + "'; known: " + checks.keySet());
        }
      }
      List<LintCheck> enabled = checks.values().stream().filter(c -> !disabled.contains(c.id())).toList();
      return new RuleLinter(enabled, targets);
    }
  }
}
