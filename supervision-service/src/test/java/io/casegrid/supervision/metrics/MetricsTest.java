package io.casegrid.supervision.metrics;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.Postgres;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.Channel;
import io.casegrid.events.EventCodec;
import io.casegrid.events.FirstContactResolution;
import io.casegrid.events.Location;
import io.casegrid.events.RequestKind;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Satisfaction;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A small generated month of cases, published as events to the real Kafka, read back through the
 * metrics and rankings endpoints and checked against numbers computed by hand: counters, every rate
 * of the brief (callbacks and first-contact resolution included), times to sign and to close, and
 * the composite score and ranking. The month lies far ahead, and the departments and districts are
 * this run's own, so no other test's cases mix in.
 */
@QuarkusTest
class MetricsTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String RUN = Long.toHexString(System.nanoTime()).toUpperCase();
  private static final String A = "MA-" + RUN;
  private static final String B = "MB-" + RUN;
  private static final String D1 = "D1" + RUN;
  private static final String D2 = "D2" + RUN;
  private static final YearMonth MONTH =
      YearMonth.of(2100 + ThreadLocalRandom.current().nextInt(800), 6);
  private static final YearMonth PREVIOUS = MONTH.minusMonths(1);
  private static TopicProbe kafka;
  private static boolean published;
  private static Map<String, UUID> cases;

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
    loadPolicies();
    publishTheMonth();
    published = true;
    // Everything of A's month is counted once its fourth case is due and its third closed.
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              JsonPath m = metrics("department", MONTH);
              return m.getInt(group(A) + ".counts.closed") == 3
                  && m.getInt(group(A) + ".counts.due") == 4
                  && m.getInt(group(A) + ".counts.reworked") == 1
                  && m.getInt(group(A) + ".counts.dispatches") == 4
                  && m.getInt(group(A) + ".counts.received") == 4
                  && m.getInt(group(B) + ".counts.closed") == 2
                  && metrics("department", PREVIOUS).getInt(group(B) + ".counts.due") == 1
                  && metrics("department", PREVIOUS).getInt(group(A) + ".counts.closed") == 1
                  && metrics("district", MONTH).getInt(group(D1) + ".counts.firstContactResolved")
                      == 1;
            });
    // The citizens are called back once their cases are closed.
    callBack();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              JsonPath m = metrics("department", MONTH);
              return m.getInt(group(A) + ".counts.called") == 3
                  && m.getInt(group(A) + ".counts.contacted") == 3
                  && m.getInt(group(B) + ".counts.called") == 2;
            });
  }

  @Test
  void countsEachDepartmentsMonthAsComputedByHand() {
    JsonPath m = metrics("department", MONTH);
    // A: a1 on time; a2 signed late, reworked once, closed late; a3 extended, closed in the
    // extended time; a4 returned by B and dispatched to A, not closed: B's return, not A's.
    assertThat(m.getMap(group(A) + ".counts"))
        .containsAllEntriesOf(
            Map.ofEntries(
                // Every case is received: a dispatch carries when it was reported.
                Map.entry("received", 4),
                Map.entry("dispatched", 4),
                Map.entry("dispatches", 4),
                Map.entry("returned", 0),
                Map.entry("returnedCases", 0),
                Map.entry("returnsUpheld", 0),
                Map.entry("returnsRefused", 0),
                Map.entry("extended", 1),
                Map.entry("reportedFixed", 4),
                Map.entry("reworked", 1),
                Map.entry("signed", 3),
                Map.entry("signedOnTime", 2),
                Map.entry("due", 4),
                Map.entry("dueDeferred", 1),
                Map.entry("closed", 3),
                Map.entry("closedOnTime", 2),
                Map.entry("closedOnTimeDeferred", 1),
                Map.entry("firstContactResolved", 0),
                // a1, a2 (its second call counts) and a3 called back.
                Map.entry("called", 3),
                Map.entry("contacted", 3),
                Map.entry("callbackResolved", 2),
                Map.entry("satisfied", 1),
                Map.entry("basicallySatisfied", 1)));
    assertThat(m.getMap(group(A) + ".rates"))
        .containsEntry("closure", 0.75f)
        .containsEntry("onTimeClosure", 0.5f)
        .containsEntry("signOnTime", 0.6667f)
        .containsEntry("rework", 0.25f)
        .containsEntry("returns", 0.0f)
        .containsEntry("extension", 0.25f)
        .containsEntry("accurateDispatch", 1.0f)
        .containsEntry("firstContactResolution", 0.0f)
        // 3 reached / 3 called; 2 resolved / 3; (1 satisfied + 0.9 × 1 basically) / 3.
        .containsEntry("response", 1.0f)
        .containsEntry("resolution", 0.6667f)
        .containsEntry("satisfaction", 0.6333f);
    // 0.35 × 0.5 + 0.2 × 0.75 + 0.15 × 0.75 + 0.1 × 1 + 0.2 × 0.6333 = 0.66416
    assertThat(m.getFloat(group(A) + ".score.value")).isEqualTo(66.42f);
    assertThat(m.getFloat(group(A) + ".score.coverage")).isEqualTo(1.0f);
    assertThat(m.getList(group(A) + ".score.noData")).isEmpty();

    // B: b1, b2 and a4's first dispatch, which B returned and the dispatcher placed with A.
    assertThat(m.getMap(group(B) + ".counts"))
        .containsEntry("dispatched", 2)
        .containsEntry("dispatches", 3)
        .containsEntry("returned", 1)
        .containsEntry("returnsUpheld", 1)
        .containsEntry("returnsRefused", 0);
    assertThat(m.getMap(group(B) + ".rates"))
        .containsEntry("closure", 1.0f)
        .containsEntry("onTimeClosure", 1.0f)
        .containsEntry("rework", 0.0f)
        .containsEntry("returns", 0.3333f)
        .containsEntry("accurateDispatch", 0.6667f)
        // b1 reached, resolved and satisfied; b2 not reached: 1 / 2 each.
        .containsEntry("response", 0.5f)
        .containsEntry("resolution", 0.5f)
        .containsEntry("satisfaction", 0.5f);
    // 0.35 + 0.2 + 0.15 (all of them one) + 0.1 × 0.6667 + 0.2 × 0.5 = 0.86667
    assertThat(m.getFloat(group(B) + ".score.value")).isEqualTo(86.67f);
    assertThat(m.getString("zone")).isEqualTo("Asia/Shanghai");
    assertThat(m.getString("from")).isEqualTo(MONTH.atDay(1).toString());
    assertThat(m.getString("to")).isEqualTo(MONTH.atEndOfMonth().toString());
  }

  @Test
  void chargesEachReturnToTheDepartmentThatReturnedItAndTellsUpheldFromRefused() {
    // A month of their own, so that the month of the other tests keeps its figures.
    YearMonth month = MONTH.plusMonths(2);
    String returner = "MR-" + RUN;
    String owner = "MO-" + RUN;
    // r1: the returner gives it back and the dispatcher places it with the owner (upheld).
    UUID r1 = UUID.randomUUID();
    publish(dispatch(r1, returner, D1, "0101", at(month, 10, 0)));
    publish(
        new CaseReturned(
            r1, returner, "NOT_OURS", "非本单位设施", null, "clerk", at(month, 10, 5), null));
    publish(dispatch(r1, owner, D1, "0101", at(month, 10, 30)));
    // r2: the returner gives it back and the dispatcher sends it back to it (refused).
    UUID r2 = UUID.randomUUID();
    publish(dispatch(r2, returner, D1, "0101", at(month, 10, 0)));
    publish(
        new CaseReturned(
            r2, returner, "NOT_OURS", "非本单位设施", null, "clerk", at(month, 10, 5), null));
    publish(dispatch(r2, returner, D1, "0101", at(month, 10, 30)));
    // r3: the owner's own, never returned.
    publish(dispatch(UUID.randomUUID(), owner, D1, "0101", at(month, 10, 0)));

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonPath m = metrics("department", month);
              // Three dispatches to the returner (r1, r2 twice), two of them returned.
              assertThat(m.getMap(group(returner) + ".counts"))
                  .containsEntry("dispatches", 3)
                  .containsEntry("returned", 2)
                  .containsEntry("returnedCases", 2)
                  .containsEntry("returnsUpheld", 1)
                  .containsEntry("returnsRefused", 1);
              // 2 / 3 returned; r1's dispatch was a routing error: 2 / 3 accurate; r2 was
              // returned wrongly: 1 / 3.
              assertThat(m.getMap(group(returner) + ".rates"))
                  .containsEntry("returns", 0.6667f)
                  .containsEntry("accurateDispatch", 0.6667f)
                  .containsEntry("refusedReturns", 0.3333f);
              // The owner returned nothing of its two dispatches (r1's second, r3).
              assertThat(m.getMap(group(owner) + ".counts"))
                  .containsEntry("dispatches", 2)
                  .containsEntry("returned", 0)
                  .containsEntry("returnsUpheld", 0)
                  .containsEntry("returnsRefused", 0);
              assertThat(m.getMap(group(owner) + ".rates"))
                  .containsEntry("returns", 0.0f)
                  .containsEntry("accurateDispatch", 1.0f);
            });
  }

  @Test
  void timesSigningAndClosingAsComputedByHandFromTheirHistograms() {
    JsonPath m = metrics("department", MONTH);
    // Signed 600 s (a1), 2400 s (a2) and 900 s (a4, from its second dispatch) after dispatch.
    // Mean (600 + 2400 + 900) / 3 = 1300. The median's rank 0.5 × 3 = 1.5 lies half way through
    // 900's bucket [896, 960): 896 + 0.5 × 64 = 928 (exactly: 900); the 90th's rank 2.7 lies 0.7
    // through 2400's bucket [2304, 2560): 2304 + 0.7 × 256 = 2483.2 (exactly: 2400).
    assertThat(m.getMap(group(A) + ".timeToSign"))
        .containsEntry("cases", 3)
        .containsEntry("averageSeconds", 1300)
        .containsEntry("p50Seconds", 928)
        .containsEntry("p90Seconds", 2483);
    // Closed 3 h (a1), 8 h (a2) and 26 h (a3) after the first dispatch: 10800, 28800, 93600 s.
    // Mean 133200 / 3 = 44400. Median: half way through [28672, 30720), 28672 + 1024 = 29696
    // (exactly 28800); 90th: 0.7 through [90112, 98304), 90112 + 0.7 × 8192 = 95846.4 (93600).
    assertThat(m.getMap(group(A) + ".timeToClose"))
        .containsEntry("cases", 3)
        .containsEntry("averageSeconds", 44400)
        .containsEntry("p50Seconds", 29696)
        .containsEntry("p90Seconds", 95846);
    // a4 was never closed.
  }

  @Test
  void countsCasesClosedOnTheCallAsResolvedAtFirstContact() {
    JsonPath byDistrict = metrics("district", MONTH);
    // D1 received a1–a4 and the case closed on the call: 1 / 5.
    assertThat(byDistrict.getInt(group(D1) + ".counts.received")).isEqualTo(5);
    assertThat(byDistrict.getFloat(group(D1) + ".rates.firstContactResolution")).isEqualTo(0.2f);
    // The month's 7 cases: 1 / 7 = 0.142857…
    assertThat(metrics("department", MONTH).getFloat("total.rates.firstContactResolution"))
        .isEqualTo(0.1429f);
  }

  @Test
  void groupsTheSameCasesByDistrictAndByCategory() {
    JsonPath byDistrict = metrics("district", MONTH);
    assertThat(byDistrict.getInt(group(D1) + ".counts.dispatched")).isEqualTo(4);
    assertThat(byDistrict.getInt(group(D2) + ".counts.dispatched")).isEqualTo(2);
    assertThat(byDistrict.getFloat(group(D1) + ".rates.closure")).isEqualTo(0.75f);

    JsonPath byCategory = metrics("category", MONTH);
    assertThat(byCategory.getInt(group("0101") + ".counts.due")).isEqualTo(4);
    assertThat(byCategory.getInt(group("0102") + ".counts.due")).isEqualTo(2);
  }

  @Test
  void countsOneDayOfTheMonthAsThePeriodDayPresetAsksFor() {
    // Day 10 holds every case of A and b1; a3 closed on day 11 (in its extended time).
    JsonPath day =
        as("leader1")
            .queryParam("groupBy", "department")
            .queryParam("period", "day")
            .queryParam("date", MONTH.atDay(10).toString())
            .get("/api/metrics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(day.getInt(group(A) + ".counts.dispatched")).isEqualTo(4);
    assertThat(day.getInt(group(A) + ".counts.due")).isEqualTo(3);
    assertThat(day.getInt(group(B) + ".counts.dispatched")).isEqualTo(1);
  }

  @Test
  void sumsAPeriodOfWholeMonthsAndEdgeDaysAsTheSumOfItsDays() {
    // From the previous month's 15th (days) to the end of the month (a whole month).
    JsonPath m =
        as("supervisor1")
            .queryParam("from", PREVIOUS.atDay(15).toString())
            .queryParam("to", MONTH.atEndOfMonth().toString())
            .get("/api/metrics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(m.getInt(group(A) + ".counts.dispatched")).isEqualTo(5);
    assertThat(m.getInt(group(B) + ".counts.dispatched")).isEqualTo(3);
    // Two whole months from the previous one's first day.
    JsonPath both =
        as("supervisor1")
            .queryParam("from", PREVIOUS.atDay(1).toString())
            .queryParam("to", MONTH.atEndOfMonth().toString())
            .get("/api/metrics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(both.getInt(group(A) + ".counts.closed")).isEqualTo(4);
    assertThat(both.getInt(group(B) + ".counts.due")).isEqualTo(3);
  }

  @Test
  void ranksDepartmentsOnTheCompositeWithTheirMovementAgainstThePreviousMonth() {
    JsonPath ranking =
        as("leader1")
            .queryParam("month", MONTH.toString())
            .get("/api/rankings/departments")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(ranking.getString("previousMonth")).isEqualTo(PREVIOUS.toString());
    assertThat(ranking.getList("places.key")).containsExactly(B, A);
    // Previous month: A closed its case on time (100), B closed none of its one (0.1 / 0.65).
    String a = "places.find { it.key == '" + A + "' }";
    String b = "places.find { it.key == '" + B + "' }";
    assertThat(ranking.getInt(b + ".rank")).isEqualTo(1);
    assertThat(ranking.getInt(b + ".previousRank")).isEqualTo(2);
    assertThat(ranking.getFloat(b + ".previousScore")).isEqualTo(15.38f);
    assertThat(ranking.getInt(b + ".movement")).isEqualTo(1);
    assertThat(ranking.getInt(a + ".rank")).isEqualTo(2);
    assertThat(ranking.getFloat(a + ".score")).isEqualTo(66.42f);
    assertThat(ranking.getInt(a + ".movement")).isEqualTo(-1);

    JsonPath districts =
        as("supervisor1")
            .queryParam("month", MONTH.toString())
            .get("/api/rankings/districts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(districts.getList("places.key")).containsExactly(D2, D1);
  }

  @Test
  void showsDepartmentStaffTheirOwnDepartmentsNumbersOnlyAndNoRanking() {
    JsonPath staff =
        as("drainage1")
            .queryParam("groupBy", "district")
            .queryParam("from", MONTH.atDay(1).toString())
            .queryParam("to", MONTH.atEndOfMonth().toString())
            .get("/api/metrics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(staff.getString("department")).isEqualTo("DRAINAGE");
    // This month's cases are all A's and B's: DRAINAGE has none of them.
    assertThat(staff.getList("groups.key")).doesNotContain(D1, D2);
    as("drainage1").get("/api/rankings/departments").then().statusCode(403);
  }

  @Test
  void countsACaseLeftPastItsDeadlineAsOverdueNow() {
    String late = "ML-" + RUN;
    UUID id = UUID.randomUUID();
    Instant dispatched = Instant.now().minus(Duration.ofHours(12));
    publish(dispatch(id, late, D1, "0101", dispatched));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        as("supervisor1")
                            .queryParam("groupBy", "department")
                            .get("/api/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getInt(group(late) + ".overdueNow"))
                    .isEqualTo(1));
  }

  @Test
  void rebuildsEveryTableFromTheCasesAsTheEventsLeftIt() throws Exception {
    Map<String, List<List<Object>>> before = new TreeMap<>();
    for (ProjectedTable table : ProjectedTable.values()) {
      for (boolean monthly : new boolean[] {false, true}) {
        before.put(table.table(monthly), rows(table, monthly));
      }
    }
    assertThat(before.get("duration_daily")).isNotEmpty();
    assertThat(before.get("hotspot_monthly")).isNotEmpty();
    assertThat(before.get("area_metric_monthly")).isNotEmpty();
    assertThat(before.get("area_duration_daily")).isNotEmpty();
    corruptEveryProjectedTable();
    as("admin1").post("/api/admin/metrics/rebuild").then().statusCode(200);
    for (ProjectedTable table : ProjectedTable.values()) {
      for (boolean monthly : new boolean[] {false, true}) {
        assertThat(rows(table, monthly))
            .as(table.table(monthly))
            .isEqualTo(before.get(table.table(monthly)));
      }
    }
  }

  @Test
  void refusesAPeriodThatEndsBeforeItStartsOrIsLongerThan400Days() {
    as("supervisor1")
        .queryParam("from", "2026-10-31")
        .queryParam("to", "2026-10-01")
        .get("/api/metrics")
        .then()
        .statusCode(400);
    as("supervisor1")
        .queryParam("from", "2025-01-01")
        .queryParam("to", "2026-10-01")
        .get("/api/metrics")
        .then()
        .statusCode(400);
    as("supervisor1")
        .queryParam("from", "2026-02-30")
        .queryParam("to", "2026-03-01")
        .get("/api/metrics")
        .then()
        .statusCode(400);
  }

  // --- the generated month

  /** The working calendar and urgent cases' limits: 0101 signed in 30 min, resolved in 6 h. */
  static void loadPolicies() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "calendar": {
                "workingPeriods": [{"start": "08:30", "end": "12:00"}, {"start": "13:30", "end": "17:30"}],
                "weekend": ["SATURDAY", "SUNDAY"],
                "holidays": [{"date": "2026-10-01", "name": "国庆节"}],
                "makeUpWorkdays": [{"date": "2026-10-10", "name": "国庆调休"}]
              },
              "deadlinePolicies": [
                {"categoryCode": "0101", "urgency": "URGENT",
                 "sign": {"amount": 0.5, "unit": "NATURAL_HOURS"},
                 "makeSafe": {"amount": 0.5, "unit": "NATURAL_HOURS"},
                 "resolve": {"amount": 6, "unit": "NATURAL_HOURS"}},
                {"categoryCode": "0102", "urgency": "URGENT",
                 "sign": {"amount": 1, "unit": "NATURAL_HOURS"},
                 "resolve": {"amount": 24, "unit": "NATURAL_HOURS"}},
                {"urgency": "NORMAL",
                 "sign": {"amount": 1, "unit": "WORKING_HOURS"},
                 "resolve": {"amount": 7, "unit": "WORKING_DAYS"}}
              ]
            }
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  // Day 10 of the month, 10:00 in Shanghai, plus minutes.
  private static Instant day10(int minutes) {
    return at(MONTH, 10, minutes);
  }

  /** 10:00 in Shanghai on {@code day} of {@code month}, plus minutes. */
  static Instant at(YearMonth month, int day, int minutes) {
    return LocalDateTime.of(month.getYear(), month.getMonth(), day, 10, 0)
        .plusMinutes(minutes)
        .atZone(SHANGHAI)
        .toInstant();
  }

  private static void publishTheMonth() {
    List<CaseEvent> events = new ArrayList<>();
    // a1: reported, signed in 10 min (30 allowed), fixed in 2 h, closed at 3 h (6 h allowed).
    UUID a1 = UUID.randomUUID();
    events.add(report(a1, "0101", day10(-5)));
    events.add(dispatch(a1, A, D1, "0101", day10(0)));
    events.add(new CaseSigned(a1, A, "clerk", day10(10)));
    events.add(new CaseResolved(a1, A, "已修复", "clerk", day10(120)));
    events.add(new CaseClosed(a1, A, "inspector", day10(180)));
    // a2: reported, signed at 40 min (late), fixed, reopened, fixed again, closed at 8 h (late).
    UUID a2 = UUID.randomUUID();
    events.add(report(a2, "0101", day10(-5)));
    events.add(dispatch(a2, A, D1, "0101", day10(0)));
    events.add(new CaseSigned(a2, A, "clerk", day10(40)));
    events.add(new CaseResolved(a2, A, "已修复", "clerk", day10(300)));
    events.add(new CaseReopened(a2, A, "井盖仍松动", 1, "inspector", day10(330)));
    events.add(new CaseResolved(a2, A, "已更换", "clerk", day10(420)));
    events.add(new CaseClosed(a2, A, "inspector", day10(480)));
    // a3: extended to day 12, fixed and closed on day 11: on time, deferred.
    UUID a3 = UUID.randomUUID();
    events.add(dispatch(a3, A, D1, "0101", day10(0)));
    events.add(
        new ApprovalDecided(
            a3,
            UUID.randomUUID(),
            RequestKind.EXTENSION,
            A,
            true,
            "需协调施工",
            at(MONTH, 12, 0),
            "dispatcher",
            day10(60)));
    events.add(new CaseResolved(a3, A, "已修复", "clerk", at(MONTH, 11, 0)));
    events.add(new CaseClosed(a3, A, "inspector", at(MONTH, 11, 120)));
    // a4: dispatched to B, returned, dispatched to A, signed in time, never closed.
    UUID a4 = UUID.randomUUID();
    events.add(dispatch(a4, B, D1, "0101", day10(0)));
    events.add(new CaseReturned(a4, B, "NOT_OURS", "非本单位设施", A, "clerk", day10(3), null));
    events.add(dispatch(a4, A, D1, "0101", day10(5)));
    events.add(new CaseSigned(a4, A, "clerk", day10(20)));
    // b1 and b2: signed, fixed and closed in time.
    UUID b1 = UUID.randomUUID();
    events.add(dispatch(b1, B, D2, "0102", day10(0)));
    events.add(new CaseSigned(b1, B, "clerk", day10(10)));
    events.add(new CaseResolved(b1, B, "已疏通", "clerk", day10(180)));
    events.add(new CaseClosed(b1, B, "inspector", day10(240)));
    UUID b2 = UUID.randomUUID();
    events.add(dispatch(b2, B, D2, "0102", at(MONTH, 20, 0)));
    events.add(new CaseSigned(b2, B, "clerk", at(MONTH, 20, 5)));
    events.add(new CaseResolved(b2, B, "已疏通", "clerk", at(MONTH, 20, 30)));
    events.add(new CaseClosed(b2, B, "inspector", at(MONTH, 20, 60)));
    // The previous month: A closes its one case in time, B none of its one.
    UUID a0 = UUID.randomUUID();
    events.add(dispatch(a0, A, D1, "0101", at(PREVIOUS, 15, 0)));
    events.add(new CaseResolved(a0, A, "已修复", "clerk", at(PREVIOUS, 15, 60)));
    events.add(new CaseClosed(a0, A, "inspector", at(PREVIOUS, 15, 90)));
    UUID b0 = UUID.randomUUID();
    events.add(dispatch(b0, B, D2, "0102", at(PREVIOUS, 15, 0)));
    // A consultation in D1 the hotline answered and closed on the call (首接办结).
    UUID f1 = UUID.randomUUID();
    events.add(
        CaseReported.builder()
            .caseId(f1)
            .caseNumber("2100" + f1.toString().substring(0, 8))
            .kind(CaseKind.CONSULTATION)
            .channel(Channel.HOTLINE)
            .categoryCode("1501")
            .urgency(Urgency.NORMAL)
            .description("咨询办理时间")
            .location(location(D1))
            .reportedAt(day10(30))
            .resolvedAtFirstContact(new FirstContactResolution("operator1", day10(35)))
            .build());
    events.forEach(MetricsTest::publish);
    cases = Map.of("a1", a1, "a2", a2, "a3", a3, "b1", b1, "b2", b2);
  }

  // a1 satisfied; a2 not reached on day 12, then reached on day 13: not resolved, dissatisfied (the
  // later call counts); a3 basically satisfied; b1 satisfied; b2 not reached.
  private static void callBack() {
    publish(callback(cases.get("a1"), A, true, true, Satisfaction.SATISFIED, at(MONTH, 12, 0)));
    publish(callback(cases.get("a2"), A, false, null, null, at(MONTH, 12, 10)));
    publish(callback(cases.get("a2"), A, true, false, Satisfaction.DISSATISFIED, at(MONTH, 13, 0)));
    publish(
        callback(
            cases.get("a3"), A, true, true, Satisfaction.BASICALLY_SATISFIED, at(MONTH, 13, 30)));
    publish(callback(cases.get("b1"), B, true, true, Satisfaction.SATISFIED, at(MONTH, 14, 0)));
    publish(callback(cases.get("b2"), B, false, null, null, at(MONTH, 21, 0)));
  }

  private static CallbackRecorded callback(
      UUID id,
      String department,
      boolean contacted,
      Boolean resolved,
      Satisfaction satisfaction,
      Instant at) {
    return new CallbackRecorded(
        id,
        UUID.randomUUID(),
        "2100" + id.toString().substring(0, 8),
        contacted,
        resolved,
        satisfaction,
        false,
        department,
        "operator1",
        at);
  }

  private static CaseReported report(UUID id, String category, Instant at) {
    return CaseReported.builder()
        .caseId(id)
        .caseNumber("2100" + id.toString().substring(0, 8))
        .kind(CaseKind.COMPLAINT)
        .channel(Channel.HOTLINE)
        .categoryCode(category)
        .urgency(Urgency.URGENT)
        .description("井盖破损")
        .reportedAt(at)
        .build();
  }

  private static CaseDispatched dispatch(
      UUID id, String department, String district, String category, Instant at) {
    return dispatch(id, department, location(district), category, at);
  }

  /** An urgent case of {@code category} at {@code location}, reported ten minutes before. */
  static CaseDispatched dispatch(
      UUID id, String department, Location location, String category, Instant at) {
    return new CaseDispatched(
        id,
        "2100" + id.toString().substring(0, 8),
        department,
        RoutingBasis.ROUTING_CATALOGUE,
        "catalogue:" + category,
        category,
        Urgency.URGENT,
        location,
        at.minusSeconds(600),
        at,
        List.of());
  }

  private static Location location(String district) {
    return new Location(district, district + "001", district + "001001", district + "001001001");
  }

  private static void publish(CaseEvent event) {
    publish(kafka, event);
  }

  /** Publishes an event on the topic of the service that announces it. */
  static void publish(TopicProbe kafka, CaseEvent event) {
    String topic =
        event instanceof CaseReported || event instanceof CallbackRecorded
            ? Topics.INTAKE_CASES
            : Topics.DISPATCH_CASES;
    kafka.send(
        topic,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, "/test", Instant.now())));
  }

  // --- reading

  private static JsonPath metrics(String groupBy, YearMonth month) {
    return as("supervisor1")
        .queryParam("groupBy", groupBy)
        .queryParam("from", month.atDay(1).toString())
        .queryParam("to", month.atEndOfMonth().toString())
        .get("/api/metrics")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String group(String key) {
    return "groups.find { it.key == '" + key + "' }";
  }

  /**
   * Leaves every table of the projection wrong, daily and monthly: each row counts one more, and
   * one row is gone. Only a rebuild of every table gives the figures back.
   */
  static void corruptEveryProjectedTable() throws Exception {
    Postgres postgres = TestInfrastructure.shared().postgres();
    try (Connection c =
            DriverManager.getConnection(postgres.jdbcUrl("supervision"), Postgres.USER, "");
        Statement s = c.createStatement()) {
      for (ProjectedTable table : ProjectedTable.values()) {
        for (boolean monthly : new boolean[] {false, true}) {
          String name = table.table(monthly);
          String counted = table.columns().get(0);
          s.executeUpdate("UPDATE " + name + " SET " + counted + " = " + counted + " + 1");
          s.executeUpdate(
              "DELETE FROM " + name + " WHERE ctid IN (SELECT ctid FROM " + name + " LIMIT 1)");
        }
      }
    }
  }

  // A table's rows that count anything (a row whose cases all moved away stays, at zero), in key
  // order; arrays as lists, so that they compare by content.
  private static List<List<Object>> rows(ProjectedTable table, boolean monthly) throws Exception {
    Postgres postgres = TestInfrastructure.shared().postgres();
    String counted =
        switch (table) {
          case COUNTERS, AREA_COUNTERS -> String.join(" + ", Counts.COLUMNS) + " <> 0";
          case DURATIONS, AREA_DURATIONS -> "cases <> 0";
          case HOTSPOTS -> "received <> 0";
        };
    String keys =
        IntStream.rangeClosed(1, 1 + table.keys().size())
            .mapToObj(Integer::toString)
            .collect(Collectors.joining(", "));
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(postgres.jdbcUrl("supervision"), Postgres.USER, "");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT * FROM "
                    + table.table(monthly)
                    + " WHERE "
                    + counted
                    + " ORDER BY "
                    + keys)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = r.getObject(i);
          row.add(value instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
