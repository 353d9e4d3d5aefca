package io.casegrid.intake.sensors;

import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.DemoUsers;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.Topics;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Smart manhole covers report alarms; intake opens one case per asset and condition. */
@QuarkusTest
class TurningAlarmsIntoCasesTest {

  @Inject EntityManager entityManager;
  @Inject SensorAlarms sensorAlarms;

  @BeforeEach
  void loadTheCityAndTheRules() {
    DemoCity.load(
        "intake",
        RestAssured.baseURI + ":" + RestAssured.port,
        TestInfrastructure.shared().tokens().forUser("admin1"));
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {"rules": [{"kind": "TILT", "threshold": 15, "debounceSeconds": 2},
                       {"kind": "OPEN", "debounceSeconds": 0}]}
            """)
        .put("/api/admin/sensor-rules")
        .then()
        .statusCode(200);
  }

  /** New sewage covers in the demo city's Hubin grid, so that each test has assets of its own. */
  private List<String> newCovers(int count) {
    List<String> codes = new ArrayList<>();
    List<Map<String, Object>> assets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String code =
          "33990101" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
      codes.add(code);
      assets.add(
          Map.of(
              "code",
              code,
              "categoryCode",
              "0102",
              "latitude",
              30.215,
              "longitude",
              120.0865,
              "ownerDepartmentCode",
              "DRAINAGE"));
    }
    as("admin1")
        .contentType(ContentType.JSON)
        .body(Map.of("assets", assets))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
    return codes;
  }

  private static Map<String, Object> alarm(
      String asset, String kind, String state, double value, OffsetDateTime at) {
    Map<String, Object> alarm = new HashMap<>();
    alarm.put("alarmId", "gw1:" + UUID.randomUUID());
    alarm.put("assetCode", asset);
    alarm.put("kind", kind);
    alarm.put("state", state);
    alarm.put("value", value);
    alarm.put("observedAt", at.toString());
    return alarm;
  }

  private static io.restassured.response.ValidatableResponse post(List<Map<String, Object>> batch) {
    return asClient(DemoUsers.SENSOR_CLIENT)
        .contentType(ContentType.JSON)
        .body(batch)
        .post("/api/sensor-alarms")
        .then()
        .statusCode(202);
  }

  private List<UUID> casesOf(String asset) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createQuery("SELECT c.id FROM CaseRecord c WHERE c.assetCode = :a", UUID.class)
                    .setParameter("a", asset)
                    .getResultList());
  }

  private long alarmsOf(List<String> assets) {
    return count("SELECT count(*) FROM sensor_alarm WHERE asset_code IN (?1)", assets);
  }

  /** What a counting query answers, in a transaction of its own. */
  private long count(String query, Object... parameters) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              jakarta.persistence.Query counting = entityManager.createNativeQuery(query);
              for (int i = 0; i < parameters.length; i++) {
                counting.setParameter(i + 1, parameters[i]);
              }
              return ((Number) counting.getSingleResult()).longValue();
            });
  }

  @Test
  void opensOneCaseForACoverTiltedPastItsDebounceAndKeepsLaterAlarmsOnIt() {
    String cover = newCovers(1).get(0);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);

    // One batch: a sweep between two posts would open the case of this minute-old tilt itself.
    post(List.of(
            alarm(cover, "TILT", "RAISED", 25, t0),
            alarm(cover, "TILT", "RAISED", 26, t0.plusSeconds(3))))
        .body("outcomes.PENDING", equalTo(1))
        .body("outcomes.CASE_OPENED", equalTo(1));
    post(List.of(
            alarm(cover, "TILT", "RAISED", 27, t0.plusSeconds(4)),
            alarm(cover, "TILT", "CLEARED", 0, t0.plusSeconds(5))))
        .body("outcomes.ATTACHED", equalTo(1))
        .body("outcomes.CLEARED_ON_CASE", equalTo(1));

    List<UUID> cases = casesOf(cover);
    assertThat(cases).hasSize(1);
    as("operator1")
        .get("/api/cases/" + cases.get(0))
        .then()
        .statusCode(200)
        .body("channel", equalTo("SENSOR"))
        .body("categoryCode", equalTo("0102"))
        .body("assetCode", equalTo(cover))
        .body("assetOwnerCode", equalTo("DRAINAGE"))
        .body("reporterAnonymous", equalTo(true));
    long onTheCase = count("SELECT count(*) FROM sensor_alarm WHERE case_id = ?1", cases.get(0));
    assertThat(onTheCase).as("every alarm of the condition is on its case").isEqualTo(4);
  }

  @Test
  void attachesAnAlarmThatWaitedForTheSweepToTheCaseTheSweepOpenedMeanwhile() throws Exception {
    String cover = newCovers(1).get(0);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
    post(List.of(alarm(cover, "TILT", "RAISED", 40, t0))).body("outcomes.PENDING", equalTo(1));

    // The sweep takes the tilt's condition (due 2 s after it) and holds it locked; the next alarm
    // of the cover, past the debounce, waits for that lock. Meanwhile the sweep opens the case and
    // commits: the waiting alarm must then find that case, not open a second one.
    java.util.concurrent.ExecutorService gateway =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      QuarkusTransaction.begin();
      java.util.concurrent.Future<Integer> attached;
      try {
        entityManager
            .createNativeQuery("SELECT 1 FROM sensor_condition WHERE asset_code = ?1 FOR UPDATE")
            .setParameter(1, cover)
            .getResultList();
        attached =
            gateway.submit(
                () ->
                    post(List.of(alarm(cover, "TILT", "RAISED", 41, t0.plusSeconds(3))))
                        .extract()
                        .jsonPath()
                        .getObject("outcomes.ATTACHED", Integer.class));
        await().atMost(Duration.ofSeconds(30)).until(this::aSensorStatementWaitsForALock);
        assertThat(sensorAlarms.openDue(t0.plusSeconds(2).toInstant(), 1_000)).isPositive();
      } finally {
        QuarkusTransaction.commit();
      }

      assertThat(attached.get(60, java.util.concurrent.TimeUnit.SECONDS))
          .as("the waiting alarm attached to the sweep's case")
          .isEqualTo(1);
    } finally {
      gateway.shutdownNow();
    }
    assertThat(casesOf(cover)).hasSize(1);
  }

  private boolean aSensorStatementWaitsForALock() {
    return count(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query LIKE '%FROM sensor_condition%'")
        > 0;
  }

  @Test
  void letsAPassingTrucksJoltOpenNoCase() {
    String cover = newCovers(1).get(0);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);

    post(List.of(
            alarm(cover, "TILT", "RAISED", 30, t0),
            alarm(cover, "TILT", "CLEARED", 0, t0.plusSeconds(1)),
            alarm(cover, "TILT", "RAISED", 5, t0.plusSeconds(2))))
        .body("outcomes.PENDING", equalTo(1))
        .body("outcomes.DEBOUNCED", equalTo(1))
        .body("outcomes.BELOW_THRESHOLD", equalTo(1));

    await()
        .pollDelay(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .until(() -> casesOf(cover).isEmpty());
  }

  @Test
  void opensTheCaseOfATiltThatHoldsWithoutFurtherAlarmsOnceItsDebounceHasPassed() {
    String cover = newCovers(1).get(0);

    post(List.of(alarm(cover, "TILT", "RAISED", 40, OffsetDateTime.now(ZoneOffset.UTC))))
        .body("outcomes.PENDING", equalTo(1));

    await().atMost(Duration.ofSeconds(15)).until(() -> casesOf(cover).size() == 1);
  }

  @Test
  void refusesTwoRulesForOneKindAndKeepsTheRulesItHad() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {"rules": [{"kind": "OPEN", "debounceSeconds": 0},
                       {"kind": "OPEN", "debounceSeconds": 60}]}
            """)
        .put("/api/admin/sensor-rules")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("rules"));

    String cover = newCovers(1).get(0);
    post(List.of(alarm(cover, "OPEN", "RAISED", 1, OffsetDateTime.now(ZoneOffset.UTC))))
        .body("outcomes.CASE_OPENED", equalTo(1));
  }

  @Test
  void keepsAResentAlarmOnce() {
    String cover = newCovers(1).get(0);
    Map<String, Object> open =
        alarm(cover, "OPEN", "RAISED", 1, OffsetDateTime.now(ZoneOffset.UTC));

    post(List.of(open)).body("outcomes.CASE_OPENED", equalTo(1));
    post(List.of(open)).body("outcomes.DUPLICATE", equalTo(1));

    assertThat(alarmsOf(List.of(cover))).isEqualTo(1);
    assertThat(casesOf(cover)).hasSize(1);
  }

  @Test
  void turnsAStormOfAlarmsOnKafkaIntoOneCasePerCoverAndLosesNone() throws Exception {
    List<String> covers = newCovers(20);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> records = new ArrayList<>();
    for (int round = 0; round < 100; round++) {
      for (String cover : covers) {
        records.add(
            json.writeValueAsString(
                alarm(cover, "OPEN", "RAISED", 1, t0.plusNanos(round * 1_000_000L))));
      }
    }
    try (TopicProbe gateway =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.SENSOR_ALARMS)) {
      for (int i = 0; i < records.size(); i++) {
        String record = records.get(i);
        String asset = json.readTree(record).path("assetCode").asText();
        gateway.send(Topics.SENSOR_ALARMS, asset, record);
        if (i % 40 == 0) {
          gateway.send(Topics.SENSOR_ALARMS, asset, record); // a gateway resending
        }
      }
      gateway.send(Topics.SENSOR_ALARMS, "garbage", "{not an alarm");
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> alarmsOf(covers) == 2000);
    List<String> cases = new ArrayList<>();
    for (String cover : covers) {
      assertThat(casesOf(cover)).as("cases of " + cover).hasSize(1);
      cases.add(casesOf(cover).get(0).toString());
    }
    try (TopicProbe announced = IntakeFixtures.watch(Topics.INTAKE_CASES)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> announced.records(r -> cases.contains(r.key())).size() >= cases.size());
      assertThat(announced.records(r -> cases.contains(r.key())))
          .as("each case announced once, through the outbox")
          .extracting(r -> r.key())
          .containsExactlyInAnyOrderElementsOf(cases);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count("SELECT count(*) FROM dead_letter WHERE payload = '{not an alarm'") > 0);
  }

  /** Each alarm of the covers as stored: its outcome and its case. */
  private List<String> storedAlarmsOf(List<String> assets) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createNativeQuery(
                        "SELECT alarm_id || ' ' || outcome || ' ' || coalesce(case_id::text, '-')"
                            + " FROM sensor_alarm WHERE asset_code IN (:a) ORDER BY alarm_id",
                        String.class)
                    .setParameter("a", assets)
                    .getResultList());
  }

  @Test
  void storesAResentBatchOnceAndChangesNothingTheSecondTime() {
    List<String> covers = newCovers(3);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
    List<Map<String, Object>> batch = new ArrayList<>();
    for (String cover : covers) {
      batch.add(alarm(cover, "OPEN", "RAISED", 1, t0));
      batch.add(alarm(cover, "OPEN", "RAISED", 1, t0.plusSeconds(1)));
      batch.add(alarm(cover, "TILT", "RAISED", 5, t0));
      batch.add(alarm(cover, "TILT", "CLEARED", 0, t0.plusSeconds(1)));
    }
    post(batch)
        .body("outcomes.CASE_OPENED", equalTo(3))
        .body("outcomes.ATTACHED", equalTo(3))
        .body("outcomes.BELOW_THRESHOLD", equalTo(3))
        .body("outcomes.CLEARED", equalTo(3));
    List<String> stored = storedAlarmsOf(covers);

    post(batch)
        .body("received", equalTo(12))
        .body("outcomes.size()", equalTo(1))
        .body("outcomes.DUPLICATE", equalTo(12));

    assertThat(storedAlarmsOf(covers)).hasSize(12).isEqualTo(stored);
    for (String cover : covers) {
      assertThat(casesOf(cover)).as("cases of " + cover).hasSize(1);
    }
  }

  @Test
  void decidesSeveralAlarmsOfOneCoverInOneBatchAndKeepsOneSentTwiceInItOnce() {
    String cover = newCovers(1).get(0);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
    Map<String, Object> first = alarm(cover, "OPEN", "RAISED", 1, t0);

    post(List.of(
            alarm(cover, "OPEN", "RAISED", 1, t0.plusSeconds(2)),
            first,
            alarm(cover, "OPEN", "RAISED", 1, t0.plusSeconds(1)),
            first))
        .body("outcomes.CASE_OPENED", equalTo(1))
        .body("outcomes.ATTACHED", equalTo(2))
        .body("outcomes.DUPLICATE", equalTo(1));

    List<UUID> cases = casesOf(cover);
    assertThat(cases).hasSize(1);
    assertThat(storedAlarmsOf(List.of(cover)))
        .hasSize(3)
        .allSatisfy(a -> assertThat(a).endsWith(" " + cases.get(0)))
        .anySatisfy(
            a -> assertThat(a).isEqualTo(first.get("alarmId") + " CASE_OPENED " + cases.get(0)));
  }

  @Test
  void keepsTheAlarmsOfABatchPostedByFourGatewaysAtOnceOnceWithOneCasePerCover() throws Exception {
    List<String> covers = newCovers(5);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      for (String cover : covers) {
        batch.add(alarm(cover, "OPEN", "RAISED", 1, t0.plusSeconds(round)));
      }
    }
    java.util.concurrent.ExecutorService gateways =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<Integer>> duplicates = new ArrayList<>();
    try {
      for (int g = 0; g < 4; g++) {
        duplicates.add(
            gateways.submit(
                () -> {
                  Integer d =
                      post(batch)
                          .extract()
                          .jsonPath()
                          .getObject("outcomes.DUPLICATE", Integer.class);
                  return d == null ? 0 : d;
                }));
      }
      int total = 0;
      for (java.util.concurrent.Future<Integer> d : duplicates) {
        total += d.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertThat(total).as("duplicates over the four posts").isEqualTo(3 * batch.size());
    } finally {
      gateways.shutdownNow();
    }

    assertThat(alarmsOf(covers)).isEqualTo(batch.size());
    for (String cover : covers) {
      assertThat(casesOf(cover)).as("cases of " + cover).hasSize(1);
    }
  }

  @Test
  void setsAsideAnInvalidAlarmOnKafkaAndStoresTheValidOnesAroundIt() throws Exception {
    String cover = newCovers(1).get(0);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    Map<String, Object> invalid = alarm("12", "OPEN", "RAISED", 1, t0);
    try (TopicProbe gateway = IntakeFixtures.watch(Topics.SENSOR_ALARMS)) {
      gateway.send(
          Topics.SENSOR_ALARMS,
          cover,
          json.writeValueAsString(alarm(cover, "OPEN", "RAISED", 1, t0)));
      gateway.send(Topics.SENSOR_ALARMS, cover, json.writeValueAsString(invalid));
      gateway.send(
          Topics.SENSOR_ALARMS,
          cover,
          json.writeValueAsString(alarm(cover, "OPEN", "RAISED", 1, t0.plusSeconds(1))));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> alarmsOf(List.of(cover)) == 2);
    assertThat(casesOf(cover)).hasSize(1);
    List<String> errors =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    entityManager
                        .createNativeQuery(
                            "SELECT error FROM dead_letter WHERE consumer = 'intake-sensors' AND"
                                + " payload LIKE ?1",
                            String.class)
                        .setParameter(1, "%" + invalid.get("alarmId") + "%")
                        .getResultList());
    assertThat(errors).singleElement().asString().startsWith("assetCode ");
  }
}
