package io.casegrid.intake.personal;

import static io.casegrid.embedded.DemoUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseReported;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A phone or ID number typed into a description leaves intake masked: in the event every other
 * service keeps, in Open311, and in every view but the hotline operator's.
 */
@QuarkusTest
class MaskingPhoneNumbersInFreeTextTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final String DESCRIPTION =
      "井盖缺失，请回电１３９－００００－１１１１或一三九零零零零二二二二，身份证330106199003071234";
  private static final String MASKED = "井盖缺失，请回电***－****－****或***********，身份证******************";
  private static TopicProbe announced;

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

  @Test
  void theEventOpen311AndEveryoneButTheOperatorSeeTheNumbersMasked() throws Exception {
    String id =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "kind", "COMPLAINT",
                    "channel", "HOTLINE",
                    "categoryCode", "0102",
                    "description", DESCRIPTION,
                    "addressText", "东坡路12号，门卫电话0571-88881234",
                    "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                    "reporter", Map.of("anonymous", true)))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    ConsumerRecord<String, String> record = announced.first(id, Duration.ofSeconds(20));
    CaseReported reported = CODEC.payload(CODEC.read(record.value()), CaseReported.class);
    assertThat(reported.description()).isEqualTo(MASKED);
    assertThat(reported.addressText()).isEqualTo("东坡路12号，门卫电话****-********");
    assertThat(record.value()).doesNotContain("１３９", "一三九", "88881234", "19900307");

    as("operator1")
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body("description", equalTo(DESCRIPTION));
    for (String reader : new String[] {"dispatcher1", "supervisor1"}) {
      as(reader)
          .get("/api/cases/" + id)
          .then()
          .statusCode(200)
          .body("description", equalTo(MASKED))
          .body("addressText", equalTo("东坡路12号，门卫电话****-********"));
    }

    String number = as("operator1").get("/api/cases/" + id).then().extract().path("caseNumber");
    String open311 = given().get("/open311/v2/requests/" + number + ".json").asString();
    assertThat(open311).contains(MASKED).doesNotContain("88881234");
  }
}
