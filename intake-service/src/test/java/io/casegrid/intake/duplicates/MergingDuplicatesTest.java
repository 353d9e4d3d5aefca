package io.casegrid.intake.duplicates;

import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.DemoUsers;
import io.casegrid.embedded.TestPhotos;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.EventCodec;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several people report the same problem: the operator is shown the open case before saving, adds
 * the caller to it, and merges a case registered earlier; one case, several reporters, one number.
 */
@QuarkusTest
class MergingDuplicatesTest {

  private static final EventCodec CODEC = new EventCodec();
  private static TopicProbe announced;

  @Inject EntityManager entityManager;

  /** A place in the demo city, in WGS-84 degrees. */
  record Place(double latitude, double longitude) {

    /** Somewhere in the city, away from the places other tests use. */
    static Place somewhere() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      return new Place(random.nextDouble(30.205, 30.315), random.nextDouble(120.085, 120.235));
    }

    Place north(double metres) {
      return new Place(latitude + metres / 111_195.08, longitude);
    }

    Map<String, Object> json() {
      return Map.of("latitude", latitude, "longitude", longitude);
    }
  }

  @BeforeAll
  static void watchTheTopic() {
    announced = IntakeFixtures.watch(Topics.INTAKE_CASES);
  }

  @AfterAll
  static void stopWatching() {
    announced.close();
  }

  @BeforeEach
  void loadTheDemoCity() {
    IntakeFixtures.loadTheDemoCity();
  }

  private static String newPhone() {
    return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  private static Map<String, Object> report(String category, Place at, String phone) {
    Map<String, Object> body = new HashMap<>();
    body.put("kind", "COMPLAINT");
    body.put("channel", "HOTLINE");
    body.put("categoryCode", category);
    body.put("description", "路口井盖缺失，有行人绊倒");
    body.put("addressText", "湖滨路口");
    body.put("position", at.json());
    body.put(
        "reporter",
        phone == null
            ? Map.of("anonymous", true)
            : Map.of("name", "张三", "phone", phone, "anonymous", false, "callbackConsent", true));
    return body;
  }

  private static JsonPath register(Map<String, Object> body) {
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/cases")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static JsonPath register(String category, Place at, String phone) {
    return register(report(category, at, phone));
  }

  private static JsonPath suggestions(String category, Place at) {
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(Map.of("categoryCode", category, "position", at.json()))
        .post("/api/cases/duplicate-suggestions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static io.restassured.response.ValidatableResponse addReporter(
      String caseId, String phone, String note) {
    Map<String, Object> reporter =
        phone == null
            ? Map.of("anonymous", true)
            : Map.of("name", "李四", "phone", phone, "anonymous", false, "callbackConsent", true);
    Map<String, Object> body = new HashMap<>(Map.of("channel", "HOTLINE", "reporter", reporter));
    if (note != null) {
      body.put("note", note);
    }
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/cases/" + caseId + "/reporters")
        .then();
  }

  private static void addPhoto(String caseId) {
    as("operator1")
        .contentType("image/png")
        .body(TestPhotos.png())
        .post("/api/cases/" + caseId + "/photos")
        .then()
        .statusCode(201);
  }

  private static int photos(String caseId) {
    return as("operator1")
        .get("/api/cases/" + caseId + "/photos")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$")
        .size();
  }

  private static io.restassured.response.ValidatableResponse merge(
      String survivingId, String mergedId) {
    return as("dispatcher1")
        .contentType(ContentType.JSON)
        .body(Map.of("caseId", mergedId, "reason", "同一井盖，两次登记"))
        .post("/api/cases/" + survivingId + "/merged-cases")
        .then();
  }

  private static JsonPath byPhone(String phone) {
    return as("operator1")
        .queryParam("phone", phone)
        .get("/api/cases")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static CaseMerged mergeAnnounced(String survivingId, int reporterCount) {
    ConsumerRecord<String, String> record =
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    announced.records(
                        r ->
                            r.key().equals(survivingId)
                                && r.value().contains("io.casegrid.case.merged.v1")
                                && CODEC
                                        .payload(CODEC.read(r.value()), CaseMerged.class)
                                        .reporterCount()
                                    == reporterCount),
                l -> !l.isEmpty())
            .get(0);
    return CODEC.payload(CODEC.read(record.value()), CaseMerged.class);
  }

  @Test
  void suggestsTheOpenCaseOfTheSameCategoryWithinTheRadius() {
    Place crossing = Place.somewhere();
    String first = register("0102", crossing, newPhone()).getString("id");
    String second = register("0102", crossing.north(60), newPhone()).getString("id");
    String farAway = register("0102", crossing.north(300), newPhone()).getString("id");

    JsonPath found = suggestions("0102", crossing.north(10));

    assertThat(found.getInt("radiusMetres")).isEqualTo(100);
    assertThat(found.getLong("windowHours")).isEqualTo(72);
    List<String> ids = found.getList("suggestions.caseId");
    assertThat(ids).contains(first, second).doesNotContain(farAway);
    assertThat(ids.indexOf(first)).as("the nearest first").isLessThan(ids.indexOf(second));
    Map<String, Object> nearest = found.getMap("suggestions[" + ids.indexOf(first) + "]");
    assertThat(nearest.get("distanceMetres")).isEqualTo(10);
    assertThat(nearest.get("reporterCount")).isEqualTo(1);
    assertThat(nearest.get("status")).isEqualTo("REGISTERED");
    assertThat(((Number) nearest.get("ageMinutes")).longValue()).isLessThan(5);
  }

  @Test
  void doesNotSuggestAClosedCaseOrAnotherCategory() {
    Place crossing = Place.somewhere();
    Map<String, Object> answered = report("0102", crossing, newPhone());
    answered.put("resolvedOnCall", Map.of("answer", "已告知：井盖已由排水公司修复"));
    String closed = register(answered).getString("id");
    String storm = register("0103", crossing, newPhone()).getString("id");
    String open = register("0102", crossing.north(5), newPhone()).getString("id");
    String mergedAway = register("0102", crossing.north(8), newPhone()).getString("id");
    merge(open, mergedAway).statusCode(200);

    List<String> ids = suggestions("0102", crossing).getList("suggestions.caseId");

    assertThat(ids).contains(open).doesNotContain(closed, storm, mergedAway);
  }

  @Test
  void mergesTheSecondCallerIntoTheFirstCaseAndTellsBothTheSameNumber() {
    Place crossing = Place.somewhere();
    String firstCaller = newPhone();
    String secondCaller = newPhone();
    JsonPath first = register("0102", crossing, firstCaller);
    String id = first.getString("id");
    String number = first.getString("caseNumber");
    assertThat(suggestions("0102", crossing.north(20)).getList("suggestions.caseId")).contains(id);

    addReporter(id, secondCaller, "井盖旁边还有积水")
        .statusCode(201)
        .body("caseNumber", equalTo(number))
        .body("caseId", equalTo(id))
        .body("reporterCount", equalTo(2));

    assertThat(byPhone(firstCaller).getList("caseNumber")).containsExactly(number);
    assertThat(byPhone(secondCaller).getList("caseNumber")).containsExactly(number);
    as("operator1")
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body("reporterCount", equalTo(2))
        .body("reporters[0].phone", equalTo(firstCaller))
        .body("reporters[1].phone", equalTo(secondCaller))
        .body("reporters[1].name", equalTo("李四"))
        .body("reporters[1].note", equalTo("井盖旁边还有积水"))
        .body("reporters[1].toldCaseNumber", equalTo(number))
        .body("reporters[1].recordedBy", equalTo("operator1"));
    as("supervisor1")
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body(
            "reporters[1].phoneMasked",
            equalTo(secondCaller.substring(0, 3) + "****" + secondCaller.substring(7)))
        .body("reporters[1].phone", nullValue())
        .body("reporters[1].name", nullValue());

    CaseMerged merged = mergeAnnounced(id, 2);
    assertThat(merged.mergedCaseId()).isNull();
    assertThat(merged.caseNumber()).isEqualTo(number);
    assertThat(announced.records(r -> r.key().equals(id)))
        .allSatisfy(r -> assertThat(r.value()).doesNotContain(secondCaller).doesNotContain("李四"));
  }

  @Test
  void mergingKeepsEveryReporterAndPhoto() {
    Place crossing = Place.somewhere();
    String filerOfSecond = newPhone();
    String joinerOfSecond = newPhone();
    JsonPath first = register("0102", crossing, newPhone());
    JsonPath second = register("0102", crossing.north(30), filerOfSecond);
    String keep = first.getString("id");
    String absorb = second.getString("id");
    addReporter(keep, null, null).statusCode(201).body("reporterCount", equalTo(2));
    addReporter(absorb, joinerOfSecond, null).statusCode(201).body("reporterCount", equalTo(2));
    addPhoto(keep);
    addPhoto(absorb);
    addPhoto(absorb);

    merge(keep, absorb)
        .statusCode(200)
        .body("caseNumber", equalTo(first.getString("caseNumber")))
        .body("mergedCaseNumber", equalTo(second.getString("caseNumber")))
        .body("reportersMoved", equalTo(2))
        .body("photosMoved", equalTo(2))
        .body("reporterCount", equalTo(4));

    JsonPath kept = as("operator1").get("/api/cases/" + keep).then().extract().jsonPath();
    assertThat(kept.getInt("reporterCount")).isEqualTo(4);
    assertThat(kept.getList("reporters.phone")).contains(filerOfSecond, joinerOfSecond);
    assertThat(kept.getList("reporters.toldCaseNumber"))
        .containsExactly(
            first.getString("caseNumber"),
            second.getString("caseNumber"),
            first.getString("caseNumber"),
            second.getString("caseNumber"));
    assertThat(photos(keep)).isEqualTo(3);
    assertThat(photos(absorb)).isZero();
    as("operator1")
        .get("/api/cases/" + absorb)
        .then()
        .body("status", equalTo("MERGED"))
        .body("mergedInto", equalTo(keep))
        .body("mergedIntoCaseNumber", equalTo(first.getString("caseNumber")))
        .body("reporterCount", equalTo(0))
        .body("reporterPhone", nullValue());
    assertThat(byPhone(filerOfSecond).getList("id")).containsExactly(keep);
    assertThat(byPhone(joinerOfSecond).getList("id")).containsExactly(keep);
    assertThat(reportersStoredFor(keep)).as("joined reporters kept for the case").isEqualTo(3);

    CaseMerged merged = mergeAnnounced(keep, 4);
    assertThat(merged.mergedCaseId()).hasToString(absorb);
    assertThat(merged.mergedCaseNumber()).isEqualTo(second.getString("caseNumber"));
    assertThat(merged.actor()).isEqualTo("dispatcher1");
  }

  @Test
  void refusesToMergeACaseThatIsNotOpen() {
    Place crossing = Place.somewhere();
    String keep = register("0102", crossing, newPhone()).getString("id");
    JsonPath surviving = register("0102", crossing, newPhone());
    String absorb = register("0102", crossing, newPhone()).getString("id");
    merge(surviving.getString("id"), absorb).statusCode(200);

    merge(keep, absorb).statusCode(409).body("detail", containsString("MERGED"));
    merge(absorb, keep)
        .statusCode(409)
        .body("detail", containsString(surviving.getString("caseNumber")));
    addReporter(absorb, newPhone(), null)
        .statusCode(409)
        .body("detail", containsString(surviving.getString("caseNumber")));
    merge(keep, keep).statusCode(422).body("errors[0].field", equalTo("caseId"));
    merge(keep, UUID.randomUUID().toString()).statusCode(422);
    assertThat(reportersStoredFor(keep)).isZero();
  }

  @Test
  void aMergedCaseStaysMergedWhenDispatchReportsOnItLate() {
    Place crossing = Place.somewhere();
    String keep = register("0102", crossing, newPhone()).getString("id");
    JsonPath duplicate = register("0102", crossing, newPhone());
    String control = register("0102", crossing, newPhone()).getString("id");
    merge(keep, duplicate.getString("id")).statusCode(200);

    // Dispatch routed the duplicate before it read the merge. Both records go on one partition
    // (the key decides it), so once the second is applied the first has been too.
    for (String id : List.of(duplicate.getString("id"), control)) {
      announced.send(
          Topics.DISPATCH_CASES,
          duplicate.getString("id"),
          CODEC.write(
              CODEC.envelope(
                  new CaseDispatched(
                      UUID.fromString(id),
                      duplicate.getString("caseNumber"),
                      "DRAINAGE",
                      RoutingBasis.ROUTING_CATALOGUE,
                      "catalogue:0102",
                      "0102",
                      Urgency.URGENT,
                      null,
                      Instant.now(),
                      Instant.now(),
                      List.of()),
                  Topics.DISPATCH_SOURCE,
                  Instant.now())));
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> "DISPATCHED".equals(as("operator1").get("/api/cases/" + control).path("status")));
    as("operator1")
        .get("/api/cases/" + duplicate.getString("id"))
        .then()
        .body("status", equalTo("MERGED"))
        .body("departmentCode", nullValue());
  }

  @Test
  void aSensorAlarmJoinsTheOpenCaseACitizenFiledForItsCover() {
    Place at = Place.somewhere();
    String cover = newCover(at);
    loadSensorRules();
    String filed = registerAbout(cover, at);

    postAlarm(cover, "MISSING").body("outcomes.ATTACHED", equalTo(1));

    assertThat(casesOf(cover)).containsExactly(UUID.fromString(filed));
    as("operator1")
        .get("/api/cases/" + filed)
        .then()
        .body("reporterCount", equalTo(1))
        .body("status", equalTo("REGISTERED"));
  }

  @Test
  void aSensorsCaseHasNoReporterAndItsAlarmsFollowItWhenMerged() {
    Place at = Place.somewhere();
    String cover = newCover(at);
    loadSensorRules();
    postAlarm(cover, "MISSING").body("outcomes.CASE_OPENED", equalTo(1));
    String sensorCase = casesOf(cover).get(0).toString();
    as("operator1").get("/api/cases/" + sensorCase).then().body("reporterCount", equalTo(0));
    String citizens = register("0102", at.north(15), newPhone()).getString("id");

    merge(citizens, sensorCase)
        .statusCode(200)
        .body("reportersMoved", equalTo(0))
        .body("alarmsMoved", equalTo(1))
        .body("reporterCount", equalTo(1));
    postAlarm(cover, "MISSING").body("outcomes.ATTACHED", equalTo(1));

    assertThat(alarmsOn(citizens)).as("both alarms on the surviving case").isEqualTo(2);
    assertThat(casesOf(cover)).containsExactly(UUID.fromString(sensorCase));
  }

  // A new sewage cover of the drainage company at the place, so that no other test shares it.
  private static String newCover(Place at) {
    String code =
        "33990101" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "assets",
                List.of(
                    Map.of(
                        "code",
                        code,
                        "categoryCode",
                        "0102",
                        "latitude",
                        at.latitude(),
                        "longitude",
                        at.longitude(),
                        "ownerDepartmentCode",
                        "DRAINAGE"))))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
    return code;
  }

  private static void loadSensorRules() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body("{\"rules\": [{\"kind\": \"MISSING\", \"debounceSeconds\": 0}]}")
        .put("/api/admin/sensor-rules")
        .then()
        .statusCode(200);
  }

  private static String registerAbout(String cover, Place at) {
    Map<String, Object> body = report("0102", at, newPhone());
    body.put("assetCode", cover);
    return register(body).getString("id");
  }

  private static io.restassured.response.ValidatableResponse postAlarm(String cover, String kind) {
    return asClient(DemoUsers.SENSOR_CLIENT)
        .contentType(ContentType.JSON)
        .body(
            List.of(
                Map.of(
                    "alarmId",
                    "gw9:" + UUID.randomUUID(),
                    "assetCode",
                    cover,
                    "kind",
                    kind,
                    "state",
                    "RAISED",
                    "observedAt",
                    OffsetDateTime.now(ZoneOffset.UTC).toString())))
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

  private long alarmsOn(String caseId) {
    return count("SELECT count(*) FROM sensor_alarm WHERE case_id = ?1", caseId);
  }

  private long reportersStoredFor(String caseId) {
    return count("SELECT count(*) FROM case_reporter WHERE case_id = ?1", caseId);
  }

  private long count(String sql, String caseId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(sql)
                            .setParameter(1, UUID.fromString(caseId))
                            .getSingleResult())
                    .longValue());
  }
}
