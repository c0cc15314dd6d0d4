package io.portcullis.testkit;

/**
 * One call a fake service received.
 *
 * @param operation the API operation, e.g. {@code AuthorizeSecurityGroupIngress} or {@code
 *     BatchCreateSecurityGroupRules}
 * @param mutating whether the operation changes state (dry runs included)
 * @param request the request as received
 * @param status the HTTP status replied (0 when the connection was dropped)
 */
public record RecordedCall(String operation, boolean mutating, FakeRequest request, int status) {}
