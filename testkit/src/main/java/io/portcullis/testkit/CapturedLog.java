package io.portcullis.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures everything written to {@code System.err} while open, with slf4j-simple (the test binding, which
 * writes there) switched to debug for every logger, existing ones included, so that a test can search all log
 * output for what must never appear in it (credentials, signatures). {@link #close()} restores the stream and
 * the levels. Works only with slf4j-simple; with another binding it fails on opening rather than capture
 * nothing.
 */
public final class CapturedLog implements AutoCloseable {
  private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final String LOGGER_LEVEL = "org.slf4j.simpleLogger.log.";
  private static final int DEBUG = 10; // SimpleLogger.LOG_LEVEL_DEBUG

  /**
   * What only a signed request's headers contain: AWS SigV4 and Huawei SDK-HMAC-SHA256 {@code Authorization}
   * values and their {@code Signature=} part. (ElastiCache's "AuthorizationNotFound" does not match.)
   */
  public static final List<String> SIGNATURE_MARKERS = List.of("Signature=", "Authorization:", "Authorization=",
      "authorization:", "authorization=", "AWS4-HMAC-SHA256 Credential", "SDK-HMAC-SHA256 Access", "Credential=");

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream originalErr = System.err;
  private final String originalDefault = System.getProperty(DEFAULT_LEVEL);
  private final Map<Object, Integer> originalLevels = new HashMap<>();
  private final List<String> quiet;

  private CapturedLog(List<String> quiet) {
    this.quiet = quiet;
    System.setProperty(DEFAULT_LEVEL, "debug");
    quiet.forEach(name -> System.setProperty(LOGGER_LEVEL + name, "info"));
    reinitialise();
    forEachLogger(logger -> {
      String name = ((Logger) logger).getName();
      if (quiet.stream().noneMatch(name::startsWith)) {
        originalLevels.put(logger, level(logger));
        setLevel(logger, DEBUG);
      }
    });
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing, at debug level. */
  public static CapturedLog atDebug() {
    return new CapturedLog(List.of());
  }

  /**
   * Starts capturing at debug level, except for the loggers named or under {@code quietLoggers}, which log at
   * info: for a dependency whose debug output is known to hold secrets (see the test that uses it).
   */
  public static CapturedLog atDebugExcept(String... quietLoggers) {
    return new CapturedLog(List.of(quietLoggers));
  }

  /** Everything written so far. */
  public String text() {
    System.err.flush();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /**
   * Throws an {@link AssertionError} if {@code text} contains any of {@code secrets} or a signature or
   * authorisation header value ({@link #SIGNATURE_MARKERS}); {@code where} says what the text is.
   */
  public static void requireNoSecrets(String where, String text, Collection<String> secrets) {
    List<String> found = new ArrayList<>();
    secrets.stream().filter(text::contains).forEach(found::add);
    SIGNATURE_MARKERS.stream().filter(text::contains).forEach(found::add);
    if (!found.isEmpty()) {
      throw new AssertionError(where + " shows " + found + ":\n" + text);
    }
  }

  /** {@link #requireNoSecrets(String, String, Collection)} for a log and for every failure's whole cause chain. */
  public static void requireNoSecrets(String log, Collection<? extends Throwable> failures,
      Collection<String> secrets) {
    requireNoSecrets("the log", log, secrets);
    failures.forEach(f -> requireNoSecrets("an exception", describe(f), secrets));
  }

  /** The class, message and {@code toString} of {@code failure}, its causes and suppressed exceptions. */
  public static String describe(Throwable failure) {
    StringBuilder s = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      s.append(t).append('\n').append(t.getMessage()).append('\n').append(t.getLocalizedMessage()).append('\n');
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
    }
    return s.toString();
  }

  @Override
  public void close() {
    System.setErr(originalErr);
    if (originalDefault == null) {
      System.clearProperty(DEFAULT_LEVEL);
    } else {
      System.setProperty(DEFAULT_LEVEL, originalDefault);
    }
    quiet.forEach(name -> System.clearProperty(LOGGER_LEVEL + name));
    reinitialise();
    originalLevels.forEach(CapturedLog::setLevel);
  }

  // slf4j-simple reads its configuration once and gives each logger its level when it is created: both are
  // reset by reflection, as the binding has no API for it.
  private static void reinitialise() {
    try {
      Method init = Class.forName("org.slf4j.simple.SimpleLogger").getDeclaredMethod("init");
      init.setAccessible(true);
      init.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("CapturedLog needs slf4j-simple as the SLF4J binding", e);
    }
  }

  private static void forEachLogger(Consumer<Object> action) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    try {
      Field map = factory.getClass().getDeclaredField("loggerMap");
      map.setAccessible(true);
      ((Map<?, ?>) map.get(factory)).values().forEach(action);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("CapturedLog needs slf4j-simple as the SLF4J binding, not " + factory, e);
    }
  }

  private static Field levelField(Object logger) throws NoSuchFieldException {
    Field f = logger.getClass().getDeclaredField("currentLogLevel");
    f.setAccessible(true);
    return f;
  }

  private static int level(Object logger) {
    try {
      return levelField(logger).getInt(logger);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void setLevel(Object logger, int level) {
    try {
      levelField(logger).setInt(logger, level);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
