package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderPages;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;

/**
 * Reads what {@link Ec2RuleCounter} needs to count prefix-list references as EC2 does: each list's {@code
 * MaxEntries}, with DescribeManagedPrefixLists.
 *
 * <pre>{@code
 * Ec2RuleCounter counter = new Ec2RuleCounter()
 *     .withPrefixListSizes(Ec2PrefixLists.maxEntries(ec2, List.of("pl-0123456789abcdef0")));
 * }</pre>
 *
 * <p>AWS-managed lists (e.g. {@code com.amazonaws.us-east-1.s3}) report no {@code MaxEntries}; their quota
 * weight is documented by AWS but not returned by this call, so they are left out of the result: give their
 * weight to {@link Ec2RuleCounter#withPrefixListSizes} yourself.
 */
public final class Ec2PrefixLists {
  /** More pages than a listing of the lists asked for can have: a server handing out more is misbehaving. */
  private static final int MAX_PAGES = 100;

  private Ec2PrefixLists() {}

  /**
   * The {@code MaxEntries} of each of these prefix lists that reports one, by id; no call when there are none.
   *
   * @throws ProviderException (typed as {@link Ec2Errors} maps it) when EC2 refuses the call, e.g. for an
   *     unknown list, or gives no answer; also when its pages repeat a token or do not end
   */
  public static Map<String, Integer> maxEntries(Ec2Client ec2, Collection<String> prefixListIds) {
    requireNonNull(ec2, "ec2");
    List<String> ids = List.copyOf(prefixListIds);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return sizes;
    }
    String operation = "DescribeManagedPrefixLists";
    List<ManagedPrefixList> lists = new ProviderPages(Ec2Capabilities.PROVIDER, operation, MAX_PAGES).collect(token -> {
      DescribeManagedPrefixListsResponse page = Ec2Errors.call(() ->
          ec2.describeManagedPrefixLists(b -> b.prefixListIds(ids).nextToken(token.orElse(null))));
      return new ProviderPages.Page<>(page.prefixLists(), Optional.ofNullable(page.nextToken()),
          Optional.ofNullable(page.responseMetadata().requestId()));
    });
    for (ManagedPrefixList list : lists) {
      if (list != null && list.prefixListId() != null && list.maxEntries() != null) {
        sizes.put(list.prefixListId(), list.maxEntries());
      }
    }
    return sizes;
  }
}
