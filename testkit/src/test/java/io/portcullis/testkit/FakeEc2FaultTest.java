package io.portcullis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/** Every fault and misbehaviour of {@link FakeEc2}, seen through the real {@code Ec2Client}. */
class FakeEc2FaultTest {
  private static final String AUTHORIZE = "AuthorizeSecurityGroupIngress";
  private static final String DESCRIBE = "DescribeSecurityGroupRules";

  private FakeEc2 fake;
  private Ec2Client ec2;
  private String sg;

  @BeforeEach
  void start() {
    fake = new FakeEc2();
    ec2 = AwsClients.ec2(fake.endpoint());
    sg = fake.createSecurityGroup("web", "vpc-1", false, false);
  }

  @AfterEach
  void stop() {
    ec2.close();
    fake.close();
  }

  private static IpPermission tcp(int port) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipRanges(r -> r.cidrIp("10.0.0.0/8")).build();
  }

  private List<SecurityGroupRule> authorize(int port) {
    return ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(port))).securityGroupRules();
  }

  private DescribeSecurityGroupRulesResponse describePage(String token) {
    return ec2.describeSecurityGroupRules(b -> b.maxResults(5).nextToken(token)
        .filters(Filter.builder().name("group-id").values(sg).build()));
  }

  private Set<Integer> storedPorts() {
    return fake.rules(sg).stream().map(FakeEc2Rule::fromPort).collect(Collectors.toSet());
  }

  @Test
  void theSixFailureModesReplyAsEc2DoesAndOnlyTheLastTwoCarryOutTheCall() {
    fake.failNext(AUTHORIZE, Fault.serverError());
    fake.failNext(AUTHORIZE, Fault.throttled());
    fake.failNext(AUTHORIZE, Fault.forbidden());
    fake.failNext(AUTHORIZE, Fault.connectionReset());
    fake.failNext(AUTHORIZE, Fault.lostReplyAfterSuccess());

    Ec2Exception server = assertThrows(Ec2Exception.class, () -> authorize(1));
    Ec2Exception throttled = assertThrows(Ec2Exception.class, () -> authorize(2));
    Ec2Exception forbidden = assertThrows(Ec2Exception.class, () -> authorize(3));
    assertThrows(SdkClientException.class, () -> authorize(4));
    assertThrows(SdkClientException.class, () -> authorize(5));

    assertEquals(List.of("InternalError", "RequestLimitExceeded", "UnauthorizedOperation"), List.of(
        server.awsErrorDetails().errorCode(), throttled.awsErrorDetails().errorCode(),
        forbidden.awsErrorDetails().errorCode()));
    assertEquals(List.of(500, 503, 403), List.of(server.statusCode(), throttled.statusCode(), forbidden.statusCode()));
    assertTrue(throttled.isThrottlingException());
    assertEquals(Set.of(5), storedPorts());
    assertEquals(List.of(500, 503, 403, 0, 0), fake.calls().stream().map(RecordedCall::status).toList());
  }

  @Test
  void aDelayedReplyOutlastsTheClientTimeoutWhileTheFakeServesOtherCalls() {
    try (Ec2Client impatient = Ec2Client.builder().endpointOverride(fake.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(Duration.ofMillis(200)))
        .build()) {
      fake.failNext(AUTHORIZE, Fault.delay(Duration.ofMillis(600)));

      assertThrows(ApiCallAttemptTimeoutException.class,
          () -> impatient.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(22))));
      // the call was carried out, and the fake answers the re-read at once, within the same short timeout
      List<SecurityGroupRule> reread = impatient.describeSecurityGroupRules(
          b -> b.filters(Filter.builder().name("group-id").values(sg).build())).securityGroupRules();

      assertEquals(List.of(22), reread.stream().map(SecurityGroupRule::fromPort).toList());
    }
  }

  @Test
  void aFaultAtAMutatingCallIndexSkipsReadsAndAnyOperation() {
    fake.failMutatingCall(2, Fault.forbidden());

    authorize(1);
    describePage(null);
    ec2.revokeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(1)));
    Ec2Exception third = assertThrows(Ec2Exception.class, () -> authorize(3));
    authorize(4);

    assertEquals("UnauthorizedOperation", third.awsErrorDetails().errorCode());
    assertEquals(Set.of(4), storedPorts());
  }

  @Test
  void aFaultGivenSeveralTimesMeetsTheSdksRetriesOfTheSameCall() {
    try (Ec2Client retrying = Ec2Client.builder().endpointOverride(fake.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(3).backoffStrategy(BackoffStrategy.retryImmediately())
            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build()))
        .build()) {
      fake.failMutatingCall(0, Fault.throttled().times(3));
      fake.failMutatingCall(3, Fault.throttled().times(2));

      Ec2Exception pastRetries = assertThrows(Ec2Exception.class,
          () -> retrying.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(1))));
      retrying.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(2)));

      assertEquals("RequestLimitExceeded", pastRetries.awsErrorDetails().errorCode());
      assertEquals(List.of(503, 503, 503, 503, 503, 200), fake.calls().stream().map(RecordedCall::status).toList());
      assertEquals(Set.of(2), storedPorts());
    }
  }

  @Test
  void aFaultForEveryCallLastsUntilClearFaults() {
    fake.failAlways(AUTHORIZE, Fault.serverError());

    assertThrows(Ec2Exception.class, () -> authorize(1));
    assertThrows(Ec2Exception.class, () -> authorize(2));
    fake.clearFaults();

    assertEquals(1, authorize(3).size());
    assertEquals(Set.of(3), storedPorts());
  }

  @Test
  void aRepeatedPageComesWithTheSameTokenSoTheRulesComeTwice() {
    for (int port = 1; port <= 12; port++) {
      authorize(port);
    }
    fake.failAfter(DESCRIBE, 1, Fault.repeatPage());

    DescribeSecurityGroupRulesResponse first = describePage(null);
    DescribeSecurityGroupRulesResponse again = describePage(first.nextToken());

    assertEquals(first.securityGroupRules(), again.securityGroupRules());
    assertEquals(first.nextToken(), again.nextToken());
    List<SecurityGroupRule> all = new ArrayList<>(first.securityGroupRules());
    for (String token = again.nextToken(); token != null; ) {
      DescribeSecurityGroupRulesResponse page = describePage(token);
      all.addAll(page.securityGroupRules());
      token = page.nextToken();
    }
    assertEquals(12, all.size());
  }

  @Test
  void anIgnoredTokenAlwaysGivesTheFirstPage() {
    for (int port = 1; port <= 7; port++) {
      authorize(port);
    }
    fake.failAlways(DESCRIBE, Fault.ignoreMarker());

    DescribeSecurityGroupRulesResponse first = describePage(null);
    DescribeSecurityGroupRulesResponse second = describePage(first.nextToken());
    DescribeSecurityGroupRulesResponse third = describePage(second.nextToken());

    assertEquals(first.securityGroupRules(), second.securityGroupRules());
    assertEquals(first.securityGroupRules(), third.securityGroupRules());
    assertEquals(first.nextToken(), third.nextToken());
  }

  @Test
  void endlessTokensAreNewOnEveryPageAndTheExtraPagesAreEmpty() {
    for (int port = 1; port <= 7; port++) {
      authorize(port);
    }
    fake.failAlways(DESCRIBE, Fault.endlessMarkers());

    List<String> tokens = new ArrayList<>();
    List<SecurityGroupRule> all = new ArrayList<>();
    String token = null;
    for (int page = 0; page < 6; page++) {
      DescribeSecurityGroupRulesResponse reply = describePage(token);
      all.addAll(reply.securityGroupRules());
      token = reply.nextToken();
      tokens.add(token);
    }

    assertEquals(6, Set.copyOf(tokens).size());
    assertTrue(tokens.stream().allMatch(t -> t != null && !t.isEmpty()));
    assertEquals(5, all.size(), "the first page only: its token is a fake one too");
  }

  @Test
  void anEmptyItemBecomesARuleWithoutFields() {
    fake.failNext(AUTHORIZE, FakeEc2Faults.emptyRuleItem());

    List<SecurityGroupRule> created = authorize(22);

    assertEquals(2, created.size());
    assertEquals(22, created.get(0).fromPort());
    assertNull(created.get(1).securityGroupRuleId());
    assertNull(created.get(1).groupId());
    assertEquals(Set.of(22), storedPorts());
  }

  @Test
  void aListingCanIncludeAnotherGroupsRules() {
    String other = fake.createSecurityGroup("other", "vpc-1", false, true);
    authorize(22);
    fake.failNext(DESCRIBE, FakeEc2Faults.otherGroupsRules(other));

    List<SecurityGroupRule> listed = describePage(null).securityGroupRules();

    assertEquals(List.of(sg, other), listed.stream().map(SecurityGroupRule::groupId).toList());
  }

  @Test
  void aReplyCanDescribeADifferentRuleThanTheOneCreated() {
    fake.failNext(AUTHORIZE, FakeEc2Faults.differentRule());

    SecurityGroupRule created = authorize(22).get(0);

    assertEquals("udp", created.ipProtocol());
    assertEquals(9, created.fromPort());
    assertEquals(fake.rules(sg).get(0).id(), created.securityGroupRuleId());
    assertEquals("tcp", fake.rules(sg).get(0).ipProtocol());
    assertEquals(22, fake.rules(sg).get(0).fromPort());
  }

  @Test
  void delaysAreBounded() {
    assertThrows(IllegalArgumentException.class, () -> Fault.delay(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Fault.delay(Fault.MAX_DELAY.plusMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> fake.failMutatingCall(-1, Fault.serverError()));
    assertThrows(IllegalArgumentException.class, () -> Fault.serverError().times(0));
  }
}
