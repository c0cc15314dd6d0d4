package io.portcullis.testkit;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replies of {@link FakeEc2} that a real EC2 endpoint, or something between it and the client, might give and
 * a client must not trust blindly. Each is a {@link Fault} to inject like any other; the call is carried out
 * first and its reply then altered.
 *
 * <p>The provider-neutral faults reply in EC2's shape ({@code <Response><Errors><Error>}): {@link
 * Fault#serverError()} is {@code InternalError} (500), {@link Fault#throttled()} {@code RequestLimitExceeded}
 * (503, retried by the SDK) and {@link Fault#forbidden()} {@code UnauthorizedOperation} (403).
 */
public final class FakeEc2Faults {
  static final Paging PAGING = new QueryPaging("NextToken", "nextToken",
      Map.of("DescribeSecurityGroupRules", "securityGroupRuleSet", "DescribeManagedPrefixLists", "prefixListSet"));

  private static final Pattern RULE_SET = QueryPaging.element("securityGroupRuleSet");

  private FakeEc2Faults() {}

  static Fault standardError(Fault.Kind kind) {
    return switch (kind) {
      case THROTTLED -> Fault.error(503, "RequestLimitExceeded", "Request limit exceeded.");
      case FORBIDDEN -> Fault.error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
      default -> Fault.error(500, "InternalError", "An internal error has occurred.");
    };
  }

  /**
   * The reply's {@code securityGroupRuleSet} (of DescribeSecurityGroupRules or an authorize) gets an extra,
   * empty {@code <item/>}: the SDK makes it a {@code SecurityGroupRule} whose every field is null.
   */
  public static Fault emptyRuleItem() {
    return Fault.rewrite("empty rule item", (fake, operation, request, reply) ->
        QueryPaging.withBody(reply, insertIntoRuleSet(reply.body(), "<item/>")));
  }

  /**
   * The DescribeSecurityGroupRules reply also lists the rules of the group {@code otherGroupId}, as if the
   * server ignored the {@code group-id} filter for them.
   */
  public static Fault otherGroupsRules(String otherGroupId) {
    return Fault.rewrite("rules of " + otherGroupId, (fake, operation, request, reply) -> {
      FakeResponse other = fake.serve(operation, new FakeRequest("POST", "/", Map.of(),
          "Action=DescribeSecurityGroupRules&Version=2016-11-15&Filter.1.Name=group-id&Filter.1.Value.1="
              + otherGroupId));
      Matcher set = RULE_SET.matcher(other.body());
      if (other.status() != 200 || !set.find()) {
        throw new IllegalStateException("cannot list the rules of " + otherGroupId + ": " + other.body());
      }
      String items = set.group().replaceFirst("^<securityGroupRuleSet>", "")
          .replaceFirst("</securityGroupRuleSet>$", "").replaceFirst("^<securityGroupRuleSet/>$", "");
      return QueryPaging.withBody(reply, insertIntoRuleSet(reply.body(), items));
    });
  }

  /**
   * Every rule the reply describes (an authorize's {@code securityGroupRuleSet}, a revoke's {@code
   * revokedSecurityGroupRuleSet}, a listing) has another protocol and port than the one stored: {@code tcp}
   * becomes {@code udp}, anything else {@code tcp}, and the ports are 9-9. The ids stay.
   */
  public static Fault differentRule() {
    return Fault.rewrite("different rule", (fake, operation, request, reply) -> {
      String body = Pattern.compile("<ipProtocol>([^<]*)</ipProtocol>").matcher(reply.body())
          .replaceAll(m -> "<ipProtocol>" + (m.group(1).equals("tcp") ? "udp" : "tcp") + "</ipProtocol>");
      body = body.replaceAll("<fromPort>[^<]*</fromPort>", "<fromPort>9</fromPort>")
          .replaceAll("<toPort>[^<]*</toPort>", "<toPort>9</toPort>");
      return QueryPaging.withBody(reply, body);
    });
  }

  private static String insertIntoRuleSet(String body, String items) {
    if (body.contains("<securityGroupRuleSet/>")) {
      return body.replace("<securityGroupRuleSet/>", "<securityGroupRuleSet>" + items + "</securityGroupRuleSet>");
    }
    int at = body.indexOf("</securityGroupRuleSet>");
    if (at < 0) {
      throw new IllegalStateException("the reply has no securityGroupRuleSet: " + body);
    }
    return body.substring(0, at) + items + body.substring(at);
  }
}
