package io.portcullis.aws.elasticache;

import io.portcullis.core.ConfigurationException;
import io.portcullis.core.DuplicateRuleException;
import io.portcullis.core.GroupAlreadyExistsException;
import io.portcullis.core.GroupNotFoundException;
import io.portcullis.core.InvalidGroupStateException;
import io.portcullis.core.MalformedRequestException;
import io.portcullis.core.PortcullisException;
import io.portcullis.core.ProviderError;
import io.portcullis.core.ProviderException;
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.UnauthorizedException;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Maps ElastiCache errors to the core typed exceptions by error code, so the SDK's modelled exceptions (e.g.
 * {@code AuthorizationAlreadyExistsException}) and a plain {@code ElastiCacheException} with the same code map
 * alike. The code, message, request id and HTTP status are kept.
 */
final class ElastiCacheErrors {
  private ElastiCacheErrors() {}

  /**
   * The exception for a call the SDK failed without an answer: a {@link ConfigurationException} when it found no
   * credentials (nothing was sent), otherwise a {@link ProviderException} (connection refused, timeout).
   */
  static PortcullisException map(SdkClientException e) {
    List<String> credentials = AwsClients.credentialProblem(e);
    if (!credentials.isEmpty()) {
      return new ConfigurationException(CacheSecurityGroupRuleTranslator.PROVIDER, credentials, e);
    }
    return new ProviderException(ProviderError.of(CacheSecurityGroupRuleTranslator.PROVIDER, null,
        "no answer from ElastiCache: " + e.getMessage(), null, 0), e);
  }

  /**
   * Whether a failed call certainly changed nothing: ElastiCache answered it with an error, or it was never sent
   * (no credentials). A call without an answer (a {@link ProviderException} without HTTP status) may have been
   * carried out.
   */
  static boolean notApplied(Throwable e) {
    return e instanceof ConfigurationException
        || e instanceof ProviderException p && p.error().httpStatus().isPresent();
  }

  static ProviderException map(AwsServiceException e) {
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
}
