package io.portcullis.core;

import com.google.common.base.Ascii;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The ports a rule selects: all ports, or a normalised list of ranges (a multiport list such as {@code
 * 22,3389,8000-8080}). The list is sorted with overlapping and adjacent ranges merged, so two spellings of
 * the same set of ports are equal; a list that covers every port 1-65535 is {@link #all()}.
 */
public final class PortSet {
  private static final PortSet ALL = new PortSet(ImmutableList.of());

  private final ImmutableList<PortRange> ranges;
  // Rules are hashed often (plans, compaction); the list's own hash would walk the ranges each time.
  private final int hash;

  private PortSet(ImmutableList<PortRange> ranges) {
    this.ranges = ranges;
    this.hash = ranges.hashCode();
  }

  /** Every port. */
  public static PortSet all() {
    return ALL;
  }

  /** The union of these ranges, normalised. An empty argument list is rejected: use {@link #all()}. */
  public static PortSet of(PortRange... ranges) {
    return of(Arrays.asList(ranges));
  }

  /** The union of these ranges, normalised. An empty collection is rejected: use {@link #all()}. */
  public static PortSet of(Collection<PortRange> ranges) {
    if (ranges.isEmpty()) {
      throw new InvalidRuleException(Violation.of("ports", "", "at least one port or range; omit ports for all"));
    }
    List<PortRange> sorted = new ArrayList<>(ranges);
    sorted.sort(null);
    List<PortRange> merged = new ArrayList<>();
    PortRange current = sorted.get(0);
    for (PortRange next : sorted.subList(1, sorted.size())) {
      if (next.from() <= current.to() + 1) {
        current = new PortRange(current.from(), Math.max(current.to(), next.to()));
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    if (merged.size() == 1 && current.from() <= 1 && current.to() == PortRange.MAX_PORT) {
      return ALL;
    }
    return new PortSet(ImmutableList.copyOf(merged));
  }

  /** One port. */
  public static PortSet single(int port) {
    return of(PortRange.of(port));
  }

  /** One inclusive range. */
  public static PortSet range(int from, int to) {
    return of(PortRange.of(from, to));
  }

  /**
   * Parses a comma-separated list of ports and ranges ({@code 22,3389,8000-8080}), or {@code all}.
   *
   * @throws InvalidRuleException naming the bad entry and the allowed form
   */
  public static PortSet parse(String text) {
    Objects.requireNonNull(text, "text");
    if (Ascii.equalsIgnoreCase(text, "all")) {
      return ALL;
    }
    List<PortRange> ranges = new ArrayList<>();
    // The entries split(",", -1) gives, without its list and array: a loop that runs for every rule parsed.
    for (int from = 0, comma; from <= text.length(); from = comma + 1) {
      comma = text.indexOf(',', from);
      if (comma < 0) {
        comma = text.length();
      }
      ranges.add(parseRange(text.substring(from, comma).trim(), text));
    }
    return of(ranges);
  }

  private static PortRange parseRange(String entry, String whole) {
    int dash = entry.indexOf('-', 1);
    try {
      if (dash < 0) {
        return PortRange.of(parsePort(entry));
      }
      return PortRange.of(parsePort(entry.substring(0, dash)), parsePort(entry.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new InvalidRuleException(Violation.of("ports", whole, PortRange.ALLOWED + ", separated by commas"));
    }
  }

  private static int parsePort(String s) {
    if (s.isEmpty() || s.length() > 5 || !RuleTextParser.isAsciiNumber(s)) {
      throw new NumberFormatException(s);
    }
    return Integer.parseInt(s);
  }

  /** Whether this is every port. */
  public boolean isAll() {
    return ranges.isEmpty();
  }

  /** The normalised ranges: sorted, disjoint and non-adjacent; empty for {@link #all()}. */
  public List<PortRange> ranges() {
    return ranges;
  }

  /** Whether this is a single contiguous range (or all ports). */
  public boolean isContiguous() {
    return ranges.size() <= 1;
  }

  /** Whether {@code port} is selected. */
  public boolean contains(int port) {
    if (isAll()) {
      return true;
    }
    for (PortRange r : ranges) {
      if (r.contains(port)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every port of {@code other} is selected by this set. */
  public boolean containsAll(PortSet other) {
    if (isAll()) {
      return true;
    }
    if (other.isAll()) {
      return false;
    }
    for (PortRange o : other.ranges) {
      if (!encloses(o)) {
        return false;
      }
    }
    return true;
  }

  private boolean encloses(PortRange range) {
    for (PortRange r : ranges) {
      if (r.encloses(range)) {
        return true;
      }
    }
    return false;
  }

  /** The union of this set and {@code other}. */
  public PortSet union(PortSet other) {
    if (isAll() || other.isAll()) {
      return ALL;
    }
    List<PortRange> both = new ArrayList<>(ranges);
    both.addAll(other.ranges);
    return of(both);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof PortSet other && other.hash == hash && other.ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** {@code 22,3389,8000-8080}, or {@code all}. */
  @Override
  public String toString() {
    if (isAll()) {
      return "all";
    }
    StringBuilder s = new StringBuilder();
    for (PortRange r : ranges) {
      if (s.length() > 0) {
        s.append(',');
      }
      s.append(r);
    }
    return s.toString();
  }
}
