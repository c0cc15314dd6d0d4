package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ProviderErrorTest {
  @Test
  void fullError() {
    ProviderError e = ProviderError.of("aws-ec2", "InvalidPermission.Duplicate", "the rule exists", "req-1", 400);
    assertEquals(Optional.of("InvalidPermission.Duplicate"), e.code());
    assertEquals("aws-ec2 InvalidPermission.Duplicate: the rule exists (HTTP 400, request id req-1)", e.toString());
  }

  @Test
  void missingPartsAreEmpty() {
    ProviderError e = ProviderError.of("huaweicloud-vpc", " ", null, "", 0);
    assertEquals(Optional.empty(), e.code());
    assertEquals("", e.message());
    assertEquals(Optional.empty(), e.requestId());
    assertEquals(OptionalInt.empty(), e.httpStatus());
    assertEquals("huaweicloud-vpc: (no message)", e.toString());
    assertEquals("p VPC.0602: bad (HTTP 409)", ProviderError.of("p", "VPC.0602", "bad", null, 409).toString());
    assertEquals("p: bad (request id r)", ProviderError.of("p", null, "bad", "r", -1).toString());
    assertThrows(NullPointerException.class,
        () -> new ProviderError(null, Optional.empty(), "", Optional.empty(), OptionalInt.empty()));
  }

  @Test
  void exceptionsCarryTheError() {
    ProviderError error = ProviderError.of("aws-ec2", "RequestLimitExceeded", "slow down", "req-9", 503);
    RuntimeException cause = new RuntimeException("sdk");
    List<BiFunction<ProviderError, Throwable, ProviderException>> kinds = List.of(ProviderException::new,
        DuplicateRuleException::new, RuleNotFoundException::new, GroupNotFoundException::new,
        QuotaExceededException::new, MalformedRequestException::new, ThrottledException::new,
        UnauthorizedException::new, InvalidGroupStateException::new);
    for (BiFunction<ProviderError, Throwable, ProviderException> kind : kinds) {
      ProviderException e = kind.apply(error, cause);
      assertInstanceOf(PortcullisException.class, e);
      assertEquals("aws-ec2 RequestLimitExceeded: slow down (HTTP 503, request id req-9)", e.getMessage());
      assertSame(error, e.error());
      assertSame(cause, e.getCause());
      assertEquals("aws-ec2", e.provider());
      assertEquals(Optional.of("RequestLimitExceeded"), e.errorCode());
      assertEquals(Optional.of("req-9"), e.requestId());
      assertEquals(OptionalInt.of(503), e.httpStatus());
    }
  }
}
