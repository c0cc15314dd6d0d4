package io.portcullis.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a fake service does to one call instead of serving it normally: an error reply, a dropped
 * connection, a lost or late reply after the call was carried out, a rewritten reply, or a misbehaving
 * listing. Inject it with {@link FakeService#failNext}, {@link FakeService#failAfter}, {@link
 * FakeService#failMutatingCall} or {@link FakeService#failAlways}:
 *
 * <pre>{@code
 * ec2Fake.failMutatingCall(3, Fault.lostReplyAfterSuccess());   // the 4th change is made, its reply lost
 * vpcFake.failNext(FakeHuaweiVpc.LIST_RULES, Fault.repeatPage()); // the next page is the previous one again
 * }</pre>
 *
 * <p>The six modes of a failed call are provider-neutral: {@link #serverError()}, {@link #throttled()} and
 * {@link #forbidden()} reply with the provider's own error code and status (see each fake), {@link
 * #connectionReset()}, {@link #lostReplyAfterSuccess()} and {@link #delay(Duration)} act on the connection.
 * Provider-specific replies (a Huawei NeutronError body, an EC2 reply with an empty item, ...) are made by
 * {@link FakeEc2Faults}, {@link FakeElastiCacheFaults} and {@link FakeHuaweiVpcFaults}.
 */
public final class Fault {
  /** The longest {@link #delay(Duration)}: long enough for any client timeout a test sets, short enough to end. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);

  /** How the fake treats the call. */
  enum Kind {
    /** Reply with an error (status, code, message) without serving the call. */
    ERROR,
    /** The provider's internal server error (5xx), without serving the call. */
    SERVER_ERROR,
    /** The provider's throttling error, without serving the call. */
    THROTTLED,
    /** The provider's "not authorised" error (403), without serving the call. */
    FORBIDDEN,
    /** Close the connection without serving the call or replying. */
    CONNECTION_RESET,
    /** Serve the call, then close the connection without replying. */
    LOST_REPLY,
    /** Serve the call, then reply after a delay. */
    DELAY,
    /** Reply with a given response without serving the call. */
    REPLY,
    /** Serve the call, then rewrite the reply. */
    REWRITE,
    /** Reply with the previous reply to the same operation. */
    REPEAT_PAGE,
    /** Serve a listing as if it carried no page marker (the first page). */
    IGNORE_MARKER,
    /** Serve a listing with a fresh page marker; a listing carrying such a marker gets an empty page. */
    ENDLESS_MARKERS
  }

  /** Rewrites the reply to a call the fake has served; runs under the fake's lock. */
  @FunctionalInterface
  interface ReplyRewrite {
    FakeResponse rewrite(FakeService fake, String operation, FakeRequest request, FakeResponse reply);
  }

  private final Kind kind;
  private final int httpStatus;
  private final Optional<String> errorCode;
  private final String message;
  private final Duration delay;
  private final FakeResponse reply;
  private final ReplyRewrite rewrite;
  private final int times;

  private Fault(Kind kind, int httpStatus, Optional<String> errorCode, String message, Duration delay,
      FakeResponse reply, ReplyRewrite rewrite, int times) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.message = message;
    this.delay = delay;
    this.reply = reply;
    this.rewrite = rewrite;
    this.times = times;
  }

  private Fault(Kind kind, int httpStatus, Optional<String> errorCode, String message, Duration delay,
      FakeResponse reply, ReplyRewrite rewrite) {
    this(kind, httpStatus, errorCode, message, delay, reply, rewrite, 1);
  }

  private static Fault of(Kind kind, String message) {
    return new Fault(kind, 0, Optional.empty(), message, Duration.ZERO, null, null);
  }

  /**
   * This fault for {@code count} calls in a row where it is due: injected with {@link FakeService#failNext} the
   * next {@code count} calls of the operation, with {@link FakeService#failMutatingCall} the mutating call of
   * the index and the {@code count - 1} mutating calls after it. A client's retries of a call come right after
   * it, so {@code failMutatingCall(n, Fault.throttled().times(4))} throttles the n-th call past an SDK's three
   * attempts, and {@code Fault.connectionReset().times(2)} also drops OkHttp's silent second send.
   *
   * @throws IllegalArgumentException unless {@code count} is 1 to 100
   */
  public Fault times(int count) {
    if (count < 1 || count > 100) {
      throw new IllegalArgumentException("a fault is given 1 to 100 times, not " + count);
    }
    return new Fault(kind, httpStatus, errorCode, message, delay, reply, rewrite, count);
  }

  /** How many calls in a row this fault is for (see {@link #times(int)}); 1 unless set. */
  public int repeats() {
    return times;
  }

  /** The same fault for one call fewer, or null when this was its last. */
  Fault oneLess() {
    return times > 1 ? new Fault(kind, httpStatus, errorCode, message, delay, reply, rewrite, times - 1) : null;
  }

  /** A provider error reply with this status, code and message, in the fake's error shape; state is untouched. */
  public static Fault error(int httpStatus, String errorCode, String message) {
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("an error status is 400-599, not " + httpStatus);
    }
    return new Fault(Kind.ERROR, httpStatus, Optional.of(Objects.requireNonNull(errorCode, "errorCode")),
        Objects.requireNonNull(message, "message"), Duration.ZERO, null, null);
  }

  /**
   * The provider's internal error; the call is not carried out. EC2 {@code InternalError} (500), ElastiCache
   * {@code InternalFailure} (500), Huawei {@code VPC.0500} (500).
   */
  public static Fault serverError() {
    return of(Kind.SERVER_ERROR, "server error");
  }

  /**
   * The provider's throttling error; the call is not carried out. EC2 {@code RequestLimitExceeded} (503),
   * ElastiCache {@code Throttling} (400), Huawei {@code APIGW.0308} (429). Queue more of them than the client
   * retries to get "throttled past the retries".
   */
  public static Fault throttled() {
    return of(Kind.THROTTLED, "throttled");
  }

  /**
   * The provider's "not authorised" error; the call is not carried out. EC2 {@code UnauthorizedOperation}
   * (403), ElastiCache {@code AccessDenied} (403), Huawei {@code VPC.0010} (403).
   */
  public static Fault forbidden() {
    return of(Kind.FORBIDDEN, "forbidden");
  }

  /** The connection is closed without any reply and the call is not carried out (a reset mid-request). */
  public static Fault connectionReset() {
    return of(Kind.CONNECTION_RESET, "connection reset");
  }

  /**
   * The call is carried out (state changes as usual), then the connection is closed without a reply: the
   * client cannot tell whether it worked. Recorded with status 0.
   */
  public static Fault lostReplyAfterSuccess() {
    return of(Kind.LOST_REPLY, "lost reply after success");
  }

  /**
   * The call is carried out at once, and its reply is sent {@code delay} later, so that a client whose
   * timeout is shorter gives up on a call that worked. The fake keeps serving other calls meanwhile (a
   * re-read is not held up), and a reply due after {@link FakeService#close()} is dropped.
   *
   * @throws IllegalArgumentException unless {@code delay} is more than zero and at most {@link #MAX_DELAY}
   */
  public static Fault delay(Duration delay) {
    if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException("a delay is more than 0 and at most " + MAX_DELAY + ", not " + delay);
    }
    return new Fault(Kind.DELAY, 0, Optional.empty(), "delayed reply", delay, null, null);
  }

  /** Replies exactly {@code response} without carrying out the call (e.g. an error body of another shape). */
  public static Fault reply(FakeResponse response) {
    return new Fault(Kind.REPLY, response.status(), Optional.empty(), "reply " + response.status(), Duration.ZERO,
        Objects.requireNonNull(response, "response"), null);
  }

  /**
   * Carries out the call, then replies with what {@code rewrite} makes of the request and the normal reply
   * (e.g. a field removed). The rewrite runs on the fake's thread and must not block.
   */
  public static Fault rewriteReply(BiFunction<FakeRequest, FakeResponse, FakeResponse> rewrite) {
    Objects.requireNonNull(rewrite, "rewrite");
    return rewrite("rewritten reply", (fake, operation, request, reply) -> rewrite.apply(request, reply));
  }

  static Fault rewrite(String description, ReplyRewrite rewrite) {
    return new Fault(Kind.REWRITE, 0, Optional.empty(), description, Duration.ZERO, null, rewrite);
  }

  /**
   * A listing call is answered with the reply to the previous call of the same operation: the same page with
   * the same next marker, as a server that repeats a page does. Injected for one call (e.g. with {@code
   * failAfter(list, 1, repeatPage())}) a page comes twice and the listing then goes on; with {@link
   * FakeService#failAlways} the client is handed one page and one marker forever.
   */
  public static Fault repeatPage() {
    return of(Kind.REPEAT_PAGE, "repeated page");
  }

  /**
   * A listing call is served as if it carried no page marker (token), so it gets the first page and the
   * first page's next marker. With {@link FakeService#failAlways} a paginated listing never ends.
   */
  public static Fault ignoreMarker() {
    return of(Kind.IGNORE_MARKER, "page marker ignored");
  }

  /**
   * A listing call gets a fresh next marker (one never handed out before), and a call carrying such a marker
   * gets an empty page with yet another fresh one. With {@link FakeService#failAlways} the listing never ends
   * although no page or marker repeats and no rule comes twice: only a bound on pages stops a client.
   */
  public static Fault endlessMarkers() {
    return of(Kind.ENDLESS_MARKERS, "endless markers");
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status of an {@link #error} or {@link #reply} fault, 0 for the others. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The error code of an {@link #error} fault; empty for the others. */
  public Optional<String> errorCode() {
    return errorCode;
  }

  /** The error message of an {@link #error} fault, or a short description of the others. */
  public String message() {
    return message;
  }

  /** Whether the client gets no reply at all ({@link #connectionReset}, {@link #lostReplyAfterSuccess}). */
  public boolean dropsConnection() {
    return kind == Kind.CONNECTION_RESET || kind == Kind.LOST_REPLY;
  }

  /** Whether the call is carried out (state may change) before the fault acts on its reply. */
  public boolean carriesOutCall() {
    return switch (kind) {
      case LOST_REPLY, DELAY, REWRITE, IGNORE_MARKER, ENDLESS_MARKERS -> true;
      default -> false;
    };
  }

  Duration delay() {
    return delay;
  }

  FakeResponse fixedReply() {
    return reply;
  }

  ReplyRewrite replyRewrite() {
    return rewrite;
  }

  @Override
  public String toString() {
    return "Fault[" + kind + (errorCode.isPresent() ? " " + httpStatus + " " + errorCode.get() : "")
        + (kind == Kind.DELAY ? " " + delay : "") + (times > 1 ? " x" + times : "") + ": " + message + "]";
  }
}
