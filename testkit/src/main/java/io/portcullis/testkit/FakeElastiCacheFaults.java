package io.portcullis.testkit;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replies of {@link FakeElastiCache} that a client must not trust blindly. Each is a {@link Fault} to inject
 * like any other; the call is carried out first and its reply then altered or replaced.
 *
 * <p>The provider-neutral faults reply in ElastiCache's shape ({@code <ErrorResponse><Error><Type>}): {@link
 * Fault#serverError()} is {@code InternalFailure} (500), {@link Fault#throttled()} {@code Throttling} (400,
 * retried by the SDK) and {@link Fault#forbidden()} {@code AccessDenied} (403).
 */
public final class FakeElastiCacheFaults {
  static final Paging PAGING = new QueryPaging("Marker", "Marker",
      Map.of("DescribeCacheSecurityGroups", "CacheSecurityGroups", "DescribeCacheClusters", "CacheClusters"));

  private static final Pattern GROUP = QueryPaging.element("CacheSecurityGroup");

  private FakeElastiCacheFaults() {}

  static Fault standardError(Fault.Kind kind) {
    return switch (kind) {
      case THROTTLED -> Fault.error(400, "Throttling", "Rate exceeded");
      case FORBIDDEN -> Fault.error(403, "AccessDenied", "User is not authorized to perform this action.");
      default -> Fault.error(500, "InternalFailure", "An internal error has occurred.");
    };
  }

  /**
   * A 200 whose body is an HTML page (as a proxy or captive portal might send; not well-formed XML) instead
   * of the XML reply.
   */
  public static Fault htmlBody() {
    return Fault.rewrite("HTML body", (fake, operation, request, reply) -> new FakeResponse(200,
        "text/html;charset=UTF-8", "<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>Welcome</h1><hr><p>nginx</body></html>",
        Map.of()));
  }

  /** A 200 whose body is JSON instead of the XML reply. */
  public static Fault jsonBody() {
    return Fault.rewrite("JSON body", (fake, operation, request, reply) ->
        new FakeResponse(200, "application/json", "{\"message\":\"OK\"}", Map.of()));
  }

  /**
   * Every {@code EC2SecurityGroups} list of the reply gets an extra, empty {@code <EC2SecurityGroup/>}: the
   * SDK makes it an {@code EC2SecurityGroup} whose every field is null.
   */
  public static Fault emptyAuthorization() {
    return Fault.rewrite("empty authorisation", (fake, operation, request, reply) ->
        QueryPaging.withBody(reply, reply.body().replace("</EC2SecurityGroups>", "<EC2SecurityGroup/></EC2SecurityGroups>")
            .replace("<EC2SecurityGroups/>", "<EC2SecurityGroups><EC2SecurityGroup/></EC2SecurityGroups>")));
  }

  /**
   * The DescribeCacheSecurityGroups reply also lists the cache security group {@code otherGroupName} (as
   * stored), as if the server ignored the {@code CacheSecurityGroupName} asked for.
   */
  public static Fault otherGroup(String otherGroupName) {
    return Fault.rewrite("also " + otherGroupName, (fake, operation, request, reply) -> {
      FakeResponse other = fake.serve("DescribeCacheSecurityGroups", new FakeRequest("POST", "/", Map.of(),
          "Action=DescribeCacheSecurityGroups&Version=2015-02-02&CacheSecurityGroupName=" + otherGroupName));
      Matcher group = GROUP.matcher(other.body());
      if (other.status() != 200 || !group.find()) {
        throw new IllegalStateException("cannot describe " + otherGroupName + ": " + other.body());
      }
      return QueryPaging.withBody(reply,
          reply.body().replace("</CacheSecurityGroups>", group.group() + "</CacheSecurityGroups>"));
    });
  }

  /**
   * Every authorisation the reply describes names another EC2 group than the one stored (its name with
   * {@code -other} appended): e.g. an authorize reply that does not show what was authorised.
   */
  public static Fault differentAuthorization() {
    return Fault.rewrite("different authorisation", (fake, operation, request, reply) -> QueryPaging.withBody(reply,
        reply.body().replaceAll("<EC2SecurityGroupName>([^<]*)</EC2SecurityGroupName>",
            "<EC2SecurityGroupName>$1-other</EC2SecurityGroupName>")));
  }
}
