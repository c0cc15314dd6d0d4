package io.portcullis.core.plan;

import io.portcullis.core.OpaqueRule;
import java.util.List;

/**
 * One call an adapter makes for some planned changes, all of one kind: e.g. one EC2 authorize for every create of
 * a direction, or one Huawei delete. Built (and its rules translated) before the apply's first call.
 */
public interface ProviderCall {
  /** The provider's operation, e.g. {@code AuthorizeSecurityGroupIngress}. */
  String operation();

  /** The planned changes the call carries out. */
  List<PlannedChange> changes();

  /** The rules the model cannot represent that the call deletes by id (none for most calls). */
  default List<OpaqueRule> opaque() {
    return List.of();
  }

  /**
   * Whether the call may run at the same time as the other independent calls of its step ({@link
   * ApplyOptions#callConcurrency()}): it touches only its own rules, and its outcome does not depend on theirs
   * (e.g. one Huawei delete, one ElastiCache authorisation). False by default: the call runs on its own.
   */
  default boolean independent() {
    return false;
  }

  /**
   * Makes the call, or in a dry run asks the provider to check it.
   *
   * @param dryRun whether to check only
   * @param onRequest to run once per request sent, retries included, to count them
   * @return the reply; for creates, the rules the reply lists as created
   * @throws io.portcullis.core.PortcullisException typed: a refusal, no answer, or a reply that cannot be
   *     trusted ({@link io.portcullis.core.ProviderReplyException})
   */
  CallReply send(boolean dryRun, Runnable onRequest);
}
