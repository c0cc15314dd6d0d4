package io.portcullis.core;

/**
 * A call got no answer from the provider: the connection was refused or dropped, or the reply did not come in
 * time. Unlike a refusal, the call may have been carried out; an apply settles it by re-reading the group.
 */
public class NoAnswerException extends ProviderException {
  /** An exception for this error, caused by the client's exception. */
  public NoAnswerException(ProviderError error, Throwable cause) {
    super(error, cause);
  }
}
