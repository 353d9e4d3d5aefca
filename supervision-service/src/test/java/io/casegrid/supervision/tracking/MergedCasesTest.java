package io.casegrid.supervision.tracking;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intake merged a duplicate into another case: the merged case's clock stops for good. */
@QuarkusTest
class MergedCasesTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final Location AT =
      new Location("339901", "339901001", "339901001001", "339901001001001");
  private static TopicProbe announced;

  @BeforeAll
  static void watch() {
    announced =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.SUPERVISION_CASES);
  }

  @AfterAll
  static void stopWatching() {
    announced.close();
  }

  @BeforeEach
  void loadACoverPolicy() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "calendar": {
                "workingPeriods": [{"start": "08:30", "end": "12:00"}, {"start": "13:30", "end": "17:30"}],
                "weekend": ["SATURDAY", "SUNDAY"]
              },
              "deadlinePolicies": [
                {"categoryCode": "0101", "urgency": "URGENT",
                 "sign": {"amount": 0.5, "unit": "NATURAL_HOURS"},
                 "resolve": {"amount": 6, "unit": "NATURAL_HOURS"}}
              ]
            }
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  private static void publish(String topic, CaseEvent event) {
    announced.send(
        topic,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, Topics.publisher(topic).orElseThrow(), Instant.now())));
  }

  static CaseDispatched dispatched(UUID id, String department, Instant at) {
    return new CaseDispatched(
        id,
        "2026" + id.toString().substring(0, 8),
        department,
        RoutingBasis.ASSET_OWNER,
        "asset-owner:" + department,
        "0101",
        Urgency.URGENT,
        AT,
        at.minusSeconds(60),
        at,
        List.of());
  }

  static CaseMerged mergedInto(UUID surviving, UUID merged) {
    return new CaseMerged(
        surviving,
        "202611230000001",
        merged,
        "2026" + merged.toString().substring(0, 8),
        2,
        "operator1",
        Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  // The department's counters over the last days, with the cases overdue now.
  private static JsonPath metricsOf(String department) {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    return as("supervisor1")
        .queryParam("groupBy", "department")
        .queryParam("from", today.minusDays(3).toString())
        .queryParam("to", today.toString())
        .get("/api/metrics")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("groups.find { it.key == '" + department + "' }");
  }

  private static long timersOf(UUID id) throws Exception {
    return rowsOf("deadline_timer", id);
  }

  private static long rowsOf(String table, UUID id) throws Exception {
    try (Connection c = TestInfrastructure.shared().postgres().connect("supervision");
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM " + table + " WHERE case_id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  @Test
  void aMergedCaseStopsItsClockAndIsNeverOverdue() throws Exception {
    String department = "MG-" + Long.toHexString(System.nanoTime()).toUpperCase();
    UUID id = UUID.randomUUID();
    publish(
        Topics.DISPATCH_CASES,
        dispatched(id, department, Instant.now().minus(Duration.ofHours(12))));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> metricsOf(department).getInt("overdueNow") == 1);

    publish(Topics.INTAKE_CASES, mergedInto(UUID.randomUUID(), id));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("supervisor1")
                    .get("/api/cases/" + id + "/deadline")
                    .then()
                    .body("status", equalTo("MERGED"))
                    .body("resolveDueAt", nullValue())
                    .body("warningAt", nullValue()));
    JsonPath after = metricsOf(department);
    assertThat(after.getInt("overdueNow")).isZero();
    assertThat(after.getInt("counts.due")).as("no longer due to close").isZero();
    assertThat(after.getInt("counts.dispatched")).as("still dispatched once").isEqualTo(1);
    assertThat(timersOf(id)).isZero();
    as("admin1").post("/api/admin/metrics/rebuild").then().statusCode(200);
    assertThat(metricsOf(department).getMap("counts"))
        .as("the counters rebuilt from the cases' rows agree")
        .isEqualTo(after.getMap("counts"));
  }

  @Test
  void aMergeReadBeforeTheDispatchKeepsTheClockFromStarting() throws Exception {
    UUID id = UUID.randomUUID();
    publish(Topics.INTAKE_CASES, mergedInto(UUID.randomUUID(), id));
    // The two topics have consumers of their own: the dispatch must come after the merge was read.
    await().atMost(Duration.ofSeconds(20)).until(() -> rowsOf("case_merge", id) == 1);
    publish(Topics.DISPATCH_CASES, dispatched(id, "WATER", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("supervisor1")
                    .get("/api/cases/" + id + "/deadline")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("MERGED"))
                    .body("departmentCode", equalTo("WATER"))
                    .body("clockStartedAt", nullValue())
                    .body("resolveDueAt", nullValue()));
    assertThat(timersOf(id)).isZero();
    assertThat(announced.records(r -> r.key().equals(id.toString()))).isEmpty();
  }
}
