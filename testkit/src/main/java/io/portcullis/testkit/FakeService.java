package io.portcullis.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portcullis.core.fleet.RateLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side shared by the fakes: a server on 127.0.0.1 with an ephemeral port, a log of every call,
 * injectable faults, an optional per-call latency and an optional server-side rate limit. Requests are read and
 * replies sent on a few threads, and a late reply waits on a timer rather than on a thread, so many clients can
 * have calls in flight at once; the state is only ever changed under the fake's lock, one call at a time, so
 * state changes stay simple to reason about. Subclasses keep the state and speak the provider's protocol.
 */
public abstract class FakeService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeService.class);
  /** Threads that read requests and send replies; serving itself is serialised by the lock anyway. */
  private static final int HTTP_THREADS = 4;

  static {
    // The JDK server leaves Nagle's algorithm on, so with the client's delayed ACKs each reply on a reused
    // connection waits ~40 ms. The server reads this once, when its first instance starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final List<RecordedCall> calls = new ArrayList<>();
  private final FaultSchedule faults = new FaultSchedule();
  /** The last reply per operation, for {@link Fault#repeatPage()}. */
  private final Map<String, FakeResponse> lastReplies = new HashMap<>();
  private long serial;
  /** Sends the replies of {@link Fault#delay}; made on first use. */
  private ScheduledExecutorService delayedReplies;
  private boolean closed;
  private volatile Duration latency = Duration.ZERO;
  /** The server-side rate limit per kind of call (reads, mutations), or null for none. */
  private ServerRateLimit reads;
  private ServerRateLimit mutations;
  private long throttledCalls;
  /** Calls received and not yet answered, and the most at once since {@link #clearCalls()}. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  /** Starts the server; the subclass is ready to serve once its own constructor has finished. */
  protected FakeService() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a fake service on 127.0.0.1", e);
    }
    server.createContext("/", this::exchange);
    AtomicInteger threads = new AtomicInteger();
    server.setExecutor(Executors.newFixedThreadPool(HTTP_THREADS, r -> {
      Thread t = new Thread(r, getClass().getSimpleName() + "-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** The base URL to point an SDK client at, e.g. {@code http://127.0.0.1:49152}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every call received so far, oldest first. */
  public synchronized List<RecordedCall> calls() {
    return List.copyOf(calls);
  }

  /** How many calls changed (or, for dry runs, checked a change of) state. */
  public synchronized long mutatingCallCount() {
    return calls.stream().filter(RecordedCall::mutating).count();
  }

  /** Forgets the calls received so far (state and faults are kept). */
  public synchronized void clearCalls() {
    calls.clear();
    maxInFlight.set(inFlight.get());
  }

  /** The most calls received and not yet answered at one time since the last {@link #clearCalls()}. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /**
   * Makes the next call of {@code operation} get {@code fault} (an error, a dropped or late reply, a rewritten
   * reply, a misbehaving listing: see {@link Fault}); queued faults apply in order.
   */
  public synchronized void failNext(String operation, Fault fault) {
    faults.after(operation, 0, fault);
  }

  /**
   * Serves the next {@code served} calls of {@code operation} normally, then gives the one after {@code
   * fault}: a failure part-way through a run of calls. Queues behind faults already queued for the operation.
   */
  public synchronized void failAfter(String operation, int served, Fault fault) {
    faults.after(operation, served, fault);
  }

  /**
   * Gives {@code fault} to the mutating call (create, delete, authorize, revoke, ..., dry runs included) with
   * this index from now on, whatever its operation: 0 is the next mutating call, 1 the one after. Reads are
   * not counted. Inject one per index to fail each call of an apply in turn. A fault queued for the call's
   * operation ({@link #failNext}) takes precedence, and this one is then used up without effect.
   */
  public synchronized void failMutatingCall(int index, Fault fault) {
    faults.atMutatingCall(index, fault);
  }

  /**
   * Gives {@code fault} to every call of {@code operation} from now on (until {@link #clearFaults()}) that
   * has no other fault due, e.g. {@code failAlways(list, Fault.ignoreMarker())} for a listing that never ends.
   */
  public synchronized void failAlways(String operation, Fault fault) {
    faults.always(operation, fault);
  }

  /** Forgets every fault injected and not yet used; calls are served normally again. */
  public synchronized void clearFaults() {
    faults.clear();
  }

  /**
   * Delays every reply by {@code latency}, as a network round trip would (e.g. to time a run of calls). The call
   * is served at once; its reply waits on a timer, so calls from many clients overlap as at a real endpoint.
   */
  public void setLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency cannot be negative: " + latency);
    }
    this.latency = latency;
  }

  /**
   * Limits the calls this fake serves, as the provider does per account and region (one fake stands for one
   * account and region): a token bucket for reads and another for mutating calls, each {@code burst} calls at
   * once, then {@code perSecond}. A call over its limit is not carried out and gets the provider's throttling
   * error ({@link Fault#throttled()}: EC2 {@code RequestLimitExceeded} 503, ElastiCache {@code Throttling} 400,
   * Huawei {@code APIGW.0308} 429), and is recorded with that status. Faults injected for the call stay due.
   */
  public synchronized void setRateLimit(RateLimit reads, RateLimit mutations) {
    this.reads = new ServerRateLimit(reads);
    this.mutations = new ServerRateLimit(mutations);
  }

  /** Serves every call again, however fast they come (the default). */
  public synchronized void clearRateLimit() {
    this.reads = null;
    this.mutations = null;
  }

  /** How many calls the rate limit of {@link #setRateLimit} has refused so far. */
  public synchronized long throttledCallCount() {
    return throttledCalls;
  }

  /** The API operation a request calls, e.g. the {@code Action} form parameter. */
  protected abstract String operationOf(FakeRequest request);

  /** Whether an operation changes state. */
  protected abstract boolean isMutating(String operation);

  /**
   * Serves one request; called under this object's lock. Throw {@link FaultException} to reply with a
   * provider error.
   */
  protected abstract FakeResponse handle(String operation, FakeRequest request);

  /** The provider's error reply for an injected fault. */
  protected abstract FakeResponse errorReply(Fault fault, String requestId);

  /** A fresh request id. */
  protected static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The provider's error for {@link Fault#serverError()}, {@link Fault#throttled()} or {@link
   * Fault#forbidden()}; fakes override it with their own codes.
   */
  Fault standardError(Fault.Kind kind) {
    return switch (kind) {
      case THROTTLED -> Fault.error(429, "Throttling", "Rate exceeded");
      case FORBIDDEN -> Fault.error(403, "AccessDenied", "Access denied");
      default -> Fault.error(500, "InternalError", "Internal error");
    };
  }

  /** How this fake's listings page; fakes that page override it. */
  Paging paging() {
    throw new IllegalStateException(getClass().getSimpleName() + " has no paged listings");
  }

  /** Serves a call normally: the reply, a provider error for a {@link FaultException}, a 500 for a bug. */
  FakeResponse serve(String operation, FakeRequest request) {
    try {
      return handle(operation, request);
    } catch (FaultException e) {
      return errorReply(e.fault(), newRequestId());
    } catch (RuntimeException e) {
      LOG.warn("{} failed on {}", getClass().getSimpleName(), operation, e);
      return new FakeResponse(500, "text/plain", "fake service error: " + e, Map.of());
    }
  }

  /** The last reply sent for {@code operation}. */
  Optional<FakeResponse> lastReply(String operation) {
    return Optional.ofNullable(lastReplies.get(operation));
  }

  /** A number never handed out before by this fake. */
  long nextSerial() {
    return ++serial;
  }

  /** Serves one exchange; it leaves {@link #maxInFlight() in flight} just before its reply (or close) goes out. */
  private void exchange(HttpExchange exchange) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    FaultedCall served;
    try {
      FakeRequest request = read(exchange);
      synchronized (this) {
        String operation = operationOf(request);
        boolean mutating = isMutating(operation);
        if (overLimit(mutating)) {
          throttledCalls++;
          served = FaultedCall.replied(errorReply(standardError(Fault.Kind.THROTTLED), newRequestId()));
        } else {
          Fault fault = faults.take(operation, mutating);
          served = FaultedCall.serve(this, operation, request, fault);
          served.reply().ifPresent(r -> lastReplies.put(operation, r));
          if (fault != null) {
            LOG.debug("{} {}: {} (injected)", getClass().getSimpleName(), operation, fault);
          }
        }
        calls.add(new RecordedCall(operation, mutating, request, served.status()));
        Duration delay = served.delay().plus(latency);
        if (!delay.isZero() && served.reply().isPresent()) {
          if (closed) {
            inFlight.decrementAndGet();
            exchange.close();
            return;
          }
          scheduler().schedule(() -> {
            inFlight.decrementAndGet();
            send(exchange, served.reply().get());
          }, delay.toNanos(), TimeUnit.NANOSECONDS);
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      inFlight.decrementAndGet();
      exchange.close();
      throw e;
    }
    inFlight.decrementAndGet();
    if (served.reply().isPresent()) {
      send(exchange, served.reply().get());
    } else {
      exchange.close(); // closed before any reply: the client sees the connection end
    }
  }

  /** Whether the call is over the rate limit of its kind (taking its token when it is not). */
  private boolean overLimit(boolean mutating) {
    ServerRateLimit limit = mutating ? mutations : reads;
    return limit != null && !limit.tryTake(System.nanoTime());
  }

  private ScheduledExecutorService scheduler() {
    if (delayedReplies == null) {
      AtomicInteger threads = new AtomicInteger();
      delayedReplies = Executors.newScheduledThreadPool(HTTP_THREADS, r -> {
        Thread t = new Thread(r, getClass().getSimpleName() + "-delayed-replies-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return delayedReplies;
  }

  private static void send(HttpExchange exchange, FakeResponse response) {
    try (exchange) {
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      LOG.debug("reply not delivered (the client is gone): {}", e.toString());
    }
  }

  private static FakeRequest read(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    URI uri = exchange.getRequestURI();
    return new FakeRequest(exchange.getRequestMethod(), uri.getPath(),
        FakeRequest.decodeParameters(uri.getRawQuery()), body);
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    synchronized (this) {
      closed = true;
      if (delayedReplies != null) {
        delayedReplies.shutdownNow();
      }
    }
  }
}
