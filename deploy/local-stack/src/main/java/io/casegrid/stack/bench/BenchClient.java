package io.casegrid.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.embedded.AccessTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The benchmarks' HTTP client: JSON commands to the services as demo users, each with a real token
 * from the system's identity provider.
 */
final class BenchClient {

  /** A complaint in the demo city (sewage cover, Hubin grid), reported anonymously from the app. */
  static final Map<String, Object> COMPLAINT =
      Map.of(
          "kind", "COMPLAINT",
          "channel", "APP",
          "categoryCode", "0102",
          "description", "湖滨路口污水井盖缺失（压测）",
          "position", Map.of("latitude", 30.215, "longitude", 120.0865),
          "reporter", Map.of("anonymous", true, "callbackConsent", false));

  /** An answer with another status than the one expected. */
  static final class UnexpectedAnswer extends IllegalStateException {
    private final int status;

    UnexpectedAnswer(String request, int status, String body) {
      super(request + " answered " + status + ": " + body);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private static final String REPORTER = "operator1";
  private static final String REPORTS = "/api/cases";
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int ANSWER_TIMEOUT_MILLIS = 30_000;

  private final ObjectMapper json = new ObjectMapper();
  // HTTP/1.1 with a connection per request in flight, as a city's many clients would arrive; the
  // JDK client would otherwise multiplex everything over one HTTP/2 connection.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
          .build();

  /** A request that waited for a connection longer than {@link #MAX_WAIT_NANOS}: never sent. */
  static final class NotSent extends IllegalStateException {
    NotSent() {
      super("no connection free within 30 s: not sent");
    }
  }

  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final UnaryOperator<String> urlOf;
  private final AccessTokens tokens;
  private final int connections;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  /**
   * {@code urlOf} gives a service's base URL by its name ("intake", "dispatch"); at most {@code
   * connections} requests are in flight, the others wait their turn in order as behind a proxy's
   * connection pool (0: no limit, a connection per request, as many separate clients would come).
   */
  BenchClient(UnaryOperator<String> urlOf, AccessTokens tokens, int connections) {
    this.urlOf = urlOf;
    this.tokens = tokens;
    this.connections = connections;
  }

  byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reports the complaint at intake as the demo operator; completes with the case's id. */
  CompletableFuture<String> report(byte[] complaint) {
    return post(REPORTER, "intake", REPORTS, complaint, 201).thenApply(c -> c.path("id").asText());
  }

  /** A registered case: its id, and its number as the citizen is told it. */
  record Registered(String id, String number) {}

  /** As {@link #report}, on the calling thread (see {@link #call}): the case's id and number. */
  Registered reportNow(byte[] complaint) {
    JsonNode registered = call(REPORTER, "intake", REPORTS, complaint, 201);
    return new Registered(registered.path("id").asText(), registered.path("caseNumber").asText());
  }

  /** POSTs {@code body} as {@code user}; completes with the answer, or fails on another status. */
  CompletableFuture<JsonNode> post(
      String user, String service, String path, byte[] body, int status) {
    if (connections <= 0) {
      return send(user, service, path, body, status);
    }
    long queued = System.nanoTime();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    waiting.add(
        () -> {
          if (System.nanoTime() - queued > MAX_WAIT_NANOS) {
            release();
            answer.completeExceptionally(new NotSent());
            return;
          }
          send(user, service, path, body, status)
              .whenComplete(
                  (json, e) -> {
                    release();
                    if (e == null) {
                      answer.complete(json);
                    } else {
                      answer.completeExceptionally(e);
                    }
                  });
        });
    sendWaiting();
    return answer;
  }

  // Starts waiting requests while connections are free.
  private void sendWaiting() {
    while (!waiting.isEmpty()) {
      int busy = inFlight.get();
      if (busy >= connections) {
        return;
      }
      if (inFlight.compareAndSet(busy, busy + 1)) {
        Runnable next = waiting.poll();
        if (next == null) {
          inFlight.decrementAndGet();
        } else {
          next.run();
        }
      }
    }
  }

  private void release() {
    inFlight.decrementAndGet();
    sendWaiting();
  }

  /**
   * POSTs {@code body} as {@code user} on the calling thread and returns the answer, or throws on
   * another status: the same request as {@link #post}, for a driver that keeps a thread per request
   * in flight. It goes over {@link HttpURLConnection}, which reads the answer on the calling thread
   * and keeps idle connections for reuse (as many as {@code http.maxConnections}), where the JDK's
   * asynchronous client hands each answer to a new thread on a machine with fewer than three cores
   * and costs the load generator much more code to run and to compile.
   */
  JsonNode call(String user, String service, String path, byte[] body, int status) {
    return exchange(user, service, path, body, status);
  }

  /** GETs {@code path} as {@code user} on the calling thread, as {@link #call}: the 200 answer. */
  JsonNode read(String user, String service, String path) {
    return exchange(user, service, path, null, 200);
  }

  // A POST of the body, or a GET without one, on the calling thread.
  private JsonNode exchange(String user, String service, String path, byte[] body, int status) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(urlOf.apply(service) + path).toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(ANSWER_TIMEOUT_MILLIS);
      connection.setRequestProperty("Authorization", "Bearer " + tokens.forUser(user));
      if (body != null) {
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int answered = connection.getResponseCode();
      // Read whole and closed, so that the connection goes back for reuse.
      byte[] answer;
      try (InputStream in =
          answered < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        answer = in == null ? new byte[0] : in.readAllBytes();
      }
      return checked(connection.getRequestMethod() + " " + path, answered, answer, status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The answer as JSON if it has the expected status.
  private JsonNode checked(String request, int answered, byte[] answer, int status) {
    if (answered != status) {
      throw new UnexpectedAnswer(request, answered, new String(answer, StandardCharsets.UTF_8));
    }
    try {
      return json.readTree(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CompletableFuture<JsonNode> send(
      String user, String service, String path, byte[] body, int status) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(urlOf.apply(service) + path))
            .timeout(Duration.ofMillis(ANSWER_TIMEOUT_MILLIS))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + tokens.forUser(user))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> checked("POST " + path, response.statusCode(), response.body(), status));
  }
}
