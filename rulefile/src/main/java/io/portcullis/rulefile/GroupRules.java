package io.portcullis.rulefile;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.group.GroupSelector;
import io.portcullis.core.plan.PlanMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The desired rules of one security group at one provider, as a rule file gives them, with where each rule
 * was written and where the group lives.
 *
 * @param provider the adapter's provider name, e.g. {@code aws-ec2}
 * @param group the group
 * @param mode additive (the default) or authoritative
 * @param rules the desired rules, in file order
 * @param line the line of the file where the group's entry starts (0 when not read from a file)
 * @param ruleLocations where each rule was written, parallel to {@code rules}; empty when not read from a file
 * @param region the provider's region, e.g. {@code eu-west-1} or {@code cn-north-4}; empty: the default
 * @param account the account the group belongs to (AWS: the 12-digit account id)
 * @param profile the named credentials profile to reach it with
 * @param project the project the group belongs to (Huawei Cloud: the project id)
 * @param selector the group by name (and VPC), resolved to an id at plan time and created first when it says
 *     {@code create}; empty for a group given by id
 */
public record GroupRules(String provider, SecurityGroupRef group, PlanMode mode, List<SecurityRule> rules, int line,
    List<SourceLocation> ruleLocations, Optional<String> region, Optional<String> account, Optional<String> profile,
    Optional<String> project, Optional<GroupSelector> selector) {
  /** Copies the lists and checks that there is a location for every rule or none. */
  public GroupRules {
    requireNonNull(provider, "provider");
    requireNonNull(group, "group");
    requireNonNull(mode, "mode");
    rules = List.copyOf(rules);
    ruleLocations = List.copyOf(ruleLocations);
    if (!ruleLocations.isEmpty() && ruleLocations.size() != rules.size()) {
      throw new IllegalArgumentException(
          ruleLocations.size() + " rule locations for " + rules.size() + " rules: one per rule, or none");
    }
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    requireNonNull(profile, "profile");
    requireNonNull(project, "project");
    requireNonNull(selector, "selector");
  }

  /** A group given by id or reference, without a selector. */
  public GroupRules(String provider, SecurityGroupRef group, PlanMode mode, List<SecurityRule> rules, int line,
      List<SourceLocation> ruleLocations, Optional<String> region, Optional<String> account, Optional<String> profile,
      Optional<String> project) {
    this(provider, group, mode, rules, line, ruleLocations, region, account, profile, project, Optional.empty());
  }

  /** A group without rule locations, region, account, profile or project. */
  public GroupRules(String provider, SecurityGroupRef group, PlanMode mode, List<SecurityRule> rules, int line) {
    this(provider, group, mode, rules, line, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** A builder; {@code provider}, {@code group} and {@code rules} are required, the mode defaults to additive. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This group without where it was written (line 0, no rule locations): what a group read from a file and
   * the same group built in code have in common, e.g. for comparing a written and re-read group.
   */
  public GroupRules withoutLocations() {
    return new GroupRules(provider, group, mode, rules, 0, List.of(), region, account, profile, project, selector);
  }

  /** Where the rule at {@code index} of {@link #rules()} was written, if it was read from a file. */
  public Optional<SourceLocation> locationOf(int index) {
    return ruleLocations.isEmpty() ? Optional.empty() : Optional.of(ruleLocations.get(index));
  }

  /**
   * Where {@code rule} was written: the first rule equal to it, otherwise the first with the same meaning
   * (equal but for the description), e.g. for a rule an error names after the plan dropped its description.
   */
  public Optional<SourceLocation> locationOf(SecurityRule rule) {
    int index = rules.indexOf(rule);
    for (int i = 0; index < 0 && i < rules.size(); i++) {
      if (rules.get(i).withoutDescription().equals(rule.withoutDescription())) {
        index = i;
      }
    }
    return index < 0 ? Optional.empty() : locationOf(index);
  }

  /** Builds a {@link GroupRules}. */
  public static final class Builder {
    private String provider;
    private SecurityGroupRef group;
    private PlanMode mode = PlanMode.ADDITIVE;
    private final List<SecurityRule> rules = new ArrayList<>();
    private final List<SourceLocation> ruleLocations = new ArrayList<>();
    private int line;
    private Optional<String> region = Optional.empty();
    private Optional<String> account = Optional.empty();
    private Optional<String> profile = Optional.empty();
    private Optional<String> project = Optional.empty();
    private Optional<GroupSelector> selector = Optional.empty();

    private Builder() {}

    /** The provider name, e.g. {@code aws-ec2}. */
    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    /** The group. */
    public Builder group(SecurityGroupRef group) {
      this.group = group;
      return this;
    }

    /** Additive (the default) or authoritative. */
    public Builder mode(PlanMode mode) {
      this.mode = mode;
      return this;
    }

    /** Adds rules without locations. */
    public Builder addRules(List<SecurityRule> rules) {
      this.rules.addAll(rules);
      return this;
    }

    /** Adds a rule and where it was written. */
    public Builder addRule(SecurityRule rule, SourceLocation location) {
      rules.add(rule);
      ruleLocations.add(location);
      return this;
    }

    /** The line where the group's entry starts. */
    public Builder line(int line) {
      this.line = line;
      return this;
    }

    /** The provider's region. */
    public Builder region(Optional<String> region) {
      this.region = region;
      return this;
    }

    /** The account the group belongs to. */
    public Builder account(Optional<String> account) {
      this.account = account;
      return this;
    }

    /** The named credentials profile. */
    public Builder profile(Optional<String> profile) {
      this.profile = profile;
      return this;
    }

    /** The project the group belongs to. */
    public Builder project(Optional<String> project) {
      this.project = project;
      return this;
    }

    /** The group by name, resolved at plan time; empty (the default) for a group given by id. */
    public Builder selector(Optional<GroupSelector> selector) {
      this.selector = selector;
      return this;
    }

    /**
     * The group.
     *
     * @throws IllegalArgumentException if some rules have locations and others not
     */
    public GroupRules build() {
      return new GroupRules(provider, group, mode, rules, line, ruleLocations, region, account, profile, project,
          selector);
    }
  }
}
