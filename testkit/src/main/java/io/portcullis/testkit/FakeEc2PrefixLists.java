package io.portcullis.testkit;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The customer-managed prefix lists of a {@link FakeEc2}: how many entries each may hold, which is what a rule
 * referring to it counts against the rules quota, and DescribeManagedPrefixLists. Entries themselves are not
 * modelled. Guarded by the fake's lock.
 */
final class FakeEc2PrefixLists {
  private record PrefixList(String id, String name, String addressFamily, int maxEntries) {}

  /** By id, which is also the paging order. */
  private final NavigableMap<String, PrefixList> lists = new TreeMap<>();

  void add(String id, String name, String addressFamily, int maxEntries) {
    if (!addressFamily.equals("IPv4") && !addressFamily.equals("IPv6")) {
      throw new IllegalArgumentException("addressFamily is IPv4 or IPv6, not " + addressFamily);
    }
    if (maxEntries < 1 || maxEntries > 1000) {
      throw new IllegalArgumentException("maxEntries is 1-1000, not " + maxEntries);
    }
    lists.put(id, new PrefixList(id, name, addressFamily, maxEntries));
  }

  /** What a rule referring to the list counts against the quota: its maximum entries; 1 for a list not known. */
  int weight(String prefixListId) {
    PrefixList list = lists.get(prefixListId);
    return list == null ? 1 : list.maxEntries();
  }

  /** DescribeManagedPrefixLists: {@code PrefixListId.N} (unknown ids fail), {@code MaxResults} 1-100, {@code NextToken}. */
  Xml describe(QueryForm form, Xml reply) {
    List<String> ids = form.values("PrefixListId");
    for (String id : ids) {
      if (!lists.containsKey(id)) {
        throw new FaultException(400, "InvalidPrefixListID.NotFound", "The prefix list ID '" + id + "' does not exist");
      }
    }
    Integer maxResults = form.integer("MaxResults");
    if (maxResults != null && (maxResults < 1 || maxResults > 100)) {
      throw new FaultException(400, "InvalidParameterValue",
          "Value (" + maxResults + ") for parameter maxResults is invalid. Expecting a value between 1 and 100.");
    }
    if (form.flag("DryRun")) {
      throw new FaultException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
    String after = form.get("NextToken") == null ? "" : PageToken.lastKey(form.get("NextToken")).orElseThrow(
        () -> new FaultException(400, "InvalidPaginationToken", "The specified pagination token is not valid"));
    List<PrefixList> matching = lists.tailMap(after, false).values().stream()
        .filter(l -> ids.isEmpty() || ids.contains(l.id())).toList();
    List<PrefixList> page = matching.subList(0, Math.min(maxResults == null ? 100 : maxResults, matching.size()));
    reply.start("prefixListSet");
    for (PrefixList l : page) {
      reply.start("item").leaf("prefixListId", l.id()).leaf("addressFamily", l.addressFamily())
          .leaf("state", "create-complete").leaf("prefixListName", l.name()).leaf("maxEntries", l.maxEntries())
          .leaf("version", 1).end();
    }
    reply.end();
    if (matching.size() > page.size()) {
      reply.leaf("nextToken", PageToken.after(page.get(page.size() - 1).id()));
    }
    return reply;
  }
}
