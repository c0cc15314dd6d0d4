package io.portcullis.aws.elasticache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidGroupStateException;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.NoAnswerException;
import io.portcullis.core.OpaqueRule;
import io.portcullis.core.PartiallyAppliedException;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleListing;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.SecurityGroupRef;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.UnsupportedRuleException;
import io.portcullis.core.plan.PlanMode;
import io.portcullis.core.plan.RulePlan;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** The real ElastiCacheClient against WireMock on 127.0.0.1: exact wire requests and real error replies. */
class CacheSecurityGroupRulesTest {
  private static final String NS = "http://elasticache.amazonaws.com/doc/2015-02-02/";
  private static final SecurityGroupRef MYGROUP = SecurityGroupRef.ofName("mygroup");

  /**
   * The seed's sample response (seed 003), with one fix: the seed closes {@code
   * AuthorizeCacheSecurityGroupIngressResult} with {@code </AuthorizeCacheSecurityGroupIngress>}, which is not
   * well-formed XML (the SDK cannot parse it).
   */
  private static final String SEED_RESPONSE = """
      <AuthorizeCacheSecurityGroupIngressResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
        <AuthorizeCacheSecurityGroupIngressResult>
          <CacheSecurityGroup>
            <EC2SecurityGroups>
              <EC2SecurityGroup>
                <Status>authorizing</Status>
                <EC2SecurityGroupName>default</EC2SecurityGroupName>
                <EC2SecurityGroupOwnerId>565419523791</EC2SecurityGroupOwnerId>
              </EC2SecurityGroup>
            </EC2SecurityGroups>
            <CacheSecurityGroupName>mygroup</CacheSecurityGroupName>
            <OwnerId>123456781234</OwnerId>
            <Description>My security group</Description>
          </CacheSecurityGroup>
        </AuthorizeCacheSecurityGroupIngressResult>
        <ResponseMetadata>
          <RequestId>817fa999-3647-11e0-ae57-f96cfe56749c</RequestId>
        </ResponseMetadata>
      </AuthorizeCacheSecurityGroupIngressResponse>
      """;

  private static WireMockServer wireMock;
  private ElastiCacheClient client;
  private CacheSecurityGroupRules rules;

  @BeforeAll
  static void startWireMock() {
    wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
  }

  @AfterAll
  static void stopWireMock() {
    wireMock.stop();
  }

  @BeforeEach
  void setUp() {
    wireMock.resetAll();
    client = ElastiCacheClient.builder()
        .endpointOverride(URI.create(wireMock.baseUrl()))
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    rules = new CacheSecurityGroupRules(client);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  // --- authorize / revoke ---------------------------------------------------------------------------------

  @Test
  void authorizeSendsTheSeedRequestFromTheNeutralRule() {
    reply("AuthorizeCacheSecurityGroupIngress", SEED_RESPONSE);

    CacheSecurityGroupChange change = rules.authorize(MYGROUP,
        List.of(SecurityRule.parse("ingress allow any from group-name default owner 1234-5678-1234")));

    assertEquals(List.of(Set.of(
            "Action=AuthorizeCacheSecurityGroupIngress", "Version=2015-02-02", "CacheSecurityGroupName=mygroup",
            "EC2SecurityGroupName=default", "EC2SecurityGroupOwnerId=1234-5678-1234")),
        sentForms());
    assertEquals(1, change.applied().size());
    assertEquals(Optional.of("817fa999-3647-11e0-ae57-f96cfe56749c"), change.applied().get(0).requestId());
  }

  @Test
  void theSeedResponseReadsBackAsTheNeutralRuleWithStatusAuthorizing() {
    reply("AuthorizeCacheSecurityGroupIngress", SEED_RESPONSE);
    SecurityRule rule = SecurityRule.parse("ingress allow any from group-name default owner 565419523791");

    CacheSecurityGroupChange change = rules.authorize(MYGROUP, List.of(rule));

    AppliedAuthorization applied = change.applied().get(0);
    assertEquals(List.of(rule), change.appliedRules());
    assertEquals(Optional.of("authorizing"), applied.status());
    ProvisionedRule provisioned = applied.provisioned().orElseThrow();
    assertEquals(rule, provisioned.rule());
    assertEquals("565419523791/default", provisioned.providerId());
    assertEquals(Optional.of("mygroup"), provisioned.groupId());
  }

  @Test
  void revokeSendsOneCallPerAuthorisation() {
    reply("RevokeCacheSecurityGroupIngress", groupReply("RevokeCacheSecurityGroupIngress", "req-revoke",
        entry("revoking", "app", "111122223333")));

    CacheSecurityGroupChange change = rules.revoke(MYGROUP, List.of(
        SecurityRule.parse("ingress allow any from group-name app owner 111122223333"),
        SecurityRule.parse("ingress allow any from group-name web owner 111122223333")));

    assertEquals(List.of(
            revokeForm("app", "111122223333"),
            revokeForm("web", "111122223333")),
        sentForms());
    assertEquals(Optional.of("revoking"), change.applied().get(0).status());
    // the reply no longer lists 'web': revoked without a status to show
    assertEquals(Optional.empty(), change.applied().get(1).provisioned());
  }

  @Test
  void lenientRulesThatWidenToTheSameGroupCostOneCallAndWarn() {
    rules = new CacheSecurityGroupRules(client, TranslationPolicy.LENIENT);
    reply("AuthorizeCacheSecurityGroupIngress", groupReply("AuthorizeCacheSecurityGroupIngress", "req-1",
        entry("authorizing", "app", "111122223333")));
    SecurityRule redis = SecurityRule.parse("ingress allow tcp 6379 from group-name app owner 111122223333");
    SecurityRule memcached = SecurityRule.parse("ingress allow tcp 11211 from group-name app owner 111122223333");

    CacheSecurityGroupChange change = rules.authorize(MYGROUP, List.of(redis, memcached));

    assertEquals(1, sentForms().size());
    assertEquals(List.of(redis, memcached), change.appliedRules());
    assertEquals(2, change.warnings().size());
  }

  @Test
  void anUnsupportedRuleRejectsTheBatchBeforeAnyCall() {
    List<SecurityRule> batch = List.of(
        SecurityRule.parse("ingress allow any from group-name app owner 111122223333"),
        SecurityRule.parse("ingress allow tcp 6379 from 10.0.0.0/8"));

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> rules.authorize(MYGROUP, batch));

    assertEquals(batch.get(1), e.rejections().get(0).rule());
    assertEquals(List.of(), sentForms());
  }

  @Test
  void aCacheGroupGivenOnlyByIdIsRefusedBeforeAnyCall() {
    assertThrows(InvalidRuleException.class, () -> rules.list(SecurityGroupRef.ofId("sg-0abc123")));
    assertEquals(List.of(), sentForms());
  }

  // --- partial failure --------------------------------------------------------------------------------------

  @Test
  void aRefusalMidBatchSaysExactlyWhatWasApplied() {
    reply("AuthorizeCacheSecurityGroupIngress", groupReply("AuthorizeCacheSecurityGroupIngress", "req-1",
        entry("authorizing", "app", "111122223333")));
    wireMock.stubFor(post(urlEqualTo("/")).atPriority(1)
        .withRequestBody(containing("EC2SecurityGroupName=web"))
        .willReturn(error(400, "AuthorizationAlreadyExists", "already authorised", "req-dup")));
    List<SecurityRule> batch = Stream.of("app", "web", "batch")
        .map(n -> SecurityRule.parse("ingress allow any from group-name " + n + " owner 111122223333"))
        .toList();

    // the one partial-failure type every adapter's imperative batch calls throw
    PartialChangeException e = assertInstanceOf(PartialChangeException.class,
        assertThrows(PartiallyAppliedException.class, () -> rules.authorize(MYGROUP, batch)));

    assertEquals("AuthorizeCacheSecurityGroupIngress", e.operation());
    assertEquals(List.of(batch.get(0)), e.appliedAuthorizations().stream().flatMap(a -> a.rules().stream()).toList());
    assertEquals(List.of(batch.get(0)), e.applied());
    assertEquals(batch.subList(1, 3), e.notApplied());
    assertEquals(List.of(batch.get(1)), e.failed().rules());
    assertTrue(e.failedWasRefused());
    assertEquals(List.of(batch.get(2)), e.notAttempted().stream().flatMap(a -> a.rules().stream()).toList());
    DuplicateRuleException cause = assertInstanceOf(DuplicateRuleException.class, e.getCause());
    assertEquals(Optional.of("req-dup"), cause.requestId());
    assertEquals(2, sentForms().size());
    assertTrue(e.getMessage().contains("111122223333/web (not applied)"), e.getMessage());
  }

  @Test
  void aCallWithoutAnAnswerMidBatchIsReportedWithItsOutcomeUnknown() {
    reply("AuthorizeCacheSecurityGroupIngress", groupReply("AuthorizeCacheSecurityGroupIngress", "req-1"));
    wireMock.stubFor(post(urlEqualTo("/")).atPriority(1)
        .withRequestBody(containing("EC2SecurityGroupName=web"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    List<SecurityRule> batch = Stream.of("app", "web")
        .map(n -> SecurityRule.parse("ingress allow any from group-name " + n + " owner 111122223333"))
        .toList();

    PartialChangeException e = assertThrows(PartialChangeException.class, () -> rules.authorize(MYGROUP, batch));

    assertEquals(1, e.appliedAuthorizations().size());
    assertEquals(batch.subList(0, 1), e.applied());
    assertEquals(batch.subList(1, 2), e.notApplied());
    assertFalse(e.failedWasRefused());
    assertInstanceOf(SdkClientException.class, assertInstanceOf(NoAnswerException.class, e.getCause()).getCause());
    assertTrue(e.getMessage().contains("(outcome unknown)"), e.getMessage());
    assertEquals(List.of(), e.notAttempted());
  }

  @Test
  void aRefusedFirstCallThrowsTheTypedErrorAndStops() {
    reply("AuthorizeCacheSecurityGroupIngress", error(404, "CacheSecurityGroupNotFound", "no mygroup", "req-nf"));
    List<SecurityRule> batch = Stream.of("app", "web")
        .map(n -> SecurityRule.parse("ingress allow any from group-name " + n + " owner 111122223333"))
        .toList();

    assertThrows(GroupNotFoundException.class, () -> rules.authorize(MYGROUP, batch));
    assertEquals(1, sentForms().size());
  }

  // --- list, create, delete, VPC groups ---------------------------------------------------------------------

  @Test
  void listFollowsTheMarkerToTheLastPage() {
    reply("DescribeCacheSecurityGroups", describeGroups("page-2",
        entry("authorized", "app", "111122223333"), entry("authorizing", "default", "565419523791")));
    wireMock.stubFor(post(urlEqualTo("/")).atPriority(1)
        .withRequestBody(containing("Marker=page-2"))
        .willReturn(ok(describeGroups(null, entry("revoking", "web", "444455556666")))));

    List<ProvisionedRule> listed = rules.list(MYGROUP);

    Set<String> firstPage = Set.of("Action=DescribeCacheSecurityGroups", "Version=2015-02-02",
        "CacheSecurityGroupName=mygroup");
    assertEquals(List.of(firstPage, union(firstPage, "Marker=page-2")), sentForms());
    assertEquals(List.of(
            "111122223333/app: ingress allow any from group-name app owner 111122223333 [authorized]",
            "565419523791/default: ingress allow any from group-name default owner 565419523791 [authorizing]",
            "444455556666/web: ingress allow any from group-name web owner 444455556666 [revoking]"),
        listed.stream().map(ProvisionedRule::toString).toList());
  }

  @Test
  void createAndDeleteAGroup() {
    reply("CreateCacheSecurityGroup", groupReply("CreateCacheSecurityGroup", "req-c"));
    reply("DeleteCacheSecurityGroup", """
        <DeleteCacheSecurityGroupResponse xmlns="%s">
          <ResponseMetadata><RequestId>req-d</RequestId></ResponseMetadata>
        </DeleteCacheSecurityGroupResponse>""".formatted(NS));

    SecurityGroupRef created = rules.createGroup("MyGroup", "cache clients");
    rules.deleteGroup(created);

    // ElastiCache stores names in lower case: the reference carries the stored name
    assertEquals(SecurityGroupRef.ofName("mygroup"), created);
    assertEquals(List.of(
            Set.of("Action=CreateCacheSecurityGroup", "Version=2015-02-02", "CacheSecurityGroupName=MyGroup",
                "Description=cache clients"),
            Set.of("Action=DeleteCacheSecurityGroup", "Version=2015-02-02", "CacheSecurityGroupName=mygroup")),
        sentForms());
  }

  @Test
  void vpcSecurityGroupsOfAClusterAreItsEc2GroupIds() {
    reply("DescribeCacheClusters", """
        <DescribeCacheClustersResponse xmlns="%s">
          <DescribeCacheClustersResult>
            <CacheClusters>
              <CacheCluster>
                <CacheClusterId>redis-1</CacheClusterId>
                <SecurityGroups>
                  <member><SecurityGroupId>sg-0aaa111</SecurityGroupId><Status>active</Status></member>
                  <member><SecurityGroupId>sg-0bbb222</SecurityGroupId><Status>active</Status></member>
                </SecurityGroups>
              </CacheCluster>
            </CacheClusters>
          </DescribeCacheClustersResult>
          <ResponseMetadata><RequestId>req-cc</RequestId></ResponseMetadata>
        </DescribeCacheClustersResponse>""".formatted(NS));

    List<SecurityGroupRef> groups = rules.vpcSecurityGroupsOf("redis-1");

    assertEquals(List.of(SecurityGroupRef.ofId("sg-0aaa111"), SecurityGroupRef.ofId("sg-0bbb222")), groups);
    assertEquals(List.of(Set.of("Action=DescribeCacheClusters", "Version=2015-02-02", "CacheClusterId=redis-1")),
        sentForms());
  }

  // --- errors as ElastiCache sends them -----------------------------------------------------------------------

  static Stream<Arguments> errors() {
    Consumer<CacheSecurityGroupRules> authorize = r -> r.authorize(MYGROUP,
        List.of(SecurityRule.parse("ingress allow any from group-name default owner 565419523791")));
    Consumer<CacheSecurityGroupRules> revoke = r -> r.revoke(MYGROUP,
        List.of(SecurityRule.parse("ingress allow any from group-name default owner 565419523791")));
    Consumer<CacheSecurityGroupRules> list = r -> r.list(MYGROUP);
    Consumer<CacheSecurityGroupRules> create = r -> r.createGroup("mygroup", "d");
    Consumer<CacheSecurityGroupRules> delete = r -> r.deleteGroup(MYGROUP);
    Consumer<CacheSecurityGroupRules> cluster = r -> r.vpcSecurityGroupsOf("redis-1");
    return Stream.of(
        Arguments.of("AuthorizationAlreadyExists", 400, authorize, DuplicateRuleException.class),
        Arguments.of("AuthorizationNotFound", 404, revoke, RuleNotFoundException.class),
        Arguments.of("CacheSecurityGroupNotFound", 404, authorize, GroupNotFoundException.class),
        Arguments.of("CacheSecurityGroupNotFound", 404, list, GroupNotFoundException.class),
        Arguments.of("CacheClusterNotFound", 404, cluster, GroupNotFoundException.class),
        Arguments.of("InvalidCacheSecurityGroupState", 400, delete, InvalidGroupStateException.class),
        Arguments.of("InvalidParameterCombination", 400, authorize, MalformedRequestException.class),
        Arguments.of("InvalidParameterValue", 400, revoke, MalformedRequestException.class),
        Arguments.of("QuotaExceeded.CacheSecurityGroup", 400, create, QuotaExceededException.class),
        Arguments.of("CacheSecurityGroupAlreadyExists", 400, create, GroupAlreadyExistsException.class),
        Arguments.of("Throttling", 400, list, ThrottledException.class),
        Arguments.of("SomethingNew", 400, authorize, ProviderException.class));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("errors")
  void errorsMapToTheCoreTypesKeepingCodeRequestIdAndStatus(
      String code, int status, Consumer<CacheSecurityGroupRules> call, Class<? extends ProviderException> type) {
    wireMock.stubFor(post(urlEqualTo("/")).willReturn(error(status, code, "the message for " + code, "req-err")));

    ProviderException e = assertThrows(ProviderException.class, () -> call.accept(rules));

    assertEquals(type, e.getClass());
    assertEquals("aws-elasticache", e.provider());
    assertEquals(Optional.of(code), e.errorCode());
    assertEquals(Optional.of("req-err"), e.requestId());
    assertEquals(OptionalInt.of(status), e.httpStatus());
    assertEquals("the message for " + code, e.error().message());
    assertEquals(1, sentForms().size());
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  // --- read-back of entries the model cannot represent --------------------------------------------------------

  private static final String LONG_NAME = "g".repeat(300);
  private static final String WITHOUT_OWNER =
      "<EC2SecurityGroup><Status>authorized</Status><EC2SecurityGroupName>web</EC2SecurityGroupName></EC2SecurityGroup>";

  @Test
  void entriesTheModelCannotRepresentAreOpaqueNotAFailedList() {
    reply("DescribeCacheSecurityGroups", describeGroups(null, entry("authorized", "app", "111122223333"),
        entry("authorized", LONG_NAME, "444455556666")));

    RuleListing listing = rules.read(MYGROUP);

    assertEquals(List.of("111122223333/app"), listing.rules().stream().map(ProvisionedRule::providerId).toList());
    assertEquals(List.of("444455556666/" + LONG_NAME), listing.opaque().stream().map(OpaqueRule::providerId).toList());
    assertTrue(listing.opaque().get(0).reason().contains("1-255 characters"), listing.opaque().get(0).reason());
    assertEquals(listing.rules(), rules.list(MYGROUP));
  }

  @Test
  void anAdditivePlanKeepsOpaqueEntriesAndAnAuthoritativeOneRevokesThemByNameAndOwner() {
    reply("DescribeCacheSecurityGroups", describeGroups(null, entry("authorized", "app", "111122223333"),
        entry("authorized", LONG_NAME, "444455556666")));
    SecurityRule app = SecurityRule.parse("ingress allow any from group-name app owner 111122223333");

    RulePlan additive = rules.plan(MYGROUP, List.of(app), PlanMode.ADDITIVE);
    assertFalse(additive.hasChanges());
    assertEquals(1, additive.opaqueKept().size());

    RulePlan authoritative = rules.plan(MYGROUP, List.of(app), PlanMode.AUTHORITATIVE);
    wireMock.resetRequests();
    reply("RevokeCacheSecurityGroupIngress", groupReply("RevokeCacheSecurityGroupIngress", "req-r"));
    rules.apply(MYGROUP, authoritative);

    // The stale-plan check's listing, then the revoke by name and owner.
    assertEquals(List.of(revokeForm(LONG_NAME, "444455556666")), sentForms().subList(1, sentForms().size()));
  }

  @Test
  void anEntryWithoutItsOwnerIsAnUntrustedReplyNotARule() {
    reply("DescribeCacheSecurityGroups", describeGroups(null, WITHOUT_OWNER));

    // It could not even be revoked: no plan is made from such a listing.
    ProviderReplyException e = assertThrows(ProviderReplyException.class,
        () -> rules.plan(MYGROUP, List.of(), PlanMode.AUTHORITATIVE));

    assertTrue(e.getMessage().contains("EC2SecurityGroupOwnerId"), e.getMessage());
  }

  private static void reply(String action, String xml) {
    reply(action, ok(xml));
  }

  private static void reply(String action, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    wireMock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")).willReturn(response));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String xml) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String code, String message, String requestId) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
        <ErrorResponse xmlns="%s">
          <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
          <RequestId>%s</RequestId>
        </ErrorResponse>""".formatted(NS, code, message, requestId));
  }

  private static String entry(String status, String name, String owner) {
    return "<EC2SecurityGroup><Status>%s</Status><EC2SecurityGroupName>%s</EC2SecurityGroupName>"
        .formatted(status, name) + "<EC2SecurityGroupOwnerId>%s</EC2SecurityGroupOwnerId></EC2SecurityGroup>"
        .formatted(owner);
  }

  private static String cacheGroup(String... entries) {
    return "<CacheSecurityGroupName>mygroup</CacheSecurityGroupName><OwnerId>123456781234</OwnerId>"
        + "<Description>d</Description><EC2SecurityGroups>" + String.join("", entries) + "</EC2SecurityGroups>";
  }

  private static String groupReply(String action, String requestId, String... entries) {
    return """
        <%1$sResponse xmlns="%2$s">
          <%1$sResult><CacheSecurityGroup>%3$s</CacheSecurityGroup></%1$sResult>
          <ResponseMetadata><RequestId>%4$s</RequestId></ResponseMetadata>
        </%1$sResponse>""".formatted(action, NS, cacheGroup(entries), requestId);
  }

  private static String describeGroups(String marker, String... entries) {
    return """
        <DescribeCacheSecurityGroupsResponse xmlns="%s">
          <DescribeCacheSecurityGroupsResult>
            %s
            <CacheSecurityGroups><CacheSecurityGroup>%s</CacheSecurityGroup></CacheSecurityGroups>
          </DescribeCacheSecurityGroupsResult>
          <ResponseMetadata><RequestId>req-list</RequestId></ResponseMetadata>
        </DescribeCacheSecurityGroupsResponse>""".formatted(
        NS, marker == null ? "" : "<Marker>" + marker + "</Marker>", cacheGroup(entries));
  }

  private static Set<String> revokeForm(String name, String owner) {
    return Set.of("Action=RevokeCacheSecurityGroupIngress", "Version=2015-02-02", "CacheSecurityGroupName=mygroup",
        "EC2SecurityGroupName=" + name, "EC2SecurityGroupOwnerId=" + owner);
  }

  private static Set<String> union(Set<String> pairs, String more) {
    return Stream.concat(pairs.stream(), Stream.of(more)).collect(Collectors.toSet());
  }

  /** The URL-decoded form parameters of every request received, in order, each as a set of name=value pairs. */
  private static List<Set<String>> sentForms() {
    List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo("/")));
    return requests.stream()
        .map(r -> Arrays.stream(r.getBodyAsString().split("&"))
            .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
            .collect(Collectors.toSet()))
        .toList();
  }
}
