package io.casegrid.supervision.hotspots;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hotspot map's data: the demo city's grids, loaded as an administrator loads them, with the
 * cases of a month far ahead (no other test's cases mix in) counted in them.
 */
@QuarkusTest
class HotspotsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec CODEC = new EventCodec();
  private static final YearMonth MONTH =
      YearMonth.of(2100 + ThreadLocalRandom.current().nextInt(800), 3);
  private static final String GRID_1 = "339901001001001";
  private static final String GRID_2 = "339901001001002";
  // A grid the reference data does not know (yet).
  private static final String UNKNOWN_GRID = "339909009009009";
  private static JsonNode demoGrid1;
  private static boolean published;

  @BeforeEach
  void loadTheDemoGridsAndPublishTheMonthOnce() throws Exception {
    if (published) {
      return;
    }
    // The areas, departments and categories of the demo city as supervision's demo data has them.
    JsonNode demo = JSON.readTree(DemoCity.json("supervision"));
    ObjectNode body = JSON.createObjectNode();
    body.set("areas", demo.get("areas"));
    body.set("departments", demo.get("departments"));
    body.set("categories", demo.get("categories"));
    for (JsonNode area : demo.get("areas")) {
      if (area.get("code").asText().equals(GRID_1)) {
        demoGrid1 = area;
      }
    }
    as("admin1")
        .contentType(ContentType.JSON)
        .body(body.toString())
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
    try (TopicProbe kafka =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.DISPATCH_CASES)) {
      dispatch(kafka, "DRAINAGE", "0102", GRID_1, 3);
      dispatch(kafka, "WATER", "0101", GRID_1, 4);
      dispatch(kafka, "DRAINAGE", "0102", GRID_2, 28);
      dispatch(kafka, "DRAINAGE", "0102", UNKNOWN_GRID, 28);
      // Next month: not in this one's map.
      dispatch(kafka, "DRAINAGE", "0102", GRID_2, 32);
    }
    published = true;
    // Each case is on a partition of its own: wait for the last of all five, next month's too.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                total(hotspots("leader1", Map.of()), GRID_1) == 2
                    && total(hotspots("leader1", Map.of()), GRID_2) == 1
                    && feature(hotspots("leader1", Map.of()), UNKNOWN_GRID) != null
                    && total(twoMonths(), GRID_2) == 2);
  }

  @Test
  void drawsEveryGridWithItsOutlineAndCountsItsCasesPerCategory() throws Exception {
    JsonPath map = hotspots("leader1", Map.of());
    assertThat(map.getString("type")).isEqualTo("FeatureCollection");
    // The demo city's 48 grids, and the one with a case that the reference data lacks.
    assertThat(map.getList("features")).hasSize(49);
    String grid1 = "features.find { it.properties.gridCode == '" + GRID_1 + "' }";
    assertThat(map.getString(grid1 + ".type")).isEqualTo("Feature");
    assertThat(map.getString(grid1 + ".properties.gridName")).isEqualTo("东湖区湖滨街道桂花社区第1网格");
    assertThat(map.getLong(grid1 + ".properties.total")).isEqualTo(2);
    assertThat(map.getMap(grid1 + ".properties.byCategory"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("0101", 1, "0102", 1));
    // The outline as loaded, to the last digit (read with Jackson: JsonPath reads floats).
    JsonNode features =
        JSON.readTree(
                as("leader1")
                    .queryParam("from", MONTH.atDay(1).toString())
                    .queryParam("to", MONTH.atEndOfMonth().toString())
                    .get("/api/hotspots")
                    .asString())
            .get("features");
    JsonNode outline = null;
    for (JsonNode f : features) {
      if (f.at("/properties/gridCode").asText().equals(GRID_1)) {
        outline = f.get("geometry");
      }
    }
    assertThat(outline).isEqualTo(demoGrid1.get("geometry"));
  }

  @Test
  void showsAGridWithoutCasesAtZeroAndAGridWithoutOutlineWithNoGeometry() {
    JsonPath map = hotspots("supervisor1", Map.of());
    String quiet = "features.find { it.properties.gridCode == '339903002002004' }";
    assertThat(map.getLong(quiet + ".properties.total")).isZero();
    assertThat(map.getMap(quiet + ".properties.byCategory")).isEmpty();
    String unknown = "features.find { it.properties.gridCode == '" + UNKNOWN_GRID + "' }";
    assertThat(map.getLong(unknown + ".properties.total")).isEqualTo(1);
    assertThat(map.getString(unknown + ".properties.gridName")).isNull();
    assertThat(map.getMap(unknown)).containsEntry("geometry", null);
  }

  @Test
  void countsOneCategoryWhenAskedTo() {
    JsonPath map = hotspots("leader1", Map.of("category", "0101"));
    assertThat(total(map, GRID_1)).isEqualTo(1);
    assertThat(total(map, GRID_2)).isZero();
  }

  @Test
  void takesTheSamePeriodsAsTheMetrics() {
    assertThat(total(twoMonths(), GRID_2)).isEqualTo(2);
    JsonPath aDay =
        as("leader1")
            .queryParam("period", "day")
            .queryParam("date", MONTH.atDay(3).toString())
            .get("/api/hotspots")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(total(aDay, GRID_1)).isEqualTo(1);
    as("leader1")
        .queryParam("from", MONTH.atDay(1).toString())
        .get("/api/hotspots")
        .then()
        .statusCode(400);
  }

  @Test
  void showsDepartmentStaffTheirOwnDepartmentsCasesOnly() {
    JsonPath drainage = hotspots("drainage1", Map.of());
    String grid1 = "features.find { it.properties.gridCode == '" + GRID_1 + "' }";
    assertThat(drainage.getMap(grid1 + ".properties.byCategory"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("0102", 1));
    assertThat(total(hotspots("water1", Map.of()), GRID_2)).isZero();
  }

  private static JsonPath hotspots(String user, Map<String, String> more) {
    return as(user)
        .queryParam("from", MONTH.atDay(1).toString())
        .queryParam("to", MONTH.atEndOfMonth().toString())
        .queryParams(more)
        .get("/api/hotspots")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The map of this month and the next. */
  private static JsonPath twoMonths() {
    return as("leader1")
        .queryParam("from", MONTH.atDay(1).toString())
        .queryParam("to", MONTH.plusMonths(1).atEndOfMonth().toString())
        .get("/api/hotspots")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Object feature(JsonPath map, String grid) {
    return map.get("features.find { it.properties.gridCode == '" + grid + "' }");
  }

  private static long total(JsonPath map, String grid) {
    return map.getLong(
        "features.find { it.properties.gridCode == '" + grid + "' }.properties.total");
  }

  private static void dispatch(
      TopicProbe kafka, String department, String category, String grid, int day) {
    UUID id = UUID.randomUUID();
    Instant at =
        LocalDateTime.of(MONTH.getYear(), MONTH.getMonth(), 1, 9, 0)
            .plusDays(day - 1)
            .atZone(ZoneId.of("Asia/Shanghai"))
            .toInstant();
    String district = grid.substring(0, 6);
    kafka.send(
        Topics.DISPATCH_CASES,
        id.toString(),
        CODEC.write(
            CODEC.envelope(
                new CaseDispatched(
                    id,
                    "2100" + id.toString().substring(0, 8),
                    department,
                    RoutingBasis.ROUTING_CATALOGUE,
                    "catalogue:" + category,
                    category,
                    Urgency.URGENT,
                    new Location(district, grid.substring(0, 9), grid.substring(0, 12), grid),
                    at,
                    at.plusSeconds(60),
                    List.of()),
                Topics.DISPATCH_SOURCE,
                Instant.now())));
  }
}
