package io.portcullis.rulefile;

/**
 * What a rule file may cost to read; a file beyond a limit is a {@link RuleFileException}, found before the
 * work it would cause. The defaults hold tens of thousands of rules.
 *
 * @param maxBytes the largest file, in bytes (for text already in memory: in characters)
 * @param maxDepth how deep lists and maps may nest (a rule file needs 6)
 * @param maxAliases how many YAML aliases of lists and maps a file may use ({@code rules: *common})
 */
public record RuleFileLimits(long maxBytes, int maxDepth, int maxAliases) {
  /** 8 MiB, 32 levels, 50 aliases. */
  public static final RuleFileLimits DEFAULTS = new RuleFileLimits(8L << 20, 32, 50);

  /** Checks that the limits are usable. */
  public RuleFileLimits {
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE || maxDepth < 6 || maxAliases < 0) {
      throw new IllegalArgumentException("limits: maxBytes 1-" + Integer.MAX_VALUE + ", maxDepth >= 6 and "
          + "maxAliases >= 0, not " + maxBytes + ", " + maxDepth + ", " + maxAliases);
    }
  }

  /** These limits with another size limit. */
  public RuleFileLimits withMaxBytes(long bytes) {
    return new RuleFileLimits(bytes, maxDepth, maxAliases);
  }

  /** These limits with another nesting limit. */
  public RuleFileLimits withMaxDepth(int depth) {
    return new RuleFileLimits(maxBytes, depth, maxAliases);
  }

  /** These limits with another alias limit. */
  public RuleFileLimits withMaxAliases(int aliases) {
    return new RuleFileLimits(maxBytes, maxDepth, aliases);
  }
}
