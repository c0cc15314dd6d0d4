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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side shared by the fakes: a server on 127.0.0.1 with an ephemeral port, one request at a time
 * (so state changes are simple to reason about), a log of every call and injectable faults. Subclasses keep
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
  /** Per operation, what its next calls do: an empty entry is served normally (see {@link #failAfter}). */
  private final Map<String, Deque<Optional<Fault>>> faults = new HashMap<>();
  private volatile Duration latency = Duration.ZERO;

  /** Starts the server; the subclass is ready to serve once its own constructor has finished. */
  protected FakeService() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a fake service on 127.0.0.1", e);
    }
    server.createContext("/", this::exchange);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
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
  }

  /** Makes the next call of {@code operation} fail with {@code fault}; queued faults apply in order. */
  public synchronized void failNext(String operation, Fault fault) {
    faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(Optional.of(fault));
  }

  /**
   * Serves the next {@code served} calls of {@code operation} normally, then fails the one after with {@code
   * fault}: a failure part-way through a run of calls. Queues behind faults already queued for the operation.
   */
  public synchronized void failAfter(String operation, int served, Fault fault) {
    if (served < 0) {
      throw new IllegalArgumentException("served cannot be negative: " + served);
    }
    Deque<Optional<Fault>> queue = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
    for (int i = 0; i < served; i++) {
      queue.add(Optional.empty());
    }
    queue.add(Optional.of(fault));
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

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      FakeRequest request = read(exchange);
      FakeResponse response;
      String operation;
      synchronized (this) {
        operation = operationOf(request);
        Deque<Optional<Fault>> queued = faults.get(operation);
        Optional<Fault> next = queued == null ? null : queued.poll();
        Fault fault = next == null ? null : next.orElse(null);
        if (fault != null && fault.dropsConnection()) {
          calls.add(new RecordedCall(operation, isMutating(operation), request, 0));
          LOG.debug("{} {}: dropping the connection (injected)", getClass().getSimpleName(), operation);
          return;
        }
        try {
          response = fault != null ? errorReply(fault, newRequestId()) : handle(operation, request);
        } catch (FaultException e) {
          response = errorReply(e.fault(), newRequestId());
        } catch (RuntimeException e) {
          LOG.warn("{} failed on {}", getClass().getSimpleName(), operation, e);
          response = new FakeResponse(500, "text/plain", "fake service error: " + e, Map.of());
        }
        calls.add(new RecordedCall(operation, isMutating(operation), request, response.status()));
      }
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
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
  }
}
