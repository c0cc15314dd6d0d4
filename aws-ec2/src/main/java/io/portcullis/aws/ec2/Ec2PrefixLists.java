package io.portcullis.aws.ec2;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
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
    Set<String> tokens = new HashSet<>();
    String token = null;
    try {
      do {
        String next = token;
        DescribeManagedPrefixListsResponse page =
            ec2.describeManagedPrefixLists(b -> b.prefixListIds(ids).nextToken(next));
        for (ManagedPrefixList list : page.prefixLists()) {
          if (list != null && list.prefixListId() != null && list.maxEntries() != null) {
            sizes.put(list.prefixListId(), list.maxEntries());
          }
        }
        token = page.nextToken();
        if (token != null && (!tokens.add(token) || tokens.size() > MAX_PAGES)) {
          throw new ProviderException(ProviderError.of(Ec2Capabilities.PROVIDER, null,
              "DescribeManagedPrefixLists handed out a repeated token or more than " + MAX_PAGES + " pages", null, 0),
              null);
        }
      } while (token != null);
    } catch (Ec2Exception e) {
      throw Ec2Errors.map(e);
    } catch (SdkClientException e) {
      throw Ec2Errors.map(e);
    }
    return sizes;
  }
}
