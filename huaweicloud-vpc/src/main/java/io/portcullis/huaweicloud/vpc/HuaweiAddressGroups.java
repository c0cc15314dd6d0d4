package io.portcullis.huaweicloud.vpc;

import static java.util.Objects.requireNonNull;

import com.huaweicloud.sdk.vpc.v3.VpcClient;
import com.huaweicloud.sdk.vpc.v3.model.AddressGroup;
import com.huaweicloud.sdk.vpc.v3.model.CreateAddressGroupOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateAddressGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateAddressGroupRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.DeleteAddressGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListAddressGroupRequest;
import com.huaweicloud.sdk.vpc.v3.model.ListAddressGroupResponse;
import com.huaweicloud.sdk.vpc.v3.model.PageInfo;
import io.portcullis.core.IpVersion;
import io.portcullis.core.ProviderPages;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.huaweicloud.vpc.HuaweiErrors.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IP address groups of Huawei Cloud VPC v3 through an injected {@link VpcClient}: create, list (every page)
 * and delete. A group's {@link HuaweiAddressGroup#toRemote()} is a rule remote ({@code
 * remote_address_group_id}). Errors come as the core typed exceptions (see {@link HuaweiErrors}).
 */
public final class HuaweiAddressGroups {
  private static final Logger LOG = LoggerFactory.getLogger(HuaweiAddressGroups.class);

  private final VpcClient client;

  /** A service over {@code client}. */
  public HuaweiAddressGroups(VpcClient client) {
    this.client = requireNonNull(client, "client");
  }

  /** Creates an address group and returns it as Huawei holds it, with its id. */
  public HuaweiAddressGroup create(AddressGroupSpec spec) {
    CreateAddressGroupOption option = new CreateAddressGroupOption()
        .withName(spec.name())
        .withIpVersion(spec.ipVersion() == IpVersion.IPV6 ? 6 : 4)
        .withIpSet(spec.ipSet())
        .withDescription(spec.description().orElse(null))
        .withMaxCapacity(spec.maxCapacity().orElse(null));
    LOG.debug("creating address group {} with {} entries", spec.name(), spec.ipSet().size());
    AddressGroup created = HuaweiErrors.call(Target.ADDRESS_GROUP, () -> client.createAddressGroup(
        new CreateAddressGroupRequest().withBody(new CreateAddressGroupRequestBody().withAddressGroup(option))))
        .getAddressGroup();
    if (created == null || created.getId() == null || created.getName() == null) {
      throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, "CreateAddressGroup", "address_group",
          "the reply has no created address group with its id and name", Optional.empty());
    }
    return toGroup(created);
  }

  /** Every address group of the project, following the pagination to the end. */
  public List<HuaweiAddressGroup> list() {
    List<AddressGroup> groups = new ProviderPages(HuaweiCapabilities.PROVIDER, "ListAddressGroup",
        ProviderPages.DEFAULT_MAX_PAGES).collect(marker -> {
          ListAddressGroupResponse page = HuaweiErrors.call(Target.ADDRESS_GROUP,
              () -> client.listAddressGroup(new ListAddressGroupRequest().withMarker(marker.orElse(null))));
          return new ProviderPages.Page<>(page.getAddressGroups(),
              Optional.ofNullable(page.getPageInfo()).map(PageInfo::getNextMarker),
              Optional.ofNullable(page.getRequestId()));
        });
    List<HuaweiAddressGroup> read = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      AddressGroup g = groups.get(i);
      if (g == null || g.getId() == null || g.getName() == null) {
        throw new ProviderReplyException(HuaweiCapabilities.PROVIDER, "ListAddressGroup", "address_groups[" + i + "]",
            "an address group without its id or name", Optional.empty());
      }
      read.add(toGroup(g));
    }
    return List.copyOf(read);
  }

  /** Deletes the address group with this id (Huawei refuses while a rule still uses it). */
  public void delete(String addressGroupId) {
    requireNonNull(addressGroupId, "addressGroupId");
    LOG.debug("deleting address group {}", addressGroupId);
    HuaweiErrors.call(Target.ADDRESS_GROUP,
        () -> client.deleteAddressGroup(new DeleteAddressGroupRequest().withAddressGroupId(addressGroupId)));
  }

  private static HuaweiAddressGroup toGroup(AddressGroup g) {
    return new HuaweiAddressGroup(g.getId(), g.getName(),
        Integer.valueOf(6).equals(g.getIpVersion()) ? IpVersion.IPV6 : IpVersion.IPV4,
        g.getIpSet() == null ? List.of() : g.getIpSet(),
        Optional.ofNullable(g.getDescription()).filter(d -> !d.isEmpty()),
        Optional.ofNullable(g.getMaxCapacity()));
  }
}
