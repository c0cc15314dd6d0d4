package io.portcullis.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which call gets which {@link Fault}: per operation a queue (an empty entry is a call served normally), per
 * operation a fault for every call, and faults due at the n-th mutating call whatever its operation. A call
 * gets at most one fault: its operation's queued one, else a mutating-call one, else its operation's standing
 * one; another fault due at the same call is used up without effect (one given {@link Fault#times} more than
 * once is then due at the next call). Not thread-safe: the fake's lock guards it.
 */
final class FaultSchedule {
  private final Map<String, Deque<Optional<Fault>>> queued = new HashMap<>();
  private final Map<String, Fault> always = new HashMap<>();
  /** Faults due at a mutating call, each with how many mutating calls come before it. */
  private final List<Countdown> byMutatingIndex = new ArrayList<>();

  private static final class Countdown {
    private int before;
    private final Fault fault;

    Countdown(int before, Fault fault) {
      this.before = before;
      this.fault = fault;
    }
  }

  void after(String operation, int served, Fault fault) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(fault, "fault");
    if (served < 0) {
      throw new IllegalArgumentException("served cannot be negative: " + served);
    }
    Deque<Optional<Fault>> queue = queued.computeIfAbsent(operation, k -> new ArrayDeque<>());
    for (int i = 0; i < served; i++) {
      queue.add(Optional.empty());
    }
    queue.add(Optional.of(fault));
  }

  void atMutatingCall(int index, Fault fault) {
    Objects.requireNonNull(fault, "fault");
    if (index < 0) {
      throw new IllegalArgumentException("a call index cannot be negative: " + index);
    }
    byMutatingIndex.add(new Countdown(index, fault));
  }

  void always(String operation, Fault fault) {
    always.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(fault, "fault"));
  }

  void clear() {
    queued.clear();
    always.clear();
    byMutatingIndex.clear();
  }

  /**
   * The fault for the next call of {@code operation}, or null to serve it normally. A fault given {@link
   * Fault#times} more than once is put back, one less, for the next call where it is due.
   */
  Fault take(String operation, boolean mutating) {
    Deque<Optional<Fault>> queue = queued.get(operation);
    Fault fault = queue == null || queue.isEmpty() ? null : queue.poll().orElse(null);
    if (fault != null && fault.oneLess() != null) {
      queue.addFirst(Optional.of(fault.oneLess()));
    }
    if (mutating) {
      List<Countdown> again = new ArrayList<>();
      for (Iterator<Countdown> it = byMutatingIndex.iterator(); it.hasNext(); ) {
        Countdown due = it.next();
        if (due.before-- == 0) {
          it.remove();
          fault = fault == null ? due.fault : fault;
          if (due.fault.oneLess() != null) {
            again.add(new Countdown(0, due.fault.oneLess()));
          }
        }
      }
      byMutatingIndex.addAll(again);
    }
    return fault != null ? fault : always.get(operation);
  }
}
