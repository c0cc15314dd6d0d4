package io.portcullis.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Paging} of {@link FakeHuaweiVpc}: the {@code marker} query parameter, the reply's {@code
 * page_info.next_marker}, and the items in the reply's one array field.
 */
final class FakeHuaweiVpcPaging implements Paging {
  static final FakeHuaweiVpcPaging INSTANCE = new FakeHuaweiVpcPaging();

  private FakeHuaweiVpcPaging() {}

  @Override
  public Optional<String> marker(FakeRequest request) {
    return Optional.ofNullable(request.queryParameter("marker"));
  }

  @Override
  public FakeRequest withoutMarker(FakeRequest request) {
    Map<String, List<String>> query = new LinkedHashMap<>(request.query());
    query.remove("marker");
    return new FakeRequest(request.method(), request.path(), query, request.body());
  }

  @Override
  public FakeResponse withNextMarker(String operation, FakeResponse reply, String marker) {
    ObjectNode body = FakeHuaweiVpcJson.body(reply.body());
    FakeHuaweiVpcJson.object(body, "page_info").put("next_marker", marker);
    return QueryPaging.withBody(reply, FakeHuaweiVpcJson.write(body));
  }

  @Override
  public FakeResponse withoutItems(String operation, FakeResponse reply) {
    ObjectNode body = FakeHuaweiVpcJson.body(reply.body());
    for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isArray()) {
        body.putArray(field.getKey());
      }
    }
    ObjectNode pageInfo = FakeHuaweiVpcJson.object(body, "page_info");
    pageInfo.remove("previous_marker");
    pageInfo.put("current_count", 0);
    return QueryPaging.withBody(reply, FakeHuaweiVpcJson.write(body));
  }
}
