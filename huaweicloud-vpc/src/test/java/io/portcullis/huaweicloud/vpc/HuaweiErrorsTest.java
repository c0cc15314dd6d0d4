package io.portcullis.huaweicloud.vpc;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleOption;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequest;
import com.huaweicloud.sdk.vpc.v3.model.CreateSecurityGroupRuleRequestBody;
import com.huaweicloud.sdk.vpc.v3.model.DeleteSecurityGroupRuleRequest;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidGroupStateException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.UnauthorizedException;
import io.portcullis.huaweicloud.vpc.HuaweiErrors.Target;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The three Huawei error body shapes, and a request id in the header or the body, through the real {@code
 * VpcClient} against WireMock and then {@link HuaweiErrors}.
 */
class HuaweiErrorsTest extends VpcWireMock {
  private static final String NEUTRON_EXISTS = """
      {"NeutronError": {"type": "SecurityGroupRuleExists",
        "message": "Security group rule already exists. Rule id is 5b7a1b6e.", "detail": ""}}""";

  private ProviderException createFails(ResponseDefinitionBuilder reply) {
    server.stubFor(post(RULES_PATH).willReturn(reply));
    ServiceResponseException e = assertThrows(ServiceResponseException.class, () -> client.createSecurityGroupRule(
        new CreateSecurityGroupRuleRequest().withBody(new CreateSecurityGroupRuleRequestBody().withSecurityGroupRule(
            new CreateSecurityGroupRuleOption().withSecurityGroupId("sg-1").withDirection("ingress")))));
    return HuaweiErrors.map(e, Target.SECURITY_GROUP);
  }

  private ProviderException deleteFails(ResponseDefinitionBuilder reply) {
    server.stubFor(delete(RULES_PATH + "/r-1").willReturn(reply));
    ServiceResponseException e = assertThrows(ServiceResponseException.class, () -> client.deleteSecurityGroupRule(
        new DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId("r-1")));
    return HuaweiErrors.map(e, Target.RULE);
  }

  private static ProviderError error(String code, String message, String requestId, int status) {
    return ProviderError.of(HuaweiCapabilities.PROVIDER, code, message, requestId, status);
  }

  @Test
  void neutronErrorTypeIsTheCodeAndMapsToTheCoreType() {
    ProviderException exists = createFails(json(409, NEUTRON_EXISTS).withHeader("X-Request-Id", "req-n"));

    assertEquals(DuplicateRuleException.class, exists.getClass());
    assertEquals(error("SecurityGroupRuleExists", "Security group rule already exists. Rule id is 5b7a1b6e.",
        "req-n", 409), exists.error());
  }

  @Test
  void neutronTypesOfTheOtherCoreTypes() {
    assertEquals(RuleNotFoundException.class, deleteFails(json(404,
        "{\"NeutronError\":{\"type\":\"SecurityGroupRuleNotFound\",\"message\":\"not found\",\"detail\":\"\"}}"))
        .getClass());
    assertEquals(GroupNotFoundException.class, createFails(json(404,
        "{\"NeutronError\":{\"type\":\"SecurityGroupNotFound\",\"message\":\"no group\",\"detail\":\"\"}}"))
        .getClass());
    assertEquals(QuotaExceededException.class, createFails(json(409,
        "{\"NeutronError\":{\"type\":\"OverQuota\",\"message\":\"Quota exceeded\",\"detail\":\"\"}}")).getClass());
    assertEquals(InvalidGroupStateException.class, createFails(json(409,
        "{\"NeutronError\":{\"type\":\"SecurityGroupInUse\",\"message\":\"in use\",\"detail\":\"\"}}")).getClass());
    ProviderException invalid = createFails(json(400,
        "{\"NeutronError\":{\"type\":\"SecurityGroupRuleInvalidProtocol\",\"message\":\"bad\",\"detail\":\"\"}}"));
    assertEquals(MalformedRequestException.class, invalid.getClass());
    assertEquals(Optional.of("SecurityGroupRuleInvalidProtocol"), invalid.errorCode());
  }

  @Test
  void wrappedErrorShape() {
    ProviderException duplicate = createFails(json(409,
        "{\"error\":{\"code\":\"VPC.0602\",\"message\":\"Security group rule already exists.\"}}")
        .withHeader("X-Request-Id", "req-w"));
    ProviderException unauthorized = createFails(json(403,
        "{\"error\":{\"code\":\"VPC.2201\",\"message\":\"Policy doesn't allow\"}}"));

    assertEquals(DuplicateRuleException.class, duplicate.getClass());
    assertEquals(error("VPC.0602", "Security group rule already exists.", "req-w", 409), duplicate.error());
    assertEquals(UnauthorizedException.class, unauthorized.getClass());
    assertEquals(Optional.of("VPC.2201"), unauthorized.errorCode());
  }

  @Test
  void usualShapeKeepsTheHeadersRequestId() {
    ProviderException quota = createFails(error(409, "VPC.0602", "Quota exceeded for resources: ['security_group_rule']"));

    assertEquals(QuotaExceededException.class, quota.getClass());
    assertEquals(Optional.of("req-409"), quota.requestId());
    assertEquals(OptionalInt.of(409), quota.httpStatus());
  }

  @Test
  void requestIdFromTheBodyWhenTheHeaderIsMissing() {
    ProviderException neutron = createFails(json(409, NEUTRON_EXISTS.replace("\"detail\": \"\"}}",
        "\"detail\": \"\"}, \"request_id\": \"req-body\"}")));

    assertEquals(Optional.of("req-body"), neutron.requestId());
    assertEquals(Optional.of("SecurityGroupRuleExists"), neutron.errorCode());
  }

  @Test
  void theSdkDropsTheBodyOfTheUsualShapeSoItsBodyOnlyRequestIdIsLost() {
    ProviderException e = createFails(json(409,
        "{\"error_code\":\"VPC.0602\",\"error_msg\":\"Security group rule already exists.\",\"request_id\":\"req-b\"}"));

    assertEquals(DuplicateRuleException.class, e.getClass());
    assertEquals(Optional.empty(), e.requestId());
  }

  @Test
  void aBodyThatIsNotJsonStaysTheMessage() {
    ProviderException e = createFails(json(502, "{not json"));

    assertEquals(ProviderException.class, e.getClass());
    assertEquals(Optional.empty(), e.errorCode());
    assertEquals("{not json", e.error().message());
  }
}
