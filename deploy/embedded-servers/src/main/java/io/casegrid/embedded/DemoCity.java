package io.casegrid.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The demo city's reference data (a small city with districts, streets, communities, grids,
 * departments, assets, routing and deadline rules), loaded through each service's own
 * administration endpoint, exactly as a city's administrator would load its own.
 */
public final class DemoCity {

  public static final String ADMIN_PATH = "/api/admin/reference-data";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoCity() {}

  /**
   * The demo data of one service: {@code intake}, {@code dispatch} or {@code supervision}.
   * Supervision's draws the map and names departments in its bulletins, so it carries the areas and
   * grids (with their outlines) and the category names of intake's data and the department names of
   * dispatch's, taken from those files rather than copied into its own.
   */
  public static String json(String service) {
    if (!service.equals("supervision")) {
      return file(service);
    }
    try {
      ObjectNode data = (ObjectNode) JSON.readTree(file("supervision"));
      JsonNode intake = JSON.readTree(file("intake"));
      data.set("areas", intake.get("areas"));
      data.set("categories", intake.get("categories"));
      data.set("departments", JSON.readTree(file("dispatch")).get("departments"));
      return JSON.writeValueAsString(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String file(String service) {
    try (InputStream in = DemoCity.class.getResourceAsStream("/demo/" + service + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no demo data for " + service);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads one service's demo data into the service running at {@code baseUrl}, as the administrator
   * whose access token is {@code adminToken}.
   */
  public static void load(String service, String baseUrl, String adminToken) {
    put(baseUrl + ADMIN_PATH, json(service), adminToken, service);
  }

  /**
   * The demo city's sensor rules (thresholds and debounce times), into intake at {@code baseUrl}.
   */
  public static void loadSensorRules(String baseUrl, String adminToken) {
    put(baseUrl + "/api/admin/sensor-rules", json("intake-sensor-rules"), adminToken, "intake");
  }

  private static void put(String url, String body, String adminToken, String service) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + adminToken)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            service + " refused the demo data: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
