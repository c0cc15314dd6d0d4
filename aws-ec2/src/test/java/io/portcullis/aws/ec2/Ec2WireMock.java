package io.portcullis.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** A WireMock server on 127.0.0.1 speaking EC2's Query protocol, and a real {@link Ec2Client} pointed at it. */
final class Ec2WireMock implements AutoCloseable {
  static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

  final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  final Ec2Client client;

  Ec2WireMock() {
    server.start();
    client = Ec2Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        // Tests count calls: one stubbed error must mean one request.
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Answers the action with a 200 reply whose body (inside the response element) is {@code inner}. */
  void reply(String action, String inner) {
    reply(action, containing("Action=" + action + "&"), inner);
  }

  /** Answers requests of the action that also match {@code body} with a 200 reply. */
  void reply(String action, StringValuePattern body, String inner) {
    server.stubFor(post("/").withRequestBody(containing("Action=" + action + "&")).withRequestBody(body)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody("<" + action + "Response xmlns=\"" + NS + "\"><requestId>req-ok</requestId>" + inner + "</"
                + action + "Response>")));
  }

  /** Answers the action with an EC2 error in the {@code <Response><Errors>} shape EC2 uses. */
  void error(String action, int status, String code, String requestId) {
    server.stubFor(post("/").withRequestBody(containing("Action=" + action + "&"))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
            .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code
                + "</Code><Message>message of " + code + "</Message></Error></Errors><RequestID>" + requestId
                + "</RequestID></Response>")));
  }

  /** The requests made, in order. */
  List<LoggedRequest> requests() {
    return server.findAll(postRequestedFor(urlEqualTo("/")));
  }

  /** The URL-decoded form parameters of a request, as a sorted set of {@code name=value} pairs. */
  static Set<String> form(LoggedRequest request) {
    Set<String> pairs = new TreeSet<>();
    for (String pair : request.getBodyAsString().split("&")) {
      pairs.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
    }
    return pairs;
  }

  /** The form parameters of the only request made. */
  Set<String> onlyForm() {
    List<LoggedRequest> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + all.size());
    }
    return form(all.get(0));
  }

  /** The sorted set of {@code pairs}. */
  static Set<String> params(String... pairs) {
    return new TreeSet<>(List.of(pairs));
  }

  @Override
  public void close() {
    client.close();
    server.stop();
  }
}
