package io.portcullis.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
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
 * The HTTP side shared by the fakes: a server on 127.0.0.1 with an ephemeral port that serves one request at a
 * time under its lock (so state changes are simple to reason about) while replies, and their {@link
 * #setLatency latency}, overlap as at a real endpoint; a log of every call and injectable faults. Subclasses keep
 * the state and speak the provider's protocol.
 */
public abstract class FakeService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeService.class);

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
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, getClass().getSimpleName() + "-http");
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

  /** Delays every reply by {@code latency}, as a network round trip would (e.g. to time a run of calls). */
  public void setLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency cannot be negative: " + latency);
    }
    this.latency = latency;
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
        Fault fault = faults.take(operation, mutating);
        served = FaultedCall.serve(this, operation, request, fault);
        calls.add(new RecordedCall(operation, mutating, request, served.status()));
        served.reply().ifPresent(r -> lastReplies.put(operation, r));
        if (fault != null) {
          LOG.debug("{} {}: {} (injected)", getClass().getSimpleName(), operation, fault);
        }
        if (!served.delay().isZero() && served.reply().isPresent()) {
          if (closed) {
            inFlight.decrementAndGet();
            exchange.close();
            return;
          }
          scheduler().schedule(() -> {
            inFlight.decrementAndGet();
            send(exchange, served.reply().get());
          }, served.delay().toMillis(), TimeUnit.MILLISECONDS);
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      inFlight.decrementAndGet();
      exchange.close();
      throw e;
    }
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        inFlight.decrementAndGet();
        exchange.close();
        return;
      }
    }
    inFlight.decrementAndGet();
    if (served.reply().isPresent()) {
      send(exchange, served.reply().get());
    } else {
      exchange.close(); // closed before any reply: the client sees the connection end
    }
  }

  private ScheduledExecutorService scheduler() {
    if (delayedReplies == null) {
      delayedReplies = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, getClass().getSimpleName() + "-delayed-replies");
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
