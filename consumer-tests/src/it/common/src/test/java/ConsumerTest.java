import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderSettings;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityGroupRules;
import io.portcullis.core.SecurityGroupRulesProvider;
import io.portcullis.core.StaticCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What an application gets when it depends on Portcullis adapters without importing portcullis-bom: every jar on
 * its run-time class path has the version the Portcullis build tested (the AWS SDK may be the application's own
 * choice within the supported range), and each adapter works, found through ServiceLoader, against a stub server
 * on 127.0.0.1 that answers with the provider's "group not found" error.
 */
class ConsumerTest {
  private static final String AWS = "software.amazon.awssdk:";

  /** Every run-time jar, by groupId:artifactId, has the tested version. */
  @Test
  void runtimeVersionsAreTheTestedOnes() throws IOException {
    Map<String, String> tested = tested(Path.of(System.getProperty("tested.versions")));
    String aws = System.getProperty("expected.aws.version");
    Map<String, String> resolved = resolved(Path.of(System.getProperty("runtime.list")));
    List<String> wrong = new ArrayList<>();
    boolean oldestAws = Boolean.getBoolean("oldest.aws");
    resolved.forEach((ga, version) -> {
      if (ga.startsWith(AWS)) {
        if (!version.equals(aws)) {
          wrong.add(ga + ":" + version + " (expected the AWS SDK " + aws + ")");
        }
      } else if (tested.containsKey(ga)) {
        if (!tested.get(ga).equals(version)) {
          wrong.add(ga + ":" + version + " (tested: " + tested.get(ga) + ")");
        }
      } else if (!oldestAws) {
        // With the oldest supported AWS SDK, its own dependencies differ from the newest one's.
        wrong.add(ga + ":" + version + " (not on the tested class path)");
      }
    });
    assertFalse(resolved.isEmpty());
    assertEquals(List.of(), wrong, "run-time versions that differ from the tested ones");
  }

  @Test
  void everyAdapterWorksThroughServiceLoader() throws IOException {
    for (String provider : System.getProperty("providers").split(",")) {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        byte[] body = errorBody(provider).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
            provider.equals("huaweicloud-vpc") ? "application/json" : "text/xml");
        exchange.sendResponseHeaders(provider.equals("aws-ec2") ? 400 : 404, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      ProviderSettings settings = ProviderSettings.builder()
          .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
          .region(provider.equals("huaweicloud-vpc") ? "cn-north-4" : "us-east-1")
          .credentials(new StaticCredentials("AKIDCONSUMER", "secret"))
          .maxAttempts(1)
          .build();
      settings = provider.equals("huaweicloud-vpc")
          ? ProviderSettings.builder().from(settings).projectId("0123456789abcdef0123456789abcdef").build()
          : settings;
      try (SecurityGroupRules rules = SecurityGroupRulesProvider.load(provider, settings)) {
        SecurityGroupRef group = provider.equals("aws-elasticache")
            ? SecurityGroupRef.ofName("cache") : SecurityGroupRef.ofId("sg-0123456789abcdef0");
        PortcullisException e = assertThrows(PortcullisException.class, () -> rules.list(group));
        assertInstanceOf(GroupNotFoundException.class, e, provider + ": " + e);
      } finally {
        server.stop(0);
      }
    }
  }

  private static String errorBody(String provider) {
    return switch (provider) {
      case "aws-ec2" -> "<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>no such group"
          + "</Message></Error></Errors><RequestID>req-1</RequestID></Response>";
      case "aws-elasticache" -> "<ErrorResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\"><Error>"
          + "<Type>Sender</Type><Code>CacheSecurityGroupNotFound</Code><Message>no such group</Message></Error>"
          + "<RequestId>req-1</RequestId></ErrorResponse>";
      default -> "{\"error_code\":\"VPC.0603\",\"error_msg\":\"no such group\"}";
    };
  }

  /** The union of the tested lists; a groupId:artifactId in two lists has one version. */
  private static Map<String, String> tested(Path dir) throws IOException {
    Map<String, String> versions = new TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        resolved(f).forEach((ga, v) -> {
          String before = versions.putIfAbsent(ga, v);
          if (before != null && !before.equals(v)) {
            throw new AssertionError(ga + " was tested at " + before + " and " + v);
          }
        });
      }
    }
    return versions;
  }

  /** A dependency:list file as groupId:artifactId to version (run-time scopes only). */
  private static Map<String, String> resolved(Path list) throws IOException {
    Map<String, String> versions = new TreeMap<>();
    for (String line : Files.readAllLines(list)) {
      String entry = line.trim().split(" ")[0];
      String[] parts = entry.split(":");
      if (parts.length < 5 || !(parts[parts.length - 1].equals("compile") || parts[parts.length - 1].equals("runtime"))) {
        continue;
      }
      versions.put(parts[0] + ":" + parts[1], parts[parts.length - 2]);
    }
    return versions;
  }
}
