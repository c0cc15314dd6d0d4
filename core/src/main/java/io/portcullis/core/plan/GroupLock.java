package io.portcullis.core.plan;

import io.portcullis.core.SecurityGroupRef;

/**
 * A caller's lock on a group, held for a whole apply. Portcullis does not support concurrent applies to one
 * group (two authoritative applies would each delete what only the other wants); a caller that has a lock
 * service (a database row, a DynamoDB item, a lease) plugs it in here.
 */
@FunctionalInterface
public interface GroupLock {
  /**
   * Takes the lock on {@code group}, waiting as the implementation sees fit; the returned handle releases it.
   *
   * @throws io.portcullis.core.PortcullisException if the lock cannot be taken: the apply then makes no call
   */
  Handle acquire(String provider, SecurityGroupRef group);

  /** A held lock. */
  @FunctionalInterface
  interface Handle extends AutoCloseable {
    /** Releases the lock. */
    @Override
    void close();
  }
}
