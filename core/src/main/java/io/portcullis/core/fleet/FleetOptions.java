package io.portcullis.core.fleet;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.Violation;
import io.portcullis.core.plan.ApplyOptions;
import java.time.Duration;

/**
 * How a {@link Fleet} runs: how many groups at once overall and per scope, the rate limits, the options every
 * group's apply gets (deletion caps, stale-plan policy), the listener and the throttling backoff.
 *
 * <pre>{@code
 * FleetOptions options = FleetOptions.builder().parallelism(32).perScope(4)
 *     .apply(ApplyOptions.builder().maxDeleteFraction(0.2).build()).build();
 * }</pre>
 */
public final class FleetOptions {
  private static final FleetOptions DEFAULTS = builder().build();

  private final int parallelism;
  private final int perScope;
  private final RateLimits rateLimits;
  private final ApplyOptions apply;
  private final FleetListener listener;
  private final Duration throttleBackoff;
  private final int throttleRetries;

  private FleetOptions(Builder b) {
    this.parallelism = b.parallelism;
    this.perScope = b.perScope;
    this.rateLimits = b.rateLimits;
    this.apply = b.apply;
    this.listener = b.listener;
    this.throttleBackoff = b.throttleBackoff;
    this.throttleRetries = b.throttleRetries;
  }

  /** 16 groups at once, 4 per scope, the default rate limits, default apply options, no listener. */
  public static FleetOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many groups are planned or applied at once overall: the worker threads. */
  public int parallelism() {
    return parallelism;
  }

  /**
   * How many groups of one scope are planned or applied at once. They share the scope's adapter and so its SDK
   * client: keep their calls in flight within the client's connection pool (50 for the AWS SDK's default Apache
   * client), or calls wait for a connection and fail after its acquisition timeout (10 s by default).
   */
  public int perScope() {
    return perScope;
  }

  /** The client-side rate limits. */
  public RateLimits rateLimits() {
    return rateLimits;
  }

  /**
   * The options of every group's apply; their listener and gate are replaced by the fleet's. Their {@link
   * ApplyOptions#callConcurrency() callConcurrency} runs a group's independent calls that many at once, each
   * through the fleet's rate limits.
   */
  public ApplyOptions apply() {
    return apply;
  }

  /** Hears the run. */
  public FleetListener listener() {
    return listener;
  }

  /** The first pause of a scope after a throttle; it doubles (with jitter) while throttles follow each other. */
  public Duration throttleBackoff() {
    return throttleBackoff;
  }

  /** How many times a group throttled past the SDK's retries is planned and applied again (after the backoff). */
  public int throttleRetries() {
    return throttleRetries;
  }

  /** Builds {@link FleetOptions}. */
  public static final class Builder {
    private int parallelism = 16;
    private int perScope = 4;
    private RateLimits rateLimits = RateLimits.defaults();
    private ApplyOptions apply = ApplyOptions.defaults();
    private FleetListener listener = FleetListener.NONE;
    private Duration throttleBackoff = Duration.ofSeconds(1);
    private int throttleRetries = 2;

    private Builder() {}

    /**
     * How many groups at once overall.
     *
     * @throws InvalidSettingException naming {@code parallelism} unless from 1 to 1024
     */
    public Builder parallelism(int n) {
      this.parallelism = positive("parallelism", n);
      return this;
    }

    /**
     * How many groups of one scope at once.
     *
     * @throws InvalidSettingException naming {@code perScope} unless from 1 to 1024
     */
    public Builder perScope(int n) {
      this.perScope = positive("perScope", n);
      return this;
    }

    /** The client-side rate limits. */
    public Builder rateLimits(RateLimits limits) {
      this.rateLimits = requireNonNull(limits, "limits");
      return this;
    }

    /** The options of every group's apply (deletion caps, stale-plan policy, lock, calls at once per group). */
    public Builder apply(ApplyOptions options) {
      this.apply = requireNonNull(options, "options");
      return this;
    }

    /** Hears the run (thread-safe). */
    public Builder listener(FleetListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The first pause after a throttle.
     *
     * @throws InvalidSettingException naming {@code throttleBackoff} if negative
     */
    public Builder throttleBackoff(Duration backoff) {
      if (backoff.isNegative()) {
        throw new InvalidSettingException(Violation.of("throttleBackoff", backoff.toString(), "0 or more"));
      }
      this.throttleBackoff = backoff;
      return this;
    }

    /**
     * How many times a throttled group is tried again.
     *
     * @throws InvalidSettingException naming {@code throttleRetries} if negative
     */
    public Builder throttleRetries(int n) {
      if (n < 0) {
        throw new InvalidSettingException(Violation.of("throttleRetries", Integer.toString(n), "0 or more"));
      }
      this.throttleRetries = n;
      return this;
    }

    /** The options. */
    public FleetOptions build() {
      return new FleetOptions(this);
    }

    private static int positive(String field, int n) {
      if (n < 1 || n > 1024) {
        throw new InvalidSettingException(Violation.of(field, Integer.toString(n), "1 to 1024"));
      }
      return n;
    }
  }
}
