package io.portcullis.core.group;

import io.portcullis.core.PortcullisException;

/** The provider has no such operation for its groups (e.g. tags or VPCs on ElastiCache cache security groups). */
public class UnsupportedGroupOperationException extends PortcullisException {
  /** An exception naming the provider and what it cannot do. */
  public UnsupportedGroupOperationException(String provider, String what) {
    super(provider + " cannot " + what);
  }
}
