package io.casegrid.supervision.metrics;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.Location;
import io.casegrid.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metrics per street (街道) and grid (网格): a generated month of five cases in two streets and three
 * grids, handled by two departments (and a case of a department demo staff sign in for), published
 * to the real Kafka and read back grouped and filtered by street and grid, against counts, rates
 * and times computed by hand; and the same after a rebuild from the cases' rows. The month and the
 * codes are this run's own.
 */
@QuarkusTest
class MetricsByAreaTest {

  private static final String RUN = Long.toHexString(System.nanoTime()).toUpperCase();
  private static final String P = "AP-" + RUN;
  private static final String Q = "AQ-" + RUN;
  private static final String DISTRICT = "AD" + RUN;
  private static final String S1 = "S1" + RUN;
  private static final String S2 = "S2" + RUN;
  private static final String G11 = S1 + "G11";
  private static final String G12 = S1 + "G12";
  private static final String G21 = S2 + "G21";
  private static final String S4 = "S4" + RUN;
  private static final String G41 = S4 + "G41";
  // September, so that no month of MetricsTest (June) mixes in.
  private static final YearMonth MONTH =
      YearMonth.of(2100 + ThreadLocalRandom.current().nextInt(800), 9);
  private static TopicProbe kafka;
  private static boolean published;

  @BeforeAll
  static void connect() {
    kafka =
        new TopicProbe(
            TestInfrastructure.shared().kafka().bootstrapServers(), Topics.SUPERVISION_CASES);
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  @BeforeEach
  void publishTheMonthOnce() {
    if (published) {
      return;
    }
    MetricsTest.loadPolicies();
    publishTheMonth();
    published = true;
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              JsonPath streets = metrics("street", Map.of());
              return streets.getInt(group(S1) + ".counts.closed") == 3
                  && streets.getInt(group(S1) + ".counts.signed") == 3
                  && streets.getInt(group(S2) + ".counts.due") == 2
                  && streets.getInt(group(S2) + ".counts.closed") == 1
                  && streets.getInt(group(S2) + ".counts.signed") == 1
                  && streets.getInt(group(S4) + ".counts.dispatched") == 1;
            });
  }

  @Test
  void countsEachStreetsMonthAsComputedByHand() {
    JsonPath streets = metrics("street", Map.of());
    assertThat(streets.getString("groupBy")).isEqualTo("street");
    // S1: c1 on time; c2 signed late and closed late; c3 on time.
    assertThat(streets.getMap(group(S1) + ".counts"))
        .containsAllEntriesOf(
            Map.of(
                "received", 3,
                "dispatched", 3,
                "signed", 3,
                "signedOnTime", 2,
                "due", 3,
                "closed", 3,
                "closedOnTime", 2));
    assertThat(streets.getMap(group(S1) + ".rates"))
        .containsEntry("closure", 1.0f)
        .containsEntry("onTimeClosure", 0.6667f)
        .containsEntry("signOnTime", 0.6667f);
    // S2: c4 never signed nor closed, due on its deadline; c5 on time.
    assertThat(streets.getMap(group(S2) + ".counts"))
        .containsAllEntriesOf(
            Map.of(
                "received", 2,
                "dispatched", 2,
                "signed", 1,
                "signedOnTime", 1,
                "due", 2,
                "closed", 1,
                "closedOnTime", 1));
    assertThat(streets.getMap(group(S2) + ".rates"))
        .containsEntry("closure", 0.5f)
        .containsEntry("onTimeClosure", 0.5f)
        .containsEntry("signOnTime", 1.0f);
  }

  @Test
  void countsEachGridsMonthAsComputedByHand() {
    JsonPath grids = metrics("grid", Map.of());
    assertThat(grids.getMap(group(G11) + ".counts"))
        .containsAllEntriesOf(
            Map.of("dispatched", 2, "signedOnTime", 1, "due", 2, "closed", 2, "closedOnTime", 1));
    assertThat(grids.getMap(group(G11) + ".rates"))
        .containsEntry("closure", 1.0f)
        .containsEntry("onTimeClosure", 0.5f)
        .containsEntry("signOnTime", 0.5f);
    assertThat(grids.getMap(group(G12) + ".rates"))
        .containsEntry("closure", 1.0f)
        .containsEntry("onTimeClosure", 1.0f)
        .containsEntry("signOnTime", 1.0f);
    assertThat(grids.getMap(group(G21) + ".rates"))
        .containsEntry("closure", 0.5f)
        .containsEntry("onTimeClosure", 0.5f)
        .containsEntry("signOnTime", 1.0f);
  }

  @Test
  void timesSigningAndClosingPerStreetAndGridAsComputedByHand() {
    // c3, alone in G12, signed 300 s after dispatch: the median's rank 0.5 lies half way through
    // 300's bucket [288, 320): 304.
    assertThat(metrics("grid", Map.of()).getMap(group(G12) + ".timeToSign"))
        .containsEntry("cases", 1)
        .containsEntry("averageSeconds", 300)
        .containsEntry("p50Seconds", 304);
    // S1 closed c3, c1 and c2 1 h, 2 h and 8 h after dispatch: mean (3600 + 7200 + 28800) / 3 =
    // 13200; the median's rank 1.5 lies half way through 7200's bucket [7168, 7680): 7424.
    assertThat(metrics("street", Map.of()).getMap(group(S1) + ".timeToClose"))
        .containsEntry("cases", 3)
        .containsEntry("averageSeconds", 13200)
        .containsEntry("p50Seconds", 7424);
  }

  @Test
  void filtersTheGridsOfOneStreetAndTheDepartmentsOfOneStreet() {
    JsonPath gridsOfS1 = metrics("grid", Map.of("street", S1));
    assertThat(gridsOfS1.getList("groups.key")).containsExactly(G11, G12);
    assertThat(gridsOfS1.getString("street")).isEqualTo(S1);
    assertThat(gridsOfS1.getInt("total.counts.dispatched")).isEqualTo(3);

    // S2: P closed c5 in time, Q neither signed nor closed c4.
    JsonPath departmentsOfS2 = metrics("department", Map.of("street", S2));
    assertThat(departmentsOfS2.getList("groups.key")).containsExactlyInAnyOrder(P, Q);
    assertThat(departmentsOfS2.getFloat(group(P) + ".rates.closure")).isEqualTo(1.0f);
    assertThat(departmentsOfS2.getFloat(group(Q) + ".rates.closure")).isEqualTo(0.0f);

    // G11: c1 and c2, closed 2 h and 8 h after dispatch.
    JsonPath streetOfG11 = metrics("street", Map.of("grid", G11));
    assertThat(streetOfG11.getList("groups.key")).containsExactly(S1);
    assertThat(streetOfG11.getInt(group(S1) + ".counts.closed")).isEqualTo(2);
    assertThat(streetOfG11.getInt(group(S1) + ".timeToClose.averageSeconds")).isEqualTo(18000);
  }

  @Test
  void refusesAStreetByDistrictOrCategoryAndAGridByDepartment() {
    for (Map<String, String> query :
        List.of(
            Map.of("groupBy", "district", "street", S1),
            Map.of("groupBy", "category", "street", S1),
            Map.of("groupBy", "department", "grid", G11))) {
      as("supervisor1")
          .queryParams(query)
          .get("/api/metrics")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("groupBy"));
    }
  }

  @Test
  void showsDepartmentStaffTheirOwnDepartmentsStreetsOnlyAndNoGrids() {
    JsonPath staff =
        as("drainage1")
            .queryParam("groupBy", "street")
            .queryParam("period", "month")
            .queryParam("date", MONTH.atDay(1).toString())
            .get("/api/metrics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(staff.getString("department")).isEqualTo("DRAINAGE");
    // S1 and S2 hold P's and Q's cases only; S4 DRAINAGE's c6.
    assertThat(staff.getList("groups.key")).contains(S4).doesNotContain(S1, S2);
    assertThat(staff.getInt(group(S4) + ".counts.dispatched")).isEqualTo(1);
    // A grid's rows count every department's cases.
    for (Map<String, String> query :
        List.of(Map.of("groupBy", "grid"), Map.of("groupBy", "street", "grid", G41))) {
      as("drainage1").queryParams(query).get("/api/metrics").then().statusCode(403);
    }
  }

  @Test
  void countsACaseLeftPastItsDeadlineAsOverdueNowInItsGrid() {
    String street = "S3" + RUN;
    String grid = street + "G31";
    publish(
        MetricsTest.dispatch(
            UUID.randomUUID(),
            P,
            new Location(DISTRICT, street, street + "C", grid),
            "0101",
            Instant.now().minus(Duration.ofHours(12))));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        as("leader1")
                            .queryParam("groupBy", "grid")
                            .queryParam("street", street)
                            .get("/api/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getInt(group(grid) + ".overdueNow"))
                    .isEqualTo(1));
  }

  @Test
  void rebuildsTheSameStreetAndGridFiguresFromTheCases() throws Exception {
    JsonPath streets = metrics("street", Map.of());
    JsonPath grids = metrics("grid", Map.of("street", S1));
    MetricsTest.corruptEveryProjectedTable();
    as("admin1").post("/api/admin/metrics/rebuild").then().statusCode(200);
    assertThat(metrics("street", Map.of()).getMap(group(S1)))
        .isEqualTo(streets.getMap(group(S1)))
        .containsEntry("overdueNow", 0);
    assertThat(metrics("street", Map.of()).getMap(group(S2))).isEqualTo(streets.getMap(group(S2)));
    assertThat(metrics("grid", Map.of("street", S1)).getList("groups"))
        .isEqualTo(grids.getList("groups"))
        .hasSize(2);
    assertThat(metrics("grid", Map.of("street", S1)).getFloat(group(G11) + ".rates.onTimeClosure"))
        .isEqualTo(0.5f);
  }

  // --- the generated month: category 0101, signed within 30 min, resolved within 6 h

  private static void publishTheMonth() {
    List<CaseEvent> events = new ArrayList<>();
    // c1: P in G11, signed in 10 min, closed at 2 h.
    handled(events, P, G11, 10, 120);
    // c2: P in G11, signed at 45 min (late), closed at 8 h (late).
    handled(events, P, G11, 45, 480);
    // c3: Q in G12, signed in 5 min, closed at 1 h.
    handled(events, Q, G12, 5, 60);
    // c4: Q in G21, neither signed nor closed.
    events.add(MetricsTest.dispatch(UUID.randomUUID(), Q, location(G21), "0101", day10(0)));
    // c5: P in G21, signed in 20 min, closed at 5 h.
    handled(events, P, G21, 20, 300);
    // c6: DRAINAGE (drainage1's department) in G41, not signed.
    events.add(
        MetricsTest.dispatch(UUID.randomUUID(), "DRAINAGE", location(G41), "0101", day10(0)));
    events.forEach(MetricsByAreaTest::publish);
  }

  private static void handled(
      List<CaseEvent> events, String department, String grid, int signedAfter, int closedAfter) {
    UUID id = UUID.randomUUID();
    events.add(MetricsTest.dispatch(id, department, location(grid), "0101", day10(0)));
    events.add(new CaseSigned(id, department, "clerk", day10(signedAfter)));
    events.add(new CaseResolved(id, department, "已修复", "clerk", day10(closedAfter - 1)));
    events.add(new CaseClosed(id, department, "inspector", day10(closedAfter)));
  }

  // A grid code starts with its street's.
  private static Location location(String grid) {
    String street = grid.substring(0, grid.length() - 3);
    return new Location(DISTRICT, street, street + "C", grid);
  }

  private static Instant day10(int minutes) {
    return MetricsTest.at(MONTH, 10, minutes);
  }

  private static void publish(CaseEvent event) {
    MetricsTest.publish(kafka, event);
  }

  // --- reading

  private static JsonPath metrics(String groupBy, Map<String, String> filters) {
    return as("supervisor1")
        .queryParam("groupBy", groupBy)
        .queryParams(filters)
        .queryParam("period", "month")
        .queryParam("date", MONTH.atDay(1).toString())
        .get("/api/metrics")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String group(String key) {
    return "groups.find { it.key == '" + key + "' }";
  }
}
