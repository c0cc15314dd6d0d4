package io.portcullis.huaweicloud.vpc;

import io.portcullis.core.IpVersion;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An IP address group to create: a name (1-64 characters), an IP family and its entries (addresses, CIDR
 * blocks or {@code a-b} ranges of that family; the server checks their form), and optionally a description
 * and a maximum number of entries ({@code max_capacity}, 20 by default at Huawei).
 */
@Value.Immutable
public abstract class AddressGroupSpec {
  AddressGroupSpec() {}

  /** A builder; name, IP version and at least one entry are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The group's name, 1-64 characters. */
  public abstract String name();

  /** The IP family of every entry. */
  public abstract IpVersion ipVersion();

  /** The entries ({@code ip_set}). */
  public abstract List<String> ipSet();

  /** A description without {@code <} or {@code >}, at most 255 characters. */
  public abstract Optional<String> description();

  /** The most entries the group may hold. */
  public abstract Optional<Integer> maxCapacity();

  @Value.Check
  void validate() {
    if (name().isBlank() || name().length() > 64) {
      throw new IllegalArgumentException("an address group name of 1-64 characters, not '" + name() + "'");
    }
    if (ipSet().isEmpty() || ipSet().stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("an address group needs at least one entry and no blank ones");
    }
    description().filter(d -> d.length() > 255 || d.indexOf('<') >= 0 || d.indexOf('>') >= 0).ifPresent(d -> {
      throw new IllegalArgumentException("an address group description of at most 255 characters without < or >");
    });
    maxCapacity().filter(c -> c < ipSet().size()).ifPresent(c -> {
      throw new IllegalArgumentException("max capacity " + c + " is below the " + ipSet().size() + " entries");
    });
  }

  /** Builds {@link AddressGroupSpec}s. */
  public static final class Builder extends ImmutableAddressGroupSpec.Builder {
    Builder() {}
  }
}
