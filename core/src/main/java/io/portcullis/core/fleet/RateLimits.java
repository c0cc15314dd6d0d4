package io.portcullis.core.fleet;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.plan.CallKind;
import java.util.HashMap;
import java.util.Map;

/**
 * The client-side rate limit of each provider and kind of call, applied to each {@link FleetScope} on its own
 * (providers count per account and region). The defaults stay below what the providers publish, so that other
 * tools sharing the account keep some of the budget:
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>provider</th><th>read</th><th>mutate</th><th>source</th></tr>
 *   <tr><td>aws-ec2</td><td>20/s burst 100</td><td>5/s burst 50</td><td>"Request throttling for the Amazon EC2
 *       API" (EC2 developer guide): a token bucket per account and region; non-mutating actions 100 tokens
 *       refilled at 20 a second; mutating actions refill at 5 a second (bucket 50).</td></tr>
 *   <tr><td>aws-elasticache</td><td>10/s burst 20</td><td>5/s burst 10</td><td>Not published: the API has a
 *       {@code Throttling} / {@code APICallRateForCustomerExceeded} error but no documented rate; EC2's mutating
 *       refill rate is used as a conservative guess.</td></tr>
 *   <tr><td>huaweicloud-vpc</td><td>10/s burst 20</td><td>5/s burst 10</td><td>Not published for the VPC v3
 *       rule API: the API gateway answers {@code APIGW.0308} (HTTP 429) over its flow-control policy, whose
 *       per-tenant values are not documented; a conservative guess.</td></tr>
 *   <tr><td>any other</td><td>10/s burst 10</td><td>5/s burst 5</td><td>A conservative guess.</td></tr>
 * </table>
 */
public final class RateLimits {
  private static final Map<String, RateLimit> READ = Map.of(
      "aws-ec2", new RateLimit(20, 100),
      "aws-elasticache", new RateLimit(10, 20),
      "huaweicloud-vpc", new RateLimit(10, 20));
  private static final Map<String, RateLimit> MUTATE = Map.of(
      "aws-ec2", new RateLimit(5, 50),
      "aws-elasticache", new RateLimit(5, 10),
      "huaweicloud-vpc", new RateLimit(5, 10));
  private static final RateLimit OTHER_READ = new RateLimit(10, 10);
  private static final RateLimit OTHER_MUTATE = new RateLimit(5, 5);
  private static final RateLimits DEFAULTS = builder().build();

  private final Map<String, RateLimit> overrides;

  private RateLimits(Map<String, RateLimit> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  /** The published (or guessed) defaults of the table above. */
  public static RateLimits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limit of calls of this kind to {@code provider}, per scope. */
  public RateLimit of(String provider, CallKind kind) {
    RateLimit set = overrides.get(key(provider, kind));
    if (set != null) {
      return set;
    }
    return kind == CallKind.READ ? READ.getOrDefault(provider, OTHER_READ) : MUTATE.getOrDefault(provider, OTHER_MUTATE);
  }

  private static String key(String provider, CallKind kind) {
    return provider + " " + kind;
  }

  @Override
  public String toString() {
    return "RateLimits" + overrides;
  }

  /** Sets limits other than the defaults. */
  public static final class Builder {
    private final Map<String, RateLimit> overrides = new HashMap<>();

    private Builder() {}

    /** The limit of calls of this kind to {@code provider}, in each of its scopes. */
    public Builder set(String provider, CallKind kind, RateLimit limit) {
      overrides.put(key(requireNonNull(provider, "provider"), requireNonNull(kind, "kind")),
          requireNonNull(limit, "limit"));
      return this;
    }

    /** The limits. */
    public RateLimits build() {
      return new RateLimits(overrides);
    }
  }
}
