package io.casegrid.intake.personal;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reporter's name and phone: sealed at rest, shown in full to operators only, audited. */
@QuarkusTest
class ProtectingReportersPersonalDataTest {

  private static TopicProbe announced;

  @BeforeAll
  static void watchTheTopic() {
    announced =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.INTAKE_CASES);
  }

  @AfterAll
  static void stopWatching() {
    announced.close();
  }

  @Inject EntityManager entityManager;

  private String name;
  private String phone;

  @BeforeEach
  void loadTheDemoCityAndMakeUpACaller() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
    // A caller of this test alone, so that searches and audit rows are its own.
    phone = "135" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    name = "欧阳" + "春夏秋冬".charAt(ThreadLocalRandom.current().nextInt(4)) + phone.substring(7);
  }

  private String register(Map<String, Object> reporter) {
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind", "COMPLAINT",
                "channel", "HOTLINE",
                "categoryCode", "E0101",
                "description", "小区垃圾桶满溢",
                "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter", reporter))
        .post("/api/cases")
        .then()
        .statusCode(201)
        .body("reporterName", nullValue())
        .body("reporterPhone", nullValue())
        .extract()
        .path("id");
  }

  private String registerNamed() {
    return register(
        Map.of(
            "name",
            name,
            "phone",
            phone.substring(0, 3) + "-" + phone.substring(3),
            "anonymous",
            false,
            "callbackConsent",
            true));
  }

  private String masked() {
    return phone.substring(0, 3) + "****" + phone.substring(7);
  }

  private List<Object[]> auditOf(String caseId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createNativeQuery(
                        "SELECT user_name, action FROM personal_data_access WHERE case_id = ?1"
                            + " ORDER BY accessed_at",
                        Object[].class)
                    .setParameter(1, UUID.fromString(caseId))
                    .getResultList());
  }

  private String rowAsText(String caseId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (String)
                    entityManager
                        .createNativeQuery(
                            "SELECT row_to_json(c)::text FROM case_record c WHERE id = ?1")
                        .setParameter(1, UUID.fromString(caseId))
                        .getSingleResult());
  }

  @Test
  void keepsNeitherTheNameNorThePhoneInClearInTheDatabase() {
    String id = registerNamed();

    String row = rowAsText(id);
    assertThat(row)
        .contains("\"reporter_key_id\":\"k")
        .doesNotContain(name)
        .doesNotContain(phone)
        .doesNotContain(phone.substring(3))
        .doesNotContain(masked());
    Object[] sealed =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (Object[])
                        entityManager
                            .createNativeQuery(
                                "SELECT reporter_name_sealed, reporter_phone_sealed,"
                                    + " reporter_phone_index FROM case_record WHERE id = ?1")
                            .setParameter(1, UUID.fromString(id))
                            .getSingleResult());
    assertThat(sealed).doesNotContainNull();
    List<?> plaintextColumns =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    entityManager
                        .createNativeQuery(
                            "SELECT column_name FROM information_schema.columns WHERE table_name"
                                + " = 'case_record' AND column_name IN ('reporter_name',"
                                + " 'reporter_phone')")
                        .getResultList());
    assertThat(plaintextColumns).isEmpty();
  }

  @Test
  void showsAHotlineOperatorTheReporterInFullAndAuditsTheRead() {
    String id = registerNamed();

    as("operator1")
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body("reporterName", equalTo(name))
        .body("reporterPhone", equalTo(phone))
        .body("reporterPhoneMasked", equalTo(masked()));

    assertThat(auditOf(id)).singleElement().isEqualTo(new Object[] {"operator1", "VIEW"});
    as("supervisor1")
        .queryParam("case", id)
        .get("/api/audit/personal-data")
        .then()
        .statusCode(200)
        .body("user", equalTo(List.of("operator1")))
        .body("action", equalTo(List.of("VIEW")))
        .body("caseId", equalTo(List.of(id)));
  }

  @Test
  void auditsAnOperatorFindingACaseByItsNumber() {
    String id = registerNamed();
    String number = as("dispatcher1").get("/api/cases/" + id).then().extract().path("caseNumber");

    as("operator1")
        .queryParam("number", number)
        .get("/api/cases")
        .then()
        .statusCode(200)
        .body("reporterName", equalTo(List.of(name)));

    assertThat(auditOf(id)).singleElement().isEqualTo(new Object[] {"operator1", "VIEW"});
  }

  @Test
  void showsDispatchersAndTheSupervisionCentreTheMaskedPhoneOnlyAndAuditsNothing() {
    String id = registerNamed();

    for (String user : List.of("dispatcher1", "supervisor1")) {
      as(user)
          .get("/api/cases/" + id)
          .then()
          .statusCode(200)
          .body("reporterPhoneMasked", equalTo(masked()))
          .body("reporterName", nullValue())
          .body("reporterPhone", nullValue());
    }
    assertThat(auditOf(id)).isEmpty();
  }

  @Test
  void findsACallersCasesByPhoneAndAuditsTheSearch() {
    String first = registerNamed();
    String second = registerNamed();

    as("operator1")
        .queryParam("phone", phone.substring(0, 3) + " " + phone.substring(3))
        .get("/api/cases")
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(second, first)))
        .body("reporterPhone", equalTo(List.of(phone, phone)))
        .body("reporterName", equalTo(List.of(name, name)));

    assertThat(auditOf(first))
        .singleElement()
        .isEqualTo(new Object[] {"operator1", "SEARCH_BY_PHONE"});
    assertThat(auditOf(second))
        .singleElement()
        .isEqualTo(new Object[] {"operator1", "SEARCH_BY_PHONE"});
    as("admin1")
        .queryParam("user", "operator1")
        .queryParam("since", "2000-01-01")
        .get("/api/audit/personal-data")
        .then()
        .statusCode(200)
        .body(
            "findAll { it.caseId == '" + first + "' }.action", equalTo(List.of("SEARCH_BY_PHONE")));
  }

  @Test
  void keepsAnAnonymousReportAnonymousEverywhere() {
    String id = register(Map.of("anonymous", true));

    for (String user : List.of("operator1", "dispatcher1")) {
      as(user)
          .get("/api/cases/" + id)
          .then()
          .statusCode(200)
          .body("reporterAnonymous", equalTo(true))
          .body("reporterName", nullValue())
          .body("reporterPhone", nullValue())
          .body("reporterPhoneMasked", nullValue());
    }
    assertThat(rowAsText(id))
        .contains("\"reporter_key_id\":null")
        .contains("\"reporter_name_sealed\":null")
        .contains("\"reporter_phone_sealed\":null")
        .contains("\"reporter_phone_index\":null");
    assertThat(auditOf(id)).isEmpty();
  }

  @Test
  void announcesTheCaseWithoutTheReportersNameOrPhone() {
    String id = registerNamed();

    ConsumerRecord<String, String> record = announced.first(id, Duration.ofSeconds(20));
    assertThat(record.value())
        .contains(id)
        .doesNotContain(name)
        .doesNotContain(phone)
        .doesNotContain(phone.substring(3))
        .doesNotContain(masked())
        .doesNotContain("\"reporter\"")
        .doesNotContainPattern("reporter(Name|Phone|Anonymous)");
  }

  @Test
  void refusesAnAuditQueryWithAMalformedDateOrCase() {
    as("supervisor1")
        .queryParam("since", "yesterday")
        .get("/api/audit/personal-data")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("since"));
    as("supervisor1")
        .queryParam("case", "not-a-case")
        .get("/api/audit/personal-data")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("case"));
  }

  @Test
  void answersTheRegistrationWithTheMaskedPhoneOnly() {
    Map<String, Object> reporter = new HashMap<>();
    reporter.put("name", name);
    reporter.put("phone", phone);
    reporter.put("anonymous", false);
    reporter.put("callbackConsent", true);
    as("inspector1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind", "DEFECT",
                "channel", "GRID_INSPECTOR",
                "categoryCode", "0101",
                "description", "井盖破损",
                "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter", reporter))
        .post("/api/cases")
        .then()
        .statusCode(201)
        .body("reporterPhoneMasked", equalTo(masked()))
        .body("reporterName", nullValue())
        .body("reporterPhone", nullValue());
  }
}
