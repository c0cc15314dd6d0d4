package io.portcullis.huaweicloud.vpc;

import com.huaweicloud.sdk.vpc.v3.model.PageInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Follows v3 marker pagination ({@code page_info.next_marker}) to the last page. */
final class Pages {
  private Pages() {}

  /**
   * Every item of every page: {@code fetch} gets a page for a marker (null for the first), then the next
   * marker is read from the page until there is none, or a page is empty, or a marker repeats (a guard
   * against a server that never ends).
   */
  static <P, T> List<T> collect(Function<String, P> fetch, Function<P, List<T>> items,
      Function<P, PageInfo> pageInfo) {
    List<T> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String marker = null;
    while (true) {
      P page = fetch.apply(marker);
      List<T> pageItems = items.apply(page);
      if (pageItems == null || pageItems.isEmpty()) {
        return all;
      }
      all.addAll(pageItems);
      PageInfo info = pageInfo.apply(page);
      marker = info == null ? null : info.getNextMarker();
      if (marker == null || marker.isEmpty() || !seen.add(marker)) {
        return all;
      }
    }
  }
}
