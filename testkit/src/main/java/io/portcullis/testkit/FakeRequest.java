package io.portcullis.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as a fake service sees it. Credentials and signatures are not kept: the fakes never
 * verify them, and nothing that could leak them is stored.
 *
 * @param method the HTTP method
 * @param path the decoded request path
 * @param query the decoded query parameters, each name with its values in order
 * @param body the request body as text
 */
public record FakeRequest(String method, String path, Map<String, List<String>> query, String body) {
  /** Copies the parts. */
  public FakeRequest {
    query = Map.copyOf(query);
  }

  /** The body as {@code application/x-www-form-urlencoded} parameters (the AWS Query protocol). */
  public Map<String, String> form() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : decodeParameters(body).entrySet()) {
      out.put(e.getKey(), e.getValue().get(e.getValue().size() - 1));
    }
    return out;
  }

  /** The first value of a query parameter, or null. */
  public String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Decodes {@code a=1&b=2&a=3}: each name with all its values, in order. */
  static Map<String, List<String>> decodeParameters(String encoded) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }
}
