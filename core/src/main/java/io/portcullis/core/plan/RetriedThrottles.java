package io.portcullis.core.plan;

import java.util.Optional;

/**
 * Carries word of throttles that an SDK client retried on its own, invisible otherwise, from the adapter to the
 * {@link CallGate} that admitted the call: the AWS adapters' retry strategy and the Huawei adapter's {@code
 * ThrottlingRetry} call {@link #report()} before each retry of a throttled attempt, and a gate that wants to hear
 * them (the fleet's rate limiter) {@link #hear}s on the thread that sends its calls, as the synchronous clients
 * send and retry a call on the calling thread. A throttle that ends the call is not reported here: the call fails
 * with {@link io.portcullis.core.ThrottledException} and the gate hears it in {@link CallGate#ended}.
 */
public final class RetriedThrottles {
  private static final ThreadLocal<Runnable> LISTENER = new ThreadLocal<>();

  private RetriedThrottles() {}

  /** The provider throttled an attempt of the call this thread is sending, and the client will try it again. */
  public static void report() {
    Runnable listener = LISTENER.get();
    if (listener != null) {
      listener.run();
    }
  }

  /** Where this thread's reports go, to carry it to another thread that sends the call this thread admitted. */
  public static Optional<Runnable> listener() {
    return Optional.ofNullable(LISTENER.get());
  }

  /** From now on this thread's reports go to {@code listener} (must not throw); empty: to nobody. */
  public static void hear(Optional<Runnable> listener) {
    if (listener.isPresent()) {
      LISTENER.set(listener.get());
    } else {
      LISTENER.remove();
    }
  }
}
