package io.portcullis.huaweicloud.vpc;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.utils.JsonUtils;
import java.util.Map;
import java.util.Optional;

/**
 * The code, message and request id of a Huawei error reply, whichever body shape it came in: {@code
 * {"error_code","error_msg"}}, {@code {"error":{"code","message"}}} (both read by the SDK) or the Neutron
 * shape {@code {"NeutronError":{"type","message","detail"}}}, which the SDK does not read: it then keeps
 * no code and the whole body as the message, and the Neutron {@code type} is taken as the code here.
 *
 * <p>The request id comes from the {@code X-Request-Id} header (the SDK reads only that) or, when the header
 * is absent, from the body's {@code request_id}. The SDK drops the body of the first two shapes once it has
 * read code and message, so a {@code request_id} in their body only is lost before it reaches here.
 *
 * @param code the error code (for a Neutron error, its type)
 * @param message the error message
 * @param requestId the request id
 */
record HuaweiErrorReply(Optional<String> code, String message, Optional<String> requestId) {
  static HuaweiErrorReply of(ServiceResponseException e) {
    Optional<String> code = nonBlank(e.getErrorCode());
    String message = e.getErrorMsg() == null ? "" : e.getErrorMsg();
    Optional<String> requestId = nonBlank(e.getRequestId());
    Map<?, ?> body = code.isPresent() ? null : jsonObject(message);
    if (body == null) {
      return new HuaweiErrorReply(code, message, requestId);
    }
    Map<?, ?> neutron = asMap(body.get("NeutronError"));
    Map<?, ?> wrapped = asMap(body.get("error"));
    if (neutron != null) {
      code = text(neutron.get("type"));
      message = text(neutron.get("message")).orElse(message);
    } else if (wrapped != null) {
      code = text(wrapped.get("code"));
      message = text(wrapped.get("message")).orElse(message);
    } else {
      code = text(body.get("error_code"));
      message = text(body.get("error_msg")).orElse(message);
    }
    if (requestId.isEmpty()) {
      requestId = text(body.get("request_id"))
          .or(() -> neutron == null ? Optional.empty() : text(neutron.get("request_id")))
          .or(() -> wrapped == null ? Optional.empty() : text(wrapped.get("request_id")));
    }
    return new HuaweiErrorReply(code, message, requestId);
  }

  private static Map<?, ?> jsonObject(String text) {
    if (!text.trim().startsWith("{")) {
      return null;
    }
    try {
      return JsonUtils.toObject(text, Map.class);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static Map<?, ?> asMap(Object value) {
    return value instanceof Map<?, ?> map ? map : null;
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s ? nonBlank(s) : Optional.empty();
  }

  private static Optional<String> nonBlank(String s) {
    return Optional.ofNullable(s).filter(v -> !v.isBlank());
  }
}
