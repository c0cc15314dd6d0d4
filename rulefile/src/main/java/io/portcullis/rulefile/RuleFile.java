package io.portcullis.rulefile;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parsed rule file.
 *
 * @param source the file name (or other source description) it was read from
 * @param groups the groups it lists, in file order
 */
public record RuleFile(String source, List<GroupRules> groups) {
  /** Copies the groups. */
  public RuleFile {
    requireNonNull(source, "source");
    groups = List.copyOf(groups);
  }

  /** The groups of one provider. */
  public List<GroupRules> groupsOf(String provider) {
    return groups.stream().filter(g -> g.provider().equals(provider)).toList();
  }
}
