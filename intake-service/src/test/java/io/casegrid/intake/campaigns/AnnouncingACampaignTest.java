package io.casegrid.intake.campaigns;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CampaignAmended;
import io.casegrid.events.CampaignEnded;
import io.casegrid.events.CampaignEvent;
import io.casegrid.events.CampaignLaunched;
import io.casegrid.events.CampaignProgressReported;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intake announces its campaigns on its campaigns topic for whoever follows them (the leadership
 * dashboard): the launch with its period and items, the deadlines moved, the end, and the headline
 * progress, reported when it changed and not once per result.
 */
@QuarkusTest
@TestProfile(AnnouncingACampaignTest.ReportedWhenAsked.class)
class AnnouncingACampaignTest {

  /** The reporter's timer stays out of the way: the test says when progress is reported. */
  public static class ReportedWhenAsked implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("casegrid.campaign-progress.interval", "1h");
    }
  }

  private static final EventCodec CODEC = new EventCodec();
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  private static final Map<String, Object> SEWER_COVER_OK =
      Map.of("condition", "OK", "position", Map.of("latitude", 30.2025, "longitude", 120.1021));
  private static TopicProbe bus;

  @Inject CampaignProgressReporter reporter;

  @BeforeAll
  static void connect() {
    bus = IntakeFixtures.watch(Topics.INTAKE_CAMPAIGNS);
  }

  @AfterAll
  static void disconnect() {
    bus.close();
  }

  @BeforeEach
  void loadTheDemoCity() {
    IntakeFixtures.loadTheDemoCity();
  }

  private static Map<String, Object> period(LocalDate inspectBy) {
    return Map.of(
        "startsOn", TODAY.minusDays(3).toString(),
        "inspectBy", inspectBy.toString(),
        "rectifyBy", TODAY.plusDays(40).toString(),
        "rectificationWorkingDays", 7);
  }

  /** A campaign over Donghu's sewer covers, launched. */
  private static String sewerCoversCampaign() {
    String id =
        as("supervisor1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name", "东湖区污水井盖排查",
                    "scope",
                        Map.of(
                            "categoryCodes", List.of("0102"),
                            "areaCodes", List.of("339901"),
                            "registerAsOf", TODAY.toString()),
                    "period", period(TODAY.plusDays(10))))
            .post("/api/campaigns")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as("supervisor1").post("/api/campaigns/" + id + "/launch").then().statusCode(200);
    return id;
  }

  private static String sewerCover(String campaign, int index) {
    return as("supervisor1")
        .queryParam("size", 10)
        .get("/api/campaigns/" + campaign + "/items")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("[" + index + "].assetCode");
  }

  private static void inspected(String campaign, String asset) {
    as("inspector1")
        .contentType(ContentType.JSON)
        .body(SEWER_COVER_OK)
        .post("/api/campaigns/" + campaign + "/items/" + asset + "/result")
        .then()
        .statusCode(201);
  }

  /** The campaign's events on the bus so far, in order. */
  private static List<CloudEvent> announced(String campaign) {
    return bus.records(r -> campaign.equals(r.key())).stream()
        .map(r -> CODEC.read(r.value()))
        .toList();
  }

  private static <T extends CampaignEvent> List<T> announced(String campaign, Class<T> type) {
    return announced(campaign).stream()
        .map(CODEC::payload)
        .flatMap(java.util.Optional::stream)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static JsonPath total(String campaign) {
    return as("supervisor1")
        .queryParam("groupBy", "OWNER")
        .get("/api/campaigns/" + campaign + "/progress")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("total");
  }

  @Test
  void aLaunchIsAnnouncedWithTheCampaignsNamePeriodAndItems() {
    String campaign = sewerCoversCampaign();

    int items =
        as("supervisor1").get("/api/campaigns/" + campaign).then().extract().path("itemsInScope");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !announced(campaign, CampaignLaunched.class).isEmpty());
    CampaignLaunched launched = announced(campaign, CampaignLaunched.class).get(0);
    assertThat(launched.campaignId()).isEqualTo(UUID.fromString(campaign));
    assertThat(launched.name()).isEqualTo("东湖区污水井盖排查");
    assertThat(launched.startsOn()).isEqualTo(TODAY.minusDays(3));
    assertThat(launched.inspectBy()).isEqualTo(TODAY.plusDays(10));
    assertThat(launched.rectifyBy()).isEqualTo(TODAY.plusDays(40));
    assertThat(launched.rectificationWorkingDays()).isEqualTo(7);
    assertThat(launched.itemsInScope()).isEqualTo(items).isPositive();
    assertThat(announced(campaign))
        .allSatisfy(e -> assertThat(e.source()).isEqualTo(Topics.INTAKE_SOURCE))
        .allSatisfy(e -> assertThat(e.subject()).isEqualTo(campaign));
  }

  @Test
  void progressIsAnnouncedWhenItChangedOnceForManyResultsAndNotAgainUntilItChanges() {
    String campaign = sewerCoversCampaign();
    inspected(campaign, sewerCover(campaign, 0));
    inspected(campaign, sewerCover(campaign, 1));

    reporter.report();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announced(campaign, CampaignProgressReported.class).size() == 1);
    CampaignProgressReported first = announced(campaign, CampaignProgressReported.class).get(0);
    JsonPath total = total(campaign);
    assertThat(first.inScope()).isEqualTo(total.getLong("inScope"));
    assertThat(first.inspected()).isEqualTo(2);
    assertThat(first.defects()).isZero();
    assertThat(first.rectified()).isZero();
    assertThat(first.overdue()).isZero();
    assertThat(first.blindSpots()).isZero();

    // Nothing changed: however often it is asked, nothing more is announced.
    assertThat(reporter.report()).isZero();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> announced(campaign, CampaignProgressReported.class).size() == 1);

    inspected(campaign, sewerCover(campaign, 2));
    reporter.report();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announced(campaign, CampaignProgressReported.class).size() == 2);
    assertThat(announced(campaign, CampaignProgressReported.class).get(1).inspected()).isEqualTo(3);
  }

  @Test
  void movedDeadlinesAndTheEndAreAnnouncedAndAnEndedCampaignIsReportedOnNoMore() {
    String campaign = sewerCoversCampaign();
    as("supervisor1")
        .contentType(ContentType.JSON)
        .body(period(TODAY.minusDays(1)))
        .put("/api/campaigns/" + campaign + "/period")
        .then()
        .statusCode(200);
    as("supervisor1").post("/api/campaigns/" + campaign + "/end").then().statusCode(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announced(campaign, CampaignEnded.class).size() == 1);
    assertThat(announced(campaign, CampaignAmended.class))
        .singleElement()
        .satisfies(a -> assertThat(a.inspectBy()).isEqualTo(TODAY.minusDays(1)));
    assertThat(announced(campaign, CampaignEnded.class).get(0).ending())
        .isEqualTo(CampaignEnded.Ending.ENDED_EARLY);
    assertThat(announced(campaign))
        .extracting(CloudEvent::type)
        .containsExactly(
            "io.casegrid.campaign.launched.v1",
            "io.casegrid.campaign.amended.v1",
            "io.casegrid.campaign.ended.v1");

    reporter.report();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> announced(campaign, CampaignProgressReported.class).isEmpty());
  }
}
