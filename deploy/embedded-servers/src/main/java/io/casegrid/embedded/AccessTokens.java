package io.casegrid.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Obtains access tokens from an identity provider's token endpoint, as the consoles and machine
 * clients do: demo users with the password grant on the console client, machine clients with their
 * own credentials. Tokens are reused until shortly before they expire.
 */
public final class AccessTokens {

  /** The password of every demo user in the shipped realm. */
  public static final String DEMO_PASSWORD = "demo";

  /** The public client the consoles log in through. */
  public static final String CONSOLE_CLIENT = "casegrid-console";

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Cached(String token, Instant renewAfter) {}

  private final URI tokenEndpoint;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public AccessTokens(String tokenEndpoint) {
    this.tokenEndpoint = URI.create(tokenEndpoint);
  }

  /** A token of a demo user (password {@value #DEMO_PASSWORD}). */
  public String forUser(String username) {
    return cached(
        "user:" + username,
        Map.of(
            "grant_type", "password",
            "client_id", CONSOLE_CLIENT,
            "username", username,
            "password", DEMO_PASSWORD));
  }

  /** A token of a machine client (client-credentials grant). */
  public String forClient(String clientId, String secret) {
    return cached(
        "client:" + clientId,
        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  private String cached(String key, Map<String, String> form) {
    Cached c = cache.get(key);
    if (c == null || Instant.now().isAfter(c.renewAfter())) {
      c = request(form);
      cache.put(key, c);
    }
    return c.token();
  }

  private Cached request(Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(tokenEndpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the identity provider refused a token: "
                + response.statusCode()
                + " "
                + response.body());
      }
      JsonNode answer = JSON.readTree(response.body());
      long lifetime = answer.path("expires_in").asLong(60);
      // Renew at three quarters of the lifetime, so no request carries a token about to expire.
      return new Cached(
          answer.path("access_token").asText(), Instant.now().plusSeconds(lifetime * 3 / 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
