package io.portcullis.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replies of {@link FakeHuaweiVpc} that a client must not trust blindly: error bodies of the other shapes
 * the VPC service and its gateway use, and success replies with a field missing, null or emptied although
 * the call was carried out. Each is a {@link Fault} to inject like any other.
 *
 * <p>The provider-neutral faults reply with the {@code error_code}/{@code error_msg} body: {@link
 * Fault#serverError()} is {@code VPC.0500} (500), {@link Fault#throttled()} {@code APIGW.0308} (429) and
 * {@link Fault#forbidden()} {@code VPC.0010} (403).
 */
public final class FakeHuaweiVpcFaults {
  private FakeHuaweiVpcFaults() {}

  static Fault standardError(Fault.Kind kind) {
    return switch (kind) {
      case THROTTLED -> Fault.error(429, "APIGW.0308", "The throttling threshold has been reached: policy ip over ratelimit");
      case FORBIDDEN -> Fault.error(403, "VPC.0010", "Policy doesn't allow this action to be performed.");
      default -> Fault.error(500, "VPC.0500", "System error.");
    };
  }

  /**
   * An error in the Neutron shape, {@code {"NeutronError":{"type":..,"message":..,"detail":""}}}, e.g. {@code
   * neutronError(409, "SecurityGroupRuleExists", "Security group rule already exists. Rule id is ...")}; the
   * call is not carried out. The request id is in the {@code X-Request-Id} header.
   */
  public static Fault neutronError(int status, String type, String message) {
    ObjectNode body = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    body.putObject("NeutronError").put("type", type).put("message", message).put("detail", "");
    return errorReply(status, body, true);
  }

  /**
   * An error in the wrapped shape, {@code {"error":{"code":..,"message":..}}}; the call is not carried out.
   * The request id is in the {@code X-Request-Id} header.
   */
  public static Fault wrappedError(int status, String code, String message) {
    ObjectNode body = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    return errorReply(status, body, true);
  }

  /**
   * An error in the usual shape, {@code {"error_code","error_msg","request_id"}}, whose request id is in the
   * body only: the reply has no {@code X-Request-Id} header. The call is not carried out.
   */
  public static Fault errorWithRequestIdInBodyOnly(int status, String code, String message) {
    ObjectNode body = FakeHuaweiVpcJson.MAPPER.createObjectNode();
    body.put("error_code", code).put("error_msg", message);
    return errorReply(status, body, false);
  }

  /** The reply lacks the top-level {@code field}, e.g. a 201 without {@code security_group_rule}. */
  public static Fault withoutField(String field) {
    return rewriteJson("without " + field, body -> body.remove(requireField(body, field)));
  }

  /** The reply's top-level {@code field} is JSON null, e.g. a show reply with {@code "security_group_rule": null}. */
  public static Fault nullField(String field) {
    return rewriteJson(field + " null", body -> body.putNull(requireField(body, field)));
  }

  /**
   * The reply's list {@code field} is empty although the call was carried out, e.g. a batch create replying
   * {@code "security_group_rules": []} for rules it created.
   */
  public static Fault emptyList(String field) {
    return rewriteJson(field + " empty", body -> body.putArray(requireField(body, field)));
  }

  /**
   * The reply's list {@code field} starts with a JSON null entry, e.g. {@code "security_group_rules":[null,
   * ...]} in a listing or a batch create reply.
   */
  public static Fault nullEntry(String field) {
    return rewriteJson("null entry in " + field, body -> {
      JsonNode list = body.get(requireField(body, field));
      if (!list.isArray()) {
        throw new IllegalStateException(field + " is not a list: " + list);
      }
      ((ArrayNode) list).insertNull(0);
      if (body.get("page_info") instanceof ObjectNode pageInfo && pageInfo.has("current_count")) {
        pageInfo.put("current_count", list.size());
      }
    });
  }

  /**
   * The ListSecurityGroupRules reply also lists the rules of the security group {@code otherGroupId}, as if
   * the server ignored the {@code security_group_id} filter for them.
   */
  public static Fault otherGroupsRules(String otherGroupId) {
    return Fault.rewrite("rules of " + otherGroupId, (fake, operation, request, reply) -> {
      FakeResponse other = fake.serve(operation, new FakeRequest("GET", request.path(),
          Map.of("security_group_id", List.of(otherGroupId)), ""));
      if (other.status() != 200) {
        throw new IllegalStateException("cannot list the rules of " + otherGroupId + ": " + other.body());
      }
      ArrayNode otherRules = (ArrayNode) FakeHuaweiVpcJson.body(other.body()).get("security_group_rules");
      ObjectNode body = FakeHuaweiVpcJson.body(reply.body());
      ((ArrayNode) body.get(requireField(body, "security_group_rules"))).addAll(otherRules);
      return QueryPaging.withBody(reply, FakeHuaweiVpcJson.write(body));
    });
  }

  /**
   * Every rule the reply describes ({@code security_group_rule} or the entries of {@code
   * security_group_rules}) has another protocol and ports than the one stored: {@code tcp} becomes {@code
   * udp}, anything else {@code tcp}, with {@code multiport} 9. The ids stay.
   */
  public static Fault differentRule() {
    return rewriteJson("different rule", body -> {
      JsonNode single = body.get("security_group_rule");
      JsonNode list = body.get("security_group_rules");
      for (JsonNode rule : single != null && single.isObject() ? List.of(single) : list == null ? List.<JsonNode>of() : list) {
        if (rule instanceof ObjectNode r) {
          r.put("protocol", "tcp".equals(r.path("protocol").asText()) ? "udp" : "tcp").put("multiport", "9");
        }
      }
    });
  }

  private static Fault errorReply(int status, ObjectNode body, boolean requestIdHeader) {
    String requestId = FakeService.newRequestId();
    body.put("request_id", requestId);
    String text = FakeHuaweiVpcJson.write(body);
    return Fault.reply(requestIdHeader ? FakeResponse.json(status, text, requestId)
        : new FakeResponse(status, "application/json;charset=UTF-8", text, Map.of()));
  }

  private static Fault rewriteJson(String description, Consumer<ObjectNode> edit) {
    return Fault.rewrite(description, (fake, operation, request, reply) -> {
      ObjectNode body = FakeHuaweiVpcJson.body(reply.body());
      edit.accept(body);
      return QueryPaging.withBody(reply, FakeHuaweiVpcJson.write(body));
    });
  }

  private static String requireField(ObjectNode body, String field) {
    if (!body.has(field)) {
      throw new IllegalStateException("the reply has no " + field + ": " + body);
    }
    return field;
  }
}
