package io.portcullis.testkit;

import java.util.Optional;

/**
 * How a fake's listings page, for the listing faults ({@link Fault#repeatPage()}, {@link Fault#ignoreMarker()},
 * {@link Fault#endlessMarkers()}): where a request carries its page marker and where a reply puts the next
 * one and its items.
 */
interface Paging {
  /** The page marker (token) a request carries. */
  Optional<String> marker(FakeRequest request);

  /** The request without its page marker. */
  FakeRequest withoutMarker(FakeRequest request);

  /** The reply with {@code marker} as its next marker. */
  FakeResponse withNextMarker(String operation, FakeResponse reply, String marker);

  /** The reply without items (an empty page). */
  FakeResponse withoutItems(String operation, FakeResponse reply);
}
