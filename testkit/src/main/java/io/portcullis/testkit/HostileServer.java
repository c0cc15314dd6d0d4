package io.portcullis.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A server on 127.0.0.1 that answers every request the same broken way, whatever the protocol: to check that an
 * adapter turns every reply it cannot use into a typed exception. {@link #REPLIES} lists the ways.
 */
public final class HostileServer implements AutoCloseable {
  /**
   * One way to answer.
   *
   * @param status the HTTP status, or 0 to close the connection without a reply
   * @param contentType the content type
   * @param body the body
   */
  public record Reply(int status, String contentType, String body) {
    @Override
    public String toString() {
      return status == 0 ? "no reply" : status + " " + contentType + " '" + body + "'";
    }
  }

  /**
   * A well-formed EC2 reply to any call whose items are not: a tag without a key, rules and groups without ids,
   * empty items, a permission with an empty range, and a next token that never ends.
   */
  private static final String MALFORMED_EC2_ITEMS = "<Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      + "<requestId>r</requestId><return>true</return><groupId>sg-new</groupId><nextToken>again</nextToken>"
      + "<securityGroupRuleSet><item><securityGroupRuleId>sgr-1</securityGroupRuleId><groupId>sg-0abc123</groupId>"
      + "<isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>"
      + "<cidrIpv4>10.0.0.0/8</cidrIpv4><tagSet><item><value>no key</value></item></tagSet></item>"
      + "<item><groupId>sg-0abc123</groupId></item><item/></securityGroupRuleSet>"
      + "<securityGroupInfo><item><groupId>sg-0abc123</groupId><tagSet><item><value>no key</value></item></tagSet>"
      + "</item><item/></securityGroupInfo>"
      + "<revokedSecurityGroupRuleSet><item/></revokedSecurityGroupRuleSet>"
      + "<unknownIpPermissionSet><item><ipProtocol>tcp</ipProtocol><ipRanges><item/></ipRanges></item>"
      + "</unknownIpPermissionSet><prefixListSet><item/></prefixListSet>"
      + "<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId><groupSet><item/></groupSet></item>"
      + "<item/></networkInterfaceSet></Response>";

  /** The same for ElastiCache: a result for each call, with empty groups and authorisations and endless markers. */
  private static final String MALFORMED_ELASTICACHE_ITEMS = "<Response>"
      + "<DescribeCacheSecurityGroupsResult><Marker>again</Marker><CacheSecurityGroups><CacheSecurityGroup>"
      + "<CacheSecurityGroupName>cache</CacheSecurityGroupName><EC2SecurityGroups><EC2SecurityGroup><Status>"
      + "authorized</Status></EC2SecurityGroup></EC2SecurityGroups></CacheSecurityGroup><CacheSecurityGroup/>"
      + "</CacheSecurityGroups></DescribeCacheSecurityGroupsResult>"
      + "<AuthorizeCacheSecurityGroupIngressResult><CacheSecurityGroup><EC2SecurityGroups><EC2SecurityGroup/>"
      + "</EC2SecurityGroups></CacheSecurityGroup></AuthorizeCacheSecurityGroupIngressResult>"
      + "<RevokeCacheSecurityGroupIngressResult><CacheSecurityGroup/></RevokeCacheSecurityGroupIngressResult>"
      + "<DescribeCacheClustersResult><Marker>again</Marker><CacheClusters><CacheCluster><CacheSecurityGroups>"
      + "<CacheSecurityGroupMembership/></CacheSecurityGroups></CacheCluster><CacheCluster/></CacheClusters>"
      + "</DescribeCacheClustersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></Response>";

  /** The same for Huawei: tags without keys, a rule with only an id, an empty rule, and a marker that never ends. */
  private static final String MALFORMED_HUAWEI_ITEMS = "{\"security_groups\":[{\"id\":\"sg-1\",\"name\":\"n\","
      + "\"tags\":[null,{\"value\":\"v\"}]}],\"security_group\":{\"id\":\"sg-1\",\"name\":\"n\",\"tags\":"
      + "[{\"value\":\"v\"}]},\"security_group_rules\":[{\"id\":\"r1\"},{}],\"security_group_rule\":{\"id\":\"r1\"},"
      + "\"address_groups\":[{\"id\":\"ag\"}],\"page_info\":{\"next_marker\":\"again\"},\"request_id\":\"r\"}";

  /** Every broken reply the server can give: HTML, JSON where XML is spoken and back, nulls, empties, 5xx. */
  public static final List<Reply> REPLIES = List.of(
      new Reply(200, "text/html", "<html><body>maintenance"),
      new Reply(200, "application/json", "{}"),
      new Reply(200, "application/json", "{\"security_group_rules\":[null],\"security_group_rule\":null,"
          + "\"security_groups\":[null],\"address_groups\":[null],\"page_info\":{\"next_marker\":\"m\"}}"),
      new Reply(200, "text/xml", "<Unrelated><requestId>r</requestId></Unrelated>"),
      new Reply(200, "text/xml", MALFORMED_EC2_ITEMS),
      new Reply(200, "text/xml", MALFORMED_ELASTICACHE_ITEMS),
      new Reply(200, "application/json", MALFORMED_HUAWEI_ITEMS),
      new Reply(200, "application/json", ""),
      new Reply(500, "text/plain", "upstream exploded"),
      new Reply(0, "", ""));

  private final HttpServer server;
  private volatile Reply reply = REPLIES.get(0);

  /** Starts the server, answering with the first of {@link #REPLIES}. */
  public HostileServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a server on 127.0.0.1", e);
    }
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
        Reply r = reply;
        if (r.status() == 0) {
          return; // closed without a reply
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      }
    });
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hostile-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
  }

  /** The base URL to point a client at. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers every request from now on with {@code reply}. */
  public void answer(Reply reply) {
    this.reply = reply;
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
