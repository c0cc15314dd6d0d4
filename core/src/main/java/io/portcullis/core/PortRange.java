package io.portcullis.core;

/**
 * A contiguous, inclusive range of ports 0-65535. EC2 accepts tcp and udp port 0 (alone or as the start of a
 * range; {@code 0-65535} is its spelling of all ports); providers that do not reject it with a typed error.
 *
 * @param from the first port, 0-65535
 * @param to the last port, 0-65535, not below {@code from}
 */
public record PortRange(int from, int to) implements Comparable<PortRange> {
  /** The highest port number. */
  public static final int MAX_PORT = 65535;

  static final String ALLOWED = "ports 0-65535, written N or FROM-TO with FROM <= TO";

  /** Validates the bounds. */
  public PortRange {
    if (from < 0 || to < 0 || from > MAX_PORT || to > MAX_PORT || from > to) {
      throw new InvalidRuleException(Violation.of("ports", from == to ? Integer.toString(from) : from + "-" + to,
          ALLOWED));
    }
  }

  /** A single port. */
  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  /** An inclusive range. */
  public static PortRange of(int from, int to) {
    return new PortRange(from, to);
  }

  /** Whether this range is one port. */
  public boolean isSinglePort() {
    return from == to;
  }

  /** Whether {@code port} lies in this range. */
  public boolean contains(int port) {
    return port >= from && port <= to;
  }

  /** Whether every port of {@code other} lies in this range. */
  public boolean encloses(PortRange other) {
    return from <= other.from && other.to <= to;
  }

  /** How many ports the range holds. */
  public int size() {
    return to - from + 1;
  }

  // Written out: the generated one bootstraps method handles on first use, a good part of a first parse.
  @Override
  public int hashCode() {
    return 31 * from + to;
  }

  @Override
  public int compareTo(PortRange o) {
    return from != o.from ? Integer.compare(from, o.from) : Integer.compare(to, o.to);
  }

  /** {@code 22} or {@code 8000-8080}. */
  @Override
  public String toString() {
    return isSinglePort() ? Integer.toString(from) : from + "-" + to;
  }
}
