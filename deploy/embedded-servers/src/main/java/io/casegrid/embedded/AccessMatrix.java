package io.casegrid.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The table "every endpoint against every role" of {@code docs/SECURITY.md}, read from the document
 * itself and checked against a running service with real tokens, so that the documentation cannot
 * drift from what the service does.
 */
public final class AccessMatrix {

  /** One row: an endpoint and the expected answer per column. */
  public record Row(String service, String method, String path, Map<String, String> expected) {

    /** The endpoint as OpenAPI names it, with path parameters as {@code {}}. */
    public String endpoint() {
      return method + " " + normalise(path);
    }
  }

  /** The demo user of each column of the table that is a person. */
  static final Map<String, String> PEOPLE =
      Map.ofEntries(
          Map.entry("operator", "operator1"),
          Map.entry("inspector", "inspector1"),
          Map.entry("dispatcher", "dispatcher1"),
          Map.entry("staff", "drainage1"),
          Map.entry("other staff", "water1"),
          Map.entry("supervisor", "supervisor1"),
          Map.entry("leader", "leader1"),
          Map.entry("admin", "admin1"));

  /** A request as the caller of a column of the table. */
  static RequestSpecification as(String column) {
    return switch (column) {
      case "anonymous" -> RestAssured.given();
      case "open311" -> DemoUsers.asClient(DemoUsers.OPEN311_CLIENT);
      case "sensor" -> DemoUsers.asClient(DemoUsers.SENSOR_CLIENT);
      default -> {
        String user = PEOPLE.get(column);
        assertTrue(user != null, "unknown column " + column);
        yield DemoUsers.as(user);
      }
    };
  }

  private AccessMatrix() {}

  /** The rows of one service's endpoints. */
  public static List<Row> rows(String service) {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    for (String line : document()) {
      if (!line.startsWith("| service |") && header == null) {
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        header = cells;
        continue;
      }
      if (cells.isEmpty() || cells.get(0).startsWith("---")) {
        if (cells.isEmpty()) {
          break;
        }
        continue;
      }
      if (!cells.get(0).equals(service)) {
        continue;
      }
      Map<String, String> expected = new java.util.LinkedHashMap<>();
      for (int i = 3; i < header.size(); i++) {
        expected.put(header.get(i), cells.get(i));
      }
      rows.add(new Row(cells.get(0), cells.get(1), cells.get(2), expected));
    }
    return rows;
  }

  /**
   * One test per cell of the service's rows: the request as that column's caller, with {@code
   * values} filling the path's parameters and an empty JSON body for commands.
   */
  public static Stream<DynamicTest> cells(String service, Map<String, String> values) {
    return rows(service).stream()
        .flatMap(
            row ->
                row.expected().entrySet().stream()
                    .map(
                        cell ->
                            DynamicTest.dynamicTest(
                                row.method() + " " + row.path() + " as " + cell.getKey(),
                                () -> check(row, cell.getKey(), cell.getValue(), values))));
  }

  /** Fails unless every endpoint of the service's OpenAPI document has a row. */
  public static void assertEveryEndpointListed(String service) {
    JsonPath openApi =
        RestAssured.given().queryParam("format", "json").get("/q/openapi").jsonPath();
    Map<String, Map<String, Object>> paths = openApi.getMap("paths");
    Set<String> served = new TreeSet<>();
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> served.add(m.toUpperCase(Locale.ROOT) + " " + normalise(path))));
    Set<String> listed = new TreeSet<>();
    rows(service).forEach(r -> listed.add(r.endpoint()));
    assertEquals(served, listed, "docs/SECURITY.md must list every endpoint of " + service);
  }

  private static void check(Row row, String column, String expected, Map<String, String> values) {
    String path = row.path();
    for (Map.Entry<String, String> v : values.entrySet()) {
      path = path.replace("{" + v.getKey() + "}", v.getValue());
    }
    RequestSpecification request = as(column);
    if (!row.method().equals("GET")) {
      request = request.contentType("application/json").body("{}");
    }
    Response response = request.request(row.method(), path);
    int status = response.statusCode();
    String seen = row.method() + " " + path + " as " + column + " answered " + status;
    assertTrue(status < 500, seen + ": " + response.asString());
    if (expected.equals("ok")) {
      assertTrue(status != 401 && status != 403 && status != 404, seen + ", expected admission");
    } else {
      assertEquals(Integer.parseInt(expected), status, seen);
      assertEquals("application/problem+json", response.contentType().split(";")[0].strip(), seen);
    }
  }

  private static String normalise(String path) {
    int query = path.indexOf('?');
    return (query < 0 ? path : path.substring(0, query)).replaceAll("\\{[^}]*}", "{}");
  }

  private static List<String> cells(String line) {
    if (!line.startsWith("|")) {
      return List.of();
    }
    List<String> cells = new ArrayList<>();
    for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
      cells.add(cell.strip());
    }
    return cells;
  }

  // The document lives at the top of the repository; tests run in a module's folder.
  private static List<String> document() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null) {
      Path doc = folder.resolve("docs/SECURITY.md");
      if (Files.exists(doc)) {
        try {
          return Files.readAllLines(doc);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      folder = folder.getParent();
    }
    throw new IllegalStateException(
        "docs/SECURITY.md not found above " + Path.of("").toAbsolutePath());
  }
}
