package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.fleet.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;

/** The fakes' server-side rate limit and their calls in flight at once. */
class FakeServiceRateLimitTest {
  /** A bucket that refills too slowly to matter within a test: exactly {@code burst} calls pass. */
  private static RateLimit only(int burst) {
    return new RateLimit(0.001, burst);
  }

  @Test
  void callsOverTheLimitGetEc2sThrottlingErrorAndChangeNothing() {
    try (FakeEc2 fake = new FakeEc2(); Ec2Client ec2 = AwsClients.ec2(fake.endpoint())) {
      String group = fake.createSecurityGroup("web", "vpc-1", false, false);
      fake.setRateLimit(only(2), only(1));

      ec2.describeSecurityGroups();
      ec2.describeSecurityGroups();
      Ec2Exception read = assertThrows(Ec2Exception.class, ec2::describeSecurityGroups);
      ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22)
          .toPort(22).ipRanges(r -> r.cidrIp("10.0.0.0/8")))); // mutations have their own bucket
      Ec2Exception write = assertThrows(Ec2Exception.class, () -> ec2.authorizeSecurityGroupIngress(b -> b
          .groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(23).toPort(23)
              .ipRanges(r -> r.cidrIp("10.0.0.0/8")))));

      for (Ec2Exception e : List.of(read, write)) {
        assertEquals("RequestLimitExceeded", e.awsErrorDetails().errorCode());
        assertEquals(503, e.statusCode());
      }
      assertEquals(1, fake.rules(group).size(), "the throttled authorisation was not carried out");
      assertEquals(2, fake.throttledCallCount());
      assertEquals(List.of(200, 200, 503, 200, 503), fake.calls().stream().map(RecordedCall::status).toList());

      fake.clearRateLimit();
      ec2.describeSecurityGroups();
      assertEquals(2, fake.throttledCallCount());
    }
  }

  @Test
  void aFaultQueuedForAThrottledCallStaysDueForTheNextCall() {
    try (FakeEc2 fake = new FakeEc2(); Ec2Client ec2 = AwsClients.ec2(fake.endpoint())) {
      fake.setRateLimit(only(1), only(1));
      ec2.describeSecurityGroups();
      fake.failNext("DescribeSecurityGroups", Fault.forbidden());
      assertEquals(503, assertThrows(Ec2Exception.class, ec2::describeSecurityGroups).statusCode());

      fake.clearRateLimit();

      assertEquals(403, assertThrows(Ec2Exception.class, ec2::describeSecurityGroups).statusCode());
    }
  }

  @Test
  void elastiCacheAndHuaweiThrottleWithTheirOwnErrors() throws Exception {
    try (FakeElastiCache fake = new FakeElastiCache();
        ElastiCacheClient client = AwsClients.elastiCache(fake.endpoint())) {
      fake.setRateLimit(only(1), only(1));
      client.describeCacheSecurityGroups(b -> {});
      ElastiCacheException e = assertThrows(ElastiCacheException.class,
          () -> client.describeCacheSecurityGroups(b -> {}));
      assertEquals("Throttling", e.awsErrorDetails().errorCode());
      assertEquals(400, e.statusCode());
    }
    try (FakeHuaweiVpc fake = new FakeHuaweiVpc()) {
      fake.setRateLimit(only(1), only(1));
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest list = HttpRequest.newBuilder(
          URI.create(fake.endpoint() + "/v3/" + fake.projectId() + "/vpc/security-groups")).GET().build();
      assertEquals(200, http.send(list, HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpResponse<String> throttled = http.send(list, HttpResponse.BodyHandlers.ofString());
      assertEquals(429, throttled.statusCode());
      assertTrue(throttled.body().contains("APIGW.0308"), throttled.body());
    }
  }

  @Test
  void callsFromManyClientsAreInFlightAtOnceUnderALatency() {
    try (FakeEc2 fake = new FakeEc2(); Ec2Client ec2 = AwsClients.ec2(fake.endpoint())) {
      fake.setLatency(Duration.ofSeconds(2));
      List<CompletableFuture<Void>> calls = IntStream.range(0, 4)
          .mapToObj(i -> CompletableFuture.runAsync(ec2::describeSecurityGroups)).toList();

      // Every call is served (recorded) while the replies of the others are still held back.
      while (fake.calls().size() < 4) {
        Thread.onSpinWait();
      }
      assertFalse(calls.stream().anyMatch(CompletableFuture::isDone));
      calls.forEach(CompletableFuture::join);
    }
  }
}
