package io.portcullis.core.fleet;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How every group of a fleet run ended, in the order the targets were given, and the totals.
 *
 * @param groups one result per target
 * @param elapsed the run's wall time
 * @param calls calls and reads admitted by the limiters
 * @param throttles calls the providers throttled past the SDK's retries
 */
public record FleetResult(List<GroupResult> groups, Duration elapsed, long calls, long throttles) {
  /** Copies the list. */
  public FleetResult {
    groups = List.copyOf(groups);
  }

  /** How many groups ended with each status (every status present, zero or more). */
  public Map<GroupStatus, Long> counts() {
    Map<GroupStatus, Long> counts = new EnumMap<>(GroupStatus.class);
    for (GroupStatus s : GroupStatus.values()) {
      counts.put(s, 0L);
    }
    groups.forEach(g -> counts.merge(g.status(), 1L, Long::sum));
    return counts;
  }

  /** The groups with this status. */
  public List<GroupResult> withStatus(GroupStatus status) {
    return groups.stream().filter(g -> g.status() == status).collect(Collectors.toUnmodifiableList());
  }

  /** Whether no group failed, was cancelled or was left unattempted. */
  public boolean isComplete() {
    return groups.stream().allMatch(g -> g.status() == GroupStatus.NO_CHANGES || g.status() == GroupStatus.PLANNED
        || g.status() == GroupStatus.APPLIED);
  }

  /** {@code 100 groups in 12s: 97 applied, 2 no changes, 1 failed; 1,210 calls, 3 throttled.} */
  public String summary() {
    String byStatus = counts().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .collect(Collectors.joining(", "));
    return groups.size() + " groups in " + elapsed.toMillis() + " ms: " + byStatus + "; " + calls + " calls, "
        + throttles + " throttled.";
  }
}
