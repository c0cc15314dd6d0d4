package io.portcullis.testkit;

import java.util.Map;

/**
 * A reply of a fake service.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header
 * @param body the body text
 * @param headers further headers (e.g. {@code X-Request-Id})
 */
public record FakeResponse(int status, String contentType, String body, Map<String, String> headers) {
  /** Copies the headers. */
  public FakeResponse {
    headers = Map.copyOf(headers);
  }

  /** An XML reply. */
  public static FakeResponse xml(int status, String body) {
    return new FakeResponse(status, "text/xml;charset=UTF-8", body, Map.of());
  }

  /** A JSON reply with a request id header. */
  public static FakeResponse json(int status, String body, String requestId) {
    return new FakeResponse(status, "application/json;charset=UTF-8", body, Map.of("X-Request-Id", requestId));
  }
}
