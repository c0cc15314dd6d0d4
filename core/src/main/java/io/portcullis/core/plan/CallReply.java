package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link ProviderCall} got back.
 *
 * @param created the rules the reply lists as created, with their ids (empty for deletes and updates)
 * @param requestId the provider's request id, where the reply had one
 * @param notChecked in a dry run, why the provider could not check the call (it has no dry run for it)
 */
public record CallReply(List<ProvisionedRule> created, Optional<String> requestId, Optional<String> notChecked) {
  /** Copies the list. */
  public CallReply {
    created = List.copyOf(created);
    requireNonNull(requestId, "requestId");
    requireNonNull(notChecked, "notChecked");
  }

  /** A reply that confirms the call, with its request id if any. */
  public static CallReply ok(Optional<String> requestId) {
    return new CallReply(List.of(), requestId, Optional.empty());
  }

  /** A create's reply listing the created rules. */
  public static CallReply created(List<ProvisionedRule> created, Optional<String> requestId) {
    return new CallReply(created, requestId, Optional.empty());
  }

  /** A dry run the provider cannot check, and why. */
  public static CallReply notChecked(String why) {
    return new CallReply(List.of(), Optional.empty(), Optional.of(why));
  }
}
