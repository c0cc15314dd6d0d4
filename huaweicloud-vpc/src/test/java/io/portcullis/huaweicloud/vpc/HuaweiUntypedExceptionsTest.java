package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.HostileServer;
import io.portcullis.testkit.PublicMethods;
import java.lang.reflect.Type;
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

/** Every public method of the Huawei adapter, against every broken reply: only typed exceptions come out. */
class HuaweiUntypedExceptionsTest {
  private static HostileServer server;
  private static VpcClient client;

  @BeforeAll
  static void start() {
    server = new HostileServer();
    client = VpcClient.newBuilder().withHttpConfig(HttpConfig.getDefaultHttpConfig().withReadTimeout(5))
        .withCredential(new BasicCredentials().withAk("AKTEST").withSk("SKTEST")
            .withProjectId("060576782980d5762f9ec014dd2f1148"))
        .withEndpoints(List.of(server.endpoint().toString()))
        .build();
  }

  @AfterAll
  static void stop() {
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
    Map<Class<?>, Function<Type, Object>> samples = PublicMethods.coreSamples(
        SecurityGroupRef.ofId("1c8d9f94-6022-4518-bb98-e0145fcc7b33"),
        SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 1"));
    samples.put(RuleListFilter.class, t -> RuleListFilter.none());
    samples.put(ThrottlingRetry.class, t -> ThrottlingRetry.NONE);
    samples.put(AddressGroupSpec.class, t -> AddressGroupSpec.builder().name("office").ipVersion(
        io.portcullis.core.IpVersion.IPV4).addIpSet("192.0.2.0/24").build());

    List<String> problems = new ArrayList<>();
    HuaweiSecurityGroupRules rules = new HuaweiSecurityGroupRules(client).withThrottlingRetry(ThrottlingRetry.NONE);
    problems.addAll(PublicMethods.untypedExceptions(rules, samples));
    problems.addAll(PublicMethods.untypedExceptions(new HuaweiAddressGroups(client), samples));
    problems.addAll(PublicMethods.untypedExceptions(new HuaweiSecurityGroups(client), samples));

    assertEquals(List.of(), problems, HostileServer.REPLIES.get(reply).toString());
  }
}
