package io.portcullis.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link Paging} of the AWS Query fakes: the marker is a form parameter ({@code NextToken}, {@code Marker}),
 * the reply's next marker an element beside the items' list element. The fakes' own XML is rewritten, whose
 * text is always escaped, so matching elements by name is exact.
 */
final class QueryPaging implements Paging {
  private final String markerParameter;
  private final String markerElement;
  private final Map<String, String> itemsElementByOperation;

  /**
   * @param markerParameter the request's marker parameter
   * @param markerElement the reply's next-marker element
   * @param itemsElementByOperation per listing operation, the element holding the page's items
   */
  QueryPaging(String markerParameter, String markerElement, Map<String, String> itemsElementByOperation) {
    this.markerParameter = markerParameter;
    this.markerElement = markerElement;
    this.itemsElementByOperation = Map.copyOf(itemsElementByOperation);
  }

  @Override
  public Optional<String> marker(FakeRequest request) {
    return Optional.ofNullable(QueryForm.of(request).get(markerParameter));
  }

  @Override
  public FakeRequest withoutMarker(FakeRequest request) {
    String body = Arrays.stream(request.body().split("&"))
        .filter(pair -> !URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8).equals(markerParameter))
        .collect(Collectors.joining("&"));
    Map<String, java.util.List<String>> query = new java.util.LinkedHashMap<>(request.query());
    query.remove(markerParameter);
    return new FakeRequest(request.method(), request.path(), query, body);
  }

  @Override
  public FakeResponse withNextMarker(String operation, FakeResponse reply, String marker) {
    String body = reply.body().replaceAll(element(markerElement).pattern(), "");
    String items = itemsElement(operation);
    String close = "</" + items + ">";
    int at = body.indexOf(close);
    if (at < 0) {
      throw new IllegalStateException("no " + items + " in the reply to " + operation);
    }
    at += close.length();
    body = body.substring(0, at) + "<" + markerElement + ">" + marker + "</" + markerElement + ">"
        + body.substring(at);
    return withBody(reply, body);
  }

  @Override
  public FakeResponse withoutItems(String operation, FakeResponse reply) {
    String items = itemsElement(operation);
    return withBody(reply, element(items).matcher(reply.body())
        .replaceFirst(Matcher.quoteReplacement("<" + items + "></" + items + ">")));
  }

  private String itemsElement(String operation) {
    String items = itemsElementByOperation.get(operation);
    if (items == null) {
      throw new IllegalStateException(operation + " is not a paged listing of this fake");
    }
    return items;
  }

  /** An element with its content; the first one closes at its own end tag (no nesting of the same name). */
  static Pattern element(String name) {
    return Pattern.compile("<" + name + ">.*?</" + name + ">|<" + name + "/>", Pattern.DOTALL);
  }

  static FakeResponse withBody(FakeResponse reply, String body) {
    return new FakeResponse(reply.status(), reply.contentType(), body, reply.headers());
  }
}
