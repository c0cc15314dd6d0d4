package io.portcullis.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An adapter cannot be built or used with the settings it was given: every missing or wrong setting is listed at
 * once, each with what to set (a {@link ProviderSettings} field or an environment variable), e.g.
 * {@code aws-ec2 is not configured (2 problems): region: none found; set ProviderSettings.region(...) or AWS_REGION;
 * credentials: none found; set ...}. Thrown before any call is sent.
 */
public class ConfigurationException extends PortcullisException {
  private final String provider;
  private final List<String> problems;

  /**
   * An exception listing {@code problems} of {@code provider}'s settings.
   *
   * @param provider the adapter's provider name, e.g. {@code aws-ec2}
   * @param problems each names the setting, what is wrong and what to set; at least one
   */
  public ConfigurationException(String provider, List<String> problems) {
    this(provider, problems, null);
  }

  /**
   * An exception listing {@code problems} of {@code provider}'s settings, caused by {@code cause} (e.g. the SDK's
   * report that it found no credentials).
   *
   * @param provider the adapter's provider name, e.g. {@code aws-ec2}
   * @param problems each names the setting, what is wrong and what to set; at least one
   * @param cause the underlying failure, if any
   */
  public ConfigurationException(String provider, List<String> problems, @Nullable Throwable cause) {
    super(message(provider, problems), cause);
    this.provider = provider;
    this.problems = List.copyOf(problems);
  }

  /** The adapter's provider name. */
  public String provider() {
    return provider;
  }

  /** Every problem found, each naming the setting and what to set. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String provider, List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    }
    return provider + " is not configured" + (problems.size() == 1 ? ": " : " (" + problems.size() + " problems): ")
        + String.join("; ", problems);
  }
}
