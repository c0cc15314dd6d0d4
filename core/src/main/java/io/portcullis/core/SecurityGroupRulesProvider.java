package io.portcullis.core;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * A service-provider interface through which {@link ServiceLoader} finds the adapters on the class path.
 * Each adapter module registers one in {@code META-INF/services/io.portcullis.core.SecurityGroupRulesProvider}.
 */
public interface SecurityGroupRulesProvider {
  /** The provider name, e.g. {@code aws-ec2}. */
  String provider();

  /**
   * An adapter over a new SDK client configured from {@code settings}; close it when done.
   *
   * @throws ConfigurationException listing every setting that is missing or of no use to this provider
   */
  SecurityGroupRules create(ProviderSettings settings);

  /** The names of every provider on the class path. */
  static List<String> available() {
    return ServiceLoader.load(SecurityGroupRulesProvider.class).stream()
        .map(p -> p.get().provider()).sorted().collect(Collectors.toList());
  }

  /**
   * An adapter for {@code provider} from the class path, over a new SDK client that its {@link
   * SecurityGroupRules#close()} closes.
   *
   * @throws ConfigurationException naming the available providers if there is none by that name, or listing
   *     every setting that is missing or of no use to the provider
   */
  static SecurityGroupRules load(String provider, ProviderSettings settings) {
    return ServiceLoader.load(SecurityGroupRulesProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.provider().equals(provider))
        .findFirst()
        .orElseThrow(() -> new ConfigurationException(provider, List.of("no adapter '" + provider
            + "' on the class path; add its artifact (e.g. io.portcullis:portcullis-" + provider
            + "); available: " + available())))
        .create(settings);
  }
}
