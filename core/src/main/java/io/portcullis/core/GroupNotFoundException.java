package io.portcullis.core;

import org.jspecify.annotations.Nullable;

/** The security group (or cache security group) does not exist, or its id is malformed. */
public class GroupNotFoundException extends ProviderException {
  /** An exception for this provider error, caused by the SDK exception that reported it. */
  public GroupNotFoundException(ProviderError error, @Nullable Throwable cause) {
    super(error, cause);
  }
}
