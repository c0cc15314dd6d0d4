package io.portcullis.core.group;

import io.portcullis.core.ConfigurationException;
import io.portcullis.core.ProviderSettings;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * A service-provider interface through which {@link ServiceLoader} finds the group adapters on the class path,
 * beside {@link io.portcullis.core.SecurityGroupRulesProvider}. Each adapter module registers one in {@code
 * META-INF/services/io.portcullis.core.group.SecurityGroupsProvider}.
 */
public interface SecurityGroupsProvider {
  /** The provider name, e.g. {@code aws-ec2}. */
  String provider();

  /** A group adapter over a new SDK client configured from {@code settings}. */
  SecurityGroups create(ProviderSettings settings);

  /** The names of every provider with a group adapter on the class path. */
  static List<String> available() {
    return ServiceLoader.load(SecurityGroupsProvider.class).stream()
        .map(p -> p.get().provider()).sorted().collect(Collectors.toList());
  }

  /**
   * The group adapter for {@code provider} from the class path.
   *
   * @throws io.portcullis.core.ConfigurationException naming the available providers if there is none by that
   *     name, as {@link io.portcullis.core.SecurityGroupRulesProvider#load} does
   */
  static SecurityGroups load(String provider, ProviderSettings settings) {
    return ServiceLoader.load(SecurityGroupsProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.provider().equals(provider))
        .findFirst()
        .orElseThrow(() -> new ConfigurationException(provider, List.of("no group adapter '" + provider
            + "' on the class path; add its artifact (e.g. io.portcullis:portcullis-" + provider
            + "); available: " + available())))
        .create(settings);
  }
}
