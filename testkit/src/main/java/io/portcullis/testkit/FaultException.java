package io.portcullis.testkit;

/**
 * Thrown by a fake's request handling to reply with a provider error: {@link FakeService} turns it into the
 * provider's error reply (the same shape as an injected {@link Fault}), so handlers can stop at the first
 * failed check without building replies themselves.
 */
public final class FaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Fault fault;

  /** A provider error reply with this HTTP status, error code and message. */
  public FaultException(int httpStatus, String errorCode, String message) {
    super(errorCode + ": " + message, null, false, false);
    this.fault = Fault.error(httpStatus, errorCode, message);
  }

  /** The error to reply with. */
  public Fault fault() {
    return fault;
  }
}
