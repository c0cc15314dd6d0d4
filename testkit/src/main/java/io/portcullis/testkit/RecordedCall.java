package io.portcullis.testkit;

/**
 * One call a fake service received.
 *
 * @param operation the API operation, e.g. {@code AuthorizeSecurityGroupIngress} or {@code
 *     BatchCreateSecurityGroupRules}
 * @param mutating whether the operation changes state (dry runs included)
 * @param request the request as received
 * @param status the HTTP status replied, or due to be replied by a {@link Fault#delay}; 0 when no reply was
 *     sent ({@link Fault#connectionReset()}, or {@link Fault#lostReplyAfterSuccess()}, after which the call was
 *     carried out)
 */
public record RecordedCall(String operation, boolean mutating, FakeRequest request, int status) {}
