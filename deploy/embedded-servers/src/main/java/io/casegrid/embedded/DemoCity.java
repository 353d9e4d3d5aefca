package io.casegrid.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.citypackage.CityPackage;
import io.casegrid.citypackage.Loader;
import io.casegrid.citypackage.PackageFiles;
import io.casegrid.citypackage.Parts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The demo city, a city package (districts, streets, communities, grids, departments, assets,
 * routing and deadline rules, the 2026 calendar) kept as resources under {@code demo/city/}. The
 * local stack loads it through the same path as any city's package; the services' tests take each
 * service's part of it and load it through that service's own administration endpoint, exactly as
 * an administrator could.
 */
public final class DemoCity {

  public static final String ADMIN_PATH = "/api/admin/reference-data";

  /** Where the package's files are among the resources. */
  public static final String RESOURCES = "/demo/city/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Parts.Split parts;

  private DemoCity() {}

  /** The demo city's package, read from the resources. */
  public static CityPackage cityPackage() {
    try {
      return CityPackage.read(
          PackageFiles.of(name -> DemoCity.class.getResourceAsStream(RESOURCES + name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo city's package as a zip archive, as an administrator uploads one. */
  public static byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name :
          Stream.concat(CityPackage.FILES.stream(), Stream.of("assets.csv")).toList()) {
        try (InputStream in = DemoCity.class.getResourceAsStream(RESOURCES + name)) {
          if (in != null) {
            zip.putNextEntry(new ZipEntry(name));
            in.transferTo(zip);
            zip.closeEntry();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Each service's part of the demo city, checked once. */
  public static synchronized Parts.Split parts() {
    if (parts == null) {
      try (CityPackage p = cityPackage()) {
        Loader.Checked checked = Loader.check(p);
        if (!checked.problems().isEmpty()) {
          throw new IllegalStateException("the demo city has problems: " + checked.problems());
        }
        parts = checked.parts();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parts;
  }

  /**
   * The demo data of one service ({@code intake}, {@code dispatch} or {@code supervision}) as its
   * {@code PUT /api/admin/reference-data} takes it, or {@code intake-sensor-rules} as intake's
   * {@code PUT /api/admin/sensor-rules} does. Supervision's carries the areas with their outlines
   * and the names of the categories and departments, for its map and bulletins.
   */
  public static String json(String service) {
    try {
      if (service.equals("intake-sensor-rules")) {
        ObjectNode rules = JSON.createObjectNode();
        rules.set("rules", parts().intake().get("sensorRules"));
        return JSON.writeValueAsString(rules);
      }
      ObjectNode part = parts().of(service).deepCopy();
      // What the per-service endpoint does not take: the package loads these itself.
      for (String extra : List.of("sensorRules", "manifest", "metricWeights")) {
        part.remove(extra);
      }
      return JSON.writeValueAsString(part);
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

  /** The files of the demo package by name, for tests that change one and load the rest. */
  public static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name :
        Stream.concat(CityPackage.FILES.stream(), Stream.of("assets.csv")).toList()) {
      try (InputStream in = DemoCity.class.getResourceAsStream(RESOURCES + name)) {
        if (in != null) {
          files.put(name, in.readAllBytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
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
