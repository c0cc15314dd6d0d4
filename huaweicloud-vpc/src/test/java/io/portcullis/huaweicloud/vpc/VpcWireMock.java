package io.portcullis.huaweicloud.vpc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.vpc.v3.VpcClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server on 127.0.0.1 and the real v3 {@link VpcClient} pointed at it, for wire tests. */
abstract class VpcWireMock {
  static final String PROJECT = "060576782980d5762f9ec014dd2f1148";
  static final String RULES_PATH = "/v3/" + PROJECT + "/vpc/security-group-rules";

  WireMockServer server;
  VpcClient client;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    client = VpcClient.newBuilder()
        .withHttpConfig(HttpConfig.getDefaultHttpConfig().withIgnoreSSLVerification(true))
        .withCredential(new BasicCredentials().withAk("AKTEST").withSk("SKTEST").withProjectId(PROJECT))
        .withEndpoints(List.of("http://127.0.0.1:" + server.port()))
        .build();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  /** A JSON reply (the SDK needs the Content-Type on every reply, success or error). */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** A Huawei error reply with the request id in the X-Request-Id header, where the SDK reads it. */
  static ResponseDefinitionBuilder error(int status, String code, String message) {
    return json(status, "{\"error_code\":\"" + code + "\",\"error_msg\":\"" + message + "\"}")
        .withHeader("X-Request-Id", "req-" + status);
  }
}
