package io.portcullis.testkit;

import java.util.Optional;

/**
 * A failure a test injects into a fake service's next call of one operation: a provider error reply (e.g.
 * throttling) or a dropped connection.
 *
 * @param httpStatus the HTTP status of the error reply (ignored for a dropped connection)
 * @param errorCode the provider error code to reply with, or empty to drop the connection without a reply
 * @param message the provider error message
 */
public record Fault(int httpStatus, Optional<String> errorCode, String message) {
  /** A provider error reply. */
  public static Fault error(int httpStatus, String errorCode, String message) {
    return new Fault(httpStatus, Optional.of(errorCode), message);
  }

  /** The connection is closed without any reply, as a reset mid-call looks to the client. */
  public static Fault connectionReset() {
    return new Fault(0, Optional.empty(), "connection reset");
  }

  /** Whether this fault drops the connection instead of replying. */
  public boolean dropsConnection() {
    return errorCode.isEmpty();
  }
}
