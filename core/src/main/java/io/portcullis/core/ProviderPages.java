package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The page loop every adapter's listing shares, for adapter implementers: follows the provider's page token to the
 * last page and refuses a listing that does not add up. A repeated token (a server that serves a page again or
 * ignores the token) and more than {@link #maxPages()} pages (a server handing out endless tokens) are {@link
 * ProviderReplyException}s, never a shortened or doubled listing.
 *
 * <pre>{@code
 * List<Rule> all = new ProviderPages("aws-ec2", "DescribeSecurityGroupRules", 1_000)
 *     .collect(token -> { var r = ec2.describe(token); return new ProviderPages.Page<>(r.rules(), r.next(), r.id()); });
 * }</pre>
 *
 * @param provider the adapter's provider name
 * @param operation the listing operation
 * @param maxPages the most pages to follow
 */
public record ProviderPages(String provider, String operation, int maxPages) {
  /** The default bound: 1,000 pages of the providers' largest page sizes is far beyond any group's quota. */
  public static final int DEFAULT_MAX_PAGES = 1_000;

  /** Checks the parts. */
  public ProviderPages {
    requireNonNull(provider, "provider");
    requireNonNull(operation, "operation");
    InvalidSettingException.requireAtLeast("maxPages", maxPages, 1);
  }

  /**
   * One page as the provider returned it.
   *
   * @param items the page's entries (null when the reply had none)
   * @param nextToken the token of the next page; empty or blank on the last page
   * @param requestId the reply's request id, for errors
   */
  public record Page<T>(List<T> items, Optional<String> nextToken, Optional<String> requestId) {
    /** Treats a missing item list as empty, keeping null entries for the caller's checks. */
    public Page {
      items = items == null ? List.of() : items;
      requireNonNull(nextToken, "nextToken");
      requireNonNull(requestId, "requestId");
    }
  }

  /**
   * Every entry of every page, in order.
   *
   * @param fetch gets the page for a token (empty for the first page)
   * @throws ProviderReplyException if a token repeats or there are more than {@link #maxPages()} pages
   */
  public <T> List<T> collect(Function<Optional<String>, Page<T>> fetch) {
    List<T> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Optional<String> token = Optional.empty();
    for (int pages = 1; ; pages++) {
      Page<T> page = fetch.apply(token);
      all.addAll(page.items());
      token = page.nextToken().filter(t -> !t.isBlank());
      if (token.isEmpty()) {
        return all;
      }
      if (!seen.add(token.get())) {
        throw new ProviderReplyException(provider, operation, "next page token",
            "the token " + abbreviate(token.get()) + " came back a second time after " + pages
                + " page(s): the server repeats pages or ignores the token", page.requestId());
      }
      if (pages >= maxPages) {
        throw new ProviderReplyException(provider, operation, "next page token",
            "still another page after " + maxPages + " pages: the server may hand out endless tokens",
            page.requestId());
      }
    }
  }

  private static String abbreviate(String token) {
    return token.length() <= 40 ? "'" + token + "'" : "'" + token.substring(0, 40) + "...'";
  }
}
