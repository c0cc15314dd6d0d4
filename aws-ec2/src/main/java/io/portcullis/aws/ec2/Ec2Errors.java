package io.portcullis.aws.ec2;

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
import io.portcullis.core.QuotaExceededException;
import io.portcullis.core.RuleNotFoundException;
import io.portcullis.core.ThrottledException;
import io.portcullis.core.UnauthorizedException;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * Maps EC2 errors to the typed exceptions of the core, keeping EC2's error code, message, request id and HTTP
 * status on {@link ProviderException#error()}.
 */
public final class Ec2Errors {
  /** The code of the error a dry run returns when the call would have succeeded. */
  public static final String DRY_RUN_OPERATION = "DryRunOperation";

  private Ec2Errors() {}

  /** The typed exception for an error EC2 returned. */
  public static ProviderException map(Ec2Exception e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null ? null : details.errorCode();
    String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
    ProviderError error = ProviderError.of(Ec2Capabilities.PROVIDER, code, message, e.requestId(), e.statusCode());
    if (code == null) {
      return new ProviderException(error, e);
    }
    switch (code) {
      case "InvalidPermission.Duplicate":
        return new DuplicateRuleException(error, e);
      case "InvalidPermission.NotFound":
      case "InvalidSecurityGroupRuleId.NotFound":
        return new RuleNotFoundException(error, e);
      case "InvalidGroup.NotFound":
      case "InvalidGroupId.NotFound":
      case "InvalidGroupId.Malformed":
        return new GroupNotFoundException(error, e);
      case "InvalidGroup.Duplicate":
        return new GroupAlreadyExistsException(error, e);
      case "DependencyViolation":
      case "CannotDelete":
        return new InvalidGroupStateException(error, e);
      case "RulesPerSecurityGroupLimitExceeded":
      case "SecurityGroupLimitExceeded":
        return new QuotaExceededException(error, e);
      case "InvalidPermission.Malformed":
      case "InvalidParameterValue":
      case "InvalidParameterCombination":
        return new MalformedRequestException(error, e);
      case "RequestLimitExceeded":
        return new ThrottledException(error, e);
      case "UnauthorizedOperation":
        return new UnauthorizedException(error, e);
      default:
        return new ProviderException(error, e);
    }
  }

  /**
   * The exception for a call the SDK failed without an answer from EC2: a {@link ConfigurationException} when it
   * found no credentials (nothing was sent), otherwise a {@link ProviderException} (connection refused, timeout).
   */
  public static PortcullisException map(SdkClientException e) {
    List<String> credentials = AwsClients.credentialProblem(e);
    if (!credentials.isEmpty()) {
      return new ConfigurationException(Ec2Capabilities.PROVIDER, credentials, e);
    }
    return new NoAnswerException(
        ProviderError.of(Ec2Capabilities.PROVIDER, null, "no answer from EC2: " + e.getMessage(), null, 0), e);
  }

  /** Runs one SDK call, turning its failure into the typed exception. */
  static <T> T call(Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (Ec2Exception e) {
      throw map(e);
    } catch (SdkClientException e) {
      throw map(e);
    }
  }
}
