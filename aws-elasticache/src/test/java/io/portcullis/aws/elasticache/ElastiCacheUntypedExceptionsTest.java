package io.portcullis.aws.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.HostileServer;
import io.portcullis.testkit.PublicMethods;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** Every public method of the ElastiCache adapter, against every broken reply: only typed exceptions come out. */
class ElastiCacheUntypedExceptionsTest {
  private static HostileServer server;
  private static ElastiCacheClient client;

  @BeforeAll
  static void start() {
    server = new HostileServer();
    client = ElastiCacheClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(Duration.ofSeconds(5)))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  static IntStream replies() {
    return IntStream.range(0, HostileServer.REPLIES.size());
  }

  @ParameterizedTest(name = "{0}")
  @Timeout(120) // a reply that makes a method loop or wait must fail here, not hang the build
  @MethodSource("replies")
  void noPublicMethodLetsAnUntypedExceptionOut(int reply) {
    server.answer(HostileServer.REPLIES.get(reply));
    Map<Class<?>, Function<Type, Object>> samples = PublicMethods.coreSamples(SecurityGroupRef.ofName("app-cache"),
        SecurityRule.parse("ingress allow any from group-name web owner 111122223333"));

    List<String> problems = new ArrayList<>();
    problems.addAll(PublicMethods.untypedExceptions(new CacheSecurityGroupRules(client), samples));
    problems.addAll(PublicMethods.untypedExceptions(new CacheSecurityGroups(client), samples));

    assertEquals(List.of(), problems, HostileServer.REPLIES.get(reply).toString());
  }
}
