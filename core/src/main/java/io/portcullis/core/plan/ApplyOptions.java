package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.Violation;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How {@link io.portcullis.core.SecurityGroupRules#apply(io.portcullis.core.SecurityGroupRef, RulePlan,
 * ApplyOptions) apply} runs: the listener, the guards on deletions, what to do with a stale plan, an optional
 * lock, the rate-limit gate and how many independent calls run at once. {@link #defaults()} checks the plan's
 * snapshot, caps nothing, listens to nothing and sends one call at a time.
 *
 * <pre>{@code
 * ApplyOptions options = ApplyOptions.builder().maxDeletes(5).onStalePlan(StalePlanPolicy.REPLAN).build();
 * }</pre>
 */
public final class ApplyOptions {
  /** The most calls of one apply that may run at once. */
  public static final int MAX_CALL_CONCURRENCY = 64;
  private static final ApplyOptions DEFAULTS = builder().build();

  private final ApplyListener listener;
  private final OptionalInt maxDeletes;
  private final OptionalDouble maxDeleteFraction;
  private final StalePlanPolicy onStalePlan;
  private final Optional<GroupLock> lock;
  private final CallGate gate;
  private final int callConcurrency;

  private ApplyOptions(Builder b) {
    this.listener = b.listener;
    this.maxDeletes = b.maxDeletes;
    this.maxDeleteFraction = b.maxDeleteFraction;
    this.onStalePlan = b.onStalePlan;
    this.lock = b.lock;
    this.gate = b.gate;
    this.callConcurrency = b.callConcurrency;
  }

  /** No listener, no cap on deletions, a stale plan fails, no lock. */
  public static ApplyOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.listener = listener;
    b.maxDeletes = maxDeletes;
    b.maxDeleteFraction = maxDeleteFraction;
    b.onStalePlan = onStalePlan;
    b.lock = lock;
    b.gate = gate;
    b.callConcurrency = callConcurrency;
    return b;
  }

  /** Hears the apply's calls and outcomes. */
  public ApplyListener listener() {
    return listener;
  }

  /** The most rules one apply may delete; more fails before any call with {@link DeletionLimitException}. */
  public OptionalInt maxDeletes() {
    return maxDeletes;
  }

  /**
   * The largest share (0 to 1) of the group's current rules one apply may delete; more fails before any call with
   * {@link DeletionLimitException}.
   */
  public OptionalDouble maxDeleteFraction() {
    return maxDeleteFraction;
  }

  /** What to do when the group changed since the plan was made. */
  public StalePlanPolicy onStalePlan() {
    return onStalePlan;
  }

  /** The caller's lock on the group, held for the whole apply. */
  public Optional<GroupLock> lock() {
    return lock;
  }

  /** Admits each call and read of the apply: a shared rate limit ({@link CallGate#OPEN} by default). */
  public CallGate gate() {
    return gate;
  }

  /**
   * How many {@link ProviderCall#independent() independent} calls of one step run at once (1 by default: one call
   * at a time). Each still waits for the {@link #gate()}.
   */
  public int callConcurrency() {
    return callConcurrency;
  }

  @Override
  public String toString() {
    return "ApplyOptions{maxDeletes=" + maxDeletes + ", maxDeleteFraction=" + maxDeleteFraction + ", onStalePlan="
        + onStalePlan + ", lock=" + lock.isPresent() + ", callConcurrency=" + callConcurrency + "}";
  }

  /** Builds {@link ApplyOptions}. */
  public static final class Builder {
    private ApplyListener listener = ApplyListener.NONE;
    private OptionalInt maxDeletes = OptionalInt.empty();
    private OptionalDouble maxDeleteFraction = OptionalDouble.empty();
    private StalePlanPolicy onStalePlan = StalePlanPolicy.FAIL;
    private Optional<GroupLock> lock = Optional.empty();
    private CallGate gate = CallGate.OPEN;
    private int callConcurrency = 1;

    private Builder() {}

    /** Hears the apply's calls and outcomes. */
    public Builder listener(ApplyListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Caps the deletions of one apply.
     *
     * @throws InvalidSettingException naming field {@code maxDeletes} if {@code max} is negative
     */
    public Builder maxDeletes(int max) {
      if (max < 0) {
        throw new InvalidSettingException(Violation.of("maxDeletes", Integer.toString(max), "0 or more"));
      }
      this.maxDeletes = OptionalInt.of(max);
      return this;
    }

    /**
     * Caps the deletions of one apply to this share of the group's current rules.
     *
     * @throws InvalidSettingException naming field {@code maxDeleteFraction} unless {@code 0 <= fraction <= 1}
     */
    public Builder maxDeleteFraction(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new InvalidSettingException(
            Violation.of("maxDeleteFraction", Double.toString(fraction), "a number from 0 to 1"));
      }
      this.maxDeleteFraction = OptionalDouble.of(fraction);
      return this;
    }

    /** What to do when the group changed since the plan was made ({@link StalePlanPolicy#FAIL} by default). */
    public Builder onStalePlan(StalePlanPolicy policy) {
      this.onStalePlan = requireNonNull(policy, "policy");
      return this;
    }

    /** The caller's lock on the group, held for the whole apply. */
    public Builder lock(GroupLock lock) {
      this.lock = Optional.of(requireNonNull(lock, "lock"));
      return this;
    }

    /** Admits each call and read of the apply, e.g. a fleet's rate limit for the group's provider and region. */
    public Builder gate(CallGate gate) {
      this.gate = requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Runs up to {@code n} independent calls of one step at once (e.g. Huawei's one delete per rule), with outcomes
     * as when run one by one: a failure or an interrupt starts no more, the calls in flight end, and all are
     * settled by one re-read of the group. Steps never overlap, so make before break holds; a dry run sends one
     * call at a time.
     *
     * @throws InvalidSettingException naming field {@code callConcurrency} unless {@code n} is 1 to {@value
     *     ApplyOptions#MAX_CALL_CONCURRENCY}
     */
    public Builder callConcurrency(int n) {
      if (n < 1 || n > MAX_CALL_CONCURRENCY) {
        throw new InvalidSettingException(Violation.of("callConcurrency", Integer.toString(n),
            "1 to " + MAX_CALL_CONCURRENCY));
      }
      this.callConcurrency = n;
      return this;
    }

    /** The options. */
    public ApplyOptions build() {
      return new ApplyOptions(this);
    }
  }
}
