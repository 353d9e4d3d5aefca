package io.casegrid.stack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.embedded.AccessTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The suite's HTTP client, as a careful city client behaves: every command carries an {@code
 * Idempotency-Key}, and a command that got no answer, or an answer that says the system could not
 * carry it out now (5xx, 429), is sent again with the same key until it is answered, at most for
 * {@code patience}. It counts what it saw.
 */
final class Client {

  /** An answer to a command: its status and body. */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final UnaryOperator<String> urlOf;
  private final AccessTokens tokens;
  private final Duration patience;
  private final AtomicLong retries = new AtomicLong();
  private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();

  Client(UnaryOperator<String> urlOf, AccessTokens tokens, Duration patience) {
    this.urlOf = urlOf;
    this.tokens = tokens;
    this.patience = patience;
  }

  /**
   * POSTs {@code body} as {@code user} under {@code key} until an answer that is final: a 2xx, or a
   * 4xx other than 429 (which the caller judges). Returns null if none came within patience.
   */
  Answer post(String user, String service, String path, Object body, String key)
      throws InterruptedException {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    long deadline = System.nanoTime() + patience.toNanos();
    long pause = 250;
    while (true) {
      Answer answer = once(user, service, path, bytes, key);
      if (answer != null && answer.status() < 500 && answer.status() != 429) {
        return answer;
      }
      refusals
          .computeIfAbsent(
              answer == null ? "no answer" : "HTTP " + answer.status(), k -> new AtomicLong())
          .incrementAndGet();
      if (System.nanoTime() > deadline) {
        return null;
      }
      retries.incrementAndGet();
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 4000);
    }
  }

  private Answer once(String user, String service, String path, byte[] body, String key)
      throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(urlOf.apply(service) + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + tokens.forUser(user))
              .header("Idempotency-Key", key)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode answer =
          response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
      return new Answer(response.statusCode(), answer);
    } catch (IOException e) {
      return null; // Timed out, refused, reset: sent again.
    }
  }

  /** A GET as {@code user}; null without an answer. */
  Answer get(String user, String service, String path) throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(urlOf.apply(service) + path))
              .timeout(Duration.ofSeconds(15))
              .header("Authorization", "Bearer " + tokens.forUser(user))
              .GET()
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(),
          response.body().length == 0 ? json.nullNode() : json.readTree(response.body()));
    } catch (IOException e) {
      return null;
    }
  }

  long retries() {
    return retries.get();
  }

  /** The answers that made it try again, by kind. */
  Map<String, AtomicLong> refusals() {
    return refusals;
  }
}
