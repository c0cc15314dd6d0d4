package io.portcullis.aws.elasticache;

import io.portcullis.core.ConfigurationException;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidGroupStateException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.NoAnswerException;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.ProviderReplyException;
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.UnauthorizedException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Maps ElastiCache errors to the core typed exceptions by error code, so the SDK's modelled exceptions (e.g.
 * {@code AuthorizationAlreadyExistsException}) and a plain {@code ElastiCacheException} with the same code map
 * alike. The code, message, request id and HTTP status are kept. Public, like {@code Ec2Errors} and {@code
 * HuaweiErrors}, for callers that make their own ElastiCache calls and want the same typed errors.
 */
public final class ElastiCacheErrors {
  private ElastiCacheErrors() {}

  /**
   * A call without a usable answer: no credentials found is a {@link ConfigurationException} (nothing was sent); a
   * reply ElastiCache's SDK cannot read (an HTML page or JSON on a 200) is a {@link ProviderReplyException};
   * anything else (a refused or dropped connection, a timeout) got no answer.
   */
  public static PortcullisException map(String operation, SdkClientException e) {
    List<String> credentials = AwsClients.credentialProblem(e);
    if (!credentials.isEmpty()) {
      return new ConfigurationException(CacheSecurityGroupRuleTranslator.PROVIDER, credentials, e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("nmarshall") || message.contains("parse") || message.contains("XML")) {
      return new ProviderReplyException(CacheSecurityGroupRuleTranslator.PROVIDER, operation, "body",
          "not an ElastiCache reply: " + message, Optional.empty());
    }
    return new NoAnswerException(ProviderError.of(CacheSecurityGroupRuleTranslator.PROVIDER, null,
        "no answer from ElastiCache: " + message, null, 0), e);
  }

  /**
   * Whether a failed call certainly changed nothing: ElastiCache answered it with an error, or it was never sent
   * (no credentials). A call without an answer, or with a reply that cannot be read, may have been carried out.
   */
  static boolean notApplied(Throwable e) {
    return e instanceof ConfigurationException
        || e instanceof ProviderException p && !(p instanceof NoAnswerException) && !(p instanceof ProviderReplyException)
        && p.error().httpStatus().isPresent();
  }

  /** The typed exception for ElastiCache's error reply, chosen by error code. */
  public static ProviderException map(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null ? null : details.errorCode();
    String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
    ProviderError error =
        ProviderError.of(CacheSecurityGroupRuleTranslator.PROVIDER, code, message, e.requestId(), e.statusCode());
    if (e.isThrottlingException() || "APICallRateForCustomerExceeded".equals(code)) {
      return new ThrottledException(error, e);
    }
    if (code == null) {
      return new ProviderException(error, e);
    }
    if (code.startsWith("QuotaExceeded.")) {
      return new QuotaExceededException(error, e);
    }
    return switch (code) {
      case "AuthorizationAlreadyExists" -> new DuplicateRuleException(error, e);
      case "AuthorizationNotFound" -> new RuleNotFoundException(error, e);
      case "CacheSecurityGroupNotFound", "CacheClusterNotFound" -> new GroupNotFoundException(error, e);
      case "CacheSecurityGroupAlreadyExists" -> new GroupAlreadyExistsException(error, e);
      case "InvalidCacheSecurityGroupState" -> new InvalidGroupStateException(error, e);
      case "InvalidParameterCombination", "InvalidParameterValue" -> new MalformedRequestException(error, e);
      case "AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch",
          "MissingAuthenticationToken" -> new UnauthorizedException(error, e);
      default -> new ProviderException(error, e);
    };
  }

  /** Runs one SDK call, turning an error reply into the typed exception. */
  static <T> T call(String operation, Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (AwsServiceException e) {
      throw map(e);
    } catch (SdkClientException e) {
      throw map(operation, e);
    }
  }
}
