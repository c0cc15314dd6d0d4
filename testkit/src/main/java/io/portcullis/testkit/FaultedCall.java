package io.portcullis.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call as a {@link Fault} makes the fake serve it: the reply to send (none when the connection is to be
 * dropped) and how long to hold it back.
 *
 * @param reply the reply, or empty to close the connection without one
 * @param delay how long to wait before sending the reply
 */
record FaultedCall(Optional<FakeResponse> reply, Duration delay) {
  private static final Logger LOG = LoggerFactory.getLogger(FaultedCall.class);
  private static final String ENDLESS_PREFIX = "endless-";

  static FaultedCall replied(FakeResponse reply) {
    return new FaultedCall(Optional.of(reply), Duration.ZERO);
  }

  /** The HTTP status to record: 0 when no reply is sent. */
  int status() {
    return reply.map(FakeResponse::status).orElse(0);
  }

  /**
   * Serves one call under {@code fake}'s lock as {@code fault} says (null: normally). A fault that cannot act
   * on this call (e.g. a rewrite of a reply without the field it rewrites) gets a 500 naming the problem.
   */
  static FaultedCall serve(FakeService fake, String operation, FakeRequest request, Fault fault) {
    if (fault == null) {
      return replied(fake.serve(operation, request));
    }
    try {
      return withFault(fake, operation, request, fault);
    } catch (RuntimeException e) {
      LOG.warn("{} cannot apply {} to {}", fake.getClass().getSimpleName(), fault, operation, e);
      return replied(new FakeResponse(500, "text/plain", "fake service error: " + fault + ": " + e, Map.of()));
    }
  }

  private static FaultedCall withFault(FakeService fake, String operation, FakeRequest request, Fault fault) {
    return switch (fault.kind()) {
      case ERROR -> replied(fake.errorReply(fault, FakeService.newRequestId()));
      case SERVER_ERROR, THROTTLED, FORBIDDEN ->
          replied(fake.errorReply(fake.standardError(fault.kind()), FakeService.newRequestId()));
      case CONNECTION_RESET -> new FaultedCall(Optional.empty(), Duration.ZERO);
      case LOST_REPLY -> {
        fake.serve(operation, request);
        yield new FaultedCall(Optional.empty(), Duration.ZERO);
      }
      case DELAY -> new FaultedCall(Optional.of(fake.serve(operation, request)), fault.delay());
      case REPLY -> replied(fault.fixedReply());
      case REWRITE -> replied(rewrite(fake, operation, request, fault));
      case REPEAT_PAGE -> replied(fake.lastReply(operation).orElseGet(() -> fake.serve(operation, request)));
      case IGNORE_MARKER -> replied(fake.serve(operation, fake.paging().withoutMarker(request)));
      case ENDLESS_MARKERS -> replied(endless(fake, operation, request));
    };
  }

  /** A failed call is left as it is: only a reply to a call carried out is rewritten. */
  private static FakeResponse rewrite(FakeService fake, String operation, FakeRequest request, Fault fault) {
    FakeResponse reply = fake.serve(operation, request);
    return reply.status() >= 300 ? reply : fault.replyRewrite().rewrite(fake, operation, request, reply);
  }

  private static FakeResponse endless(FakeService fake, String operation, FakeRequest request) {
    Paging paging = fake.paging();
    boolean ours = paging.marker(request).filter(m -> m.startsWith(ENDLESS_PREFIX)).isPresent();
    FakeResponse reply = fake.serve(operation, ours ? paging.withoutMarker(request) : request);
    if (reply.status() >= 300) {
      return reply;
    }
    if (ours) {
      reply = paging.withoutItems(operation, reply);
    }
    return paging.withNextMarker(operation, reply, ENDLESS_PREFIX + fake.nextSerial());
  }
}
