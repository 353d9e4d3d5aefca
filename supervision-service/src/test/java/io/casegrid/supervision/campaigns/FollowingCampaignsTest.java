package io.casegrid.supervision.campaigns;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CampaignAmended;
import io.casegrid.events.CampaignEnded;
import io.casegrid.events.CampaignEvent;
import io.casegrid.events.CampaignLaunched;
import io.casegrid.events.CampaignProgressReported;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Supervision follows intake's campaigns into the leadership dashboard's list of active campaigns:
 * each event applied once, a replay changing nothing, a record under another source than intake's
 * set aside, and a campaign leaving the list when it ends or its last day has passed.
 */
@QuarkusTest
class FollowingCampaignsTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  private static final Instant LAUNCHED = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static TopicProbe bus;

  @Inject EntityManager entityManager;

  @BeforeAll
  static void connect() {
    bus = new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.INTAKE_CAMPAIGNS);
  }

  @AfterAll
  static void disconnect() {
    bus.close();
  }

  /** Sends an event as {@code source} announced it; answers the record sent, to replay it. */
  private static String send(CampaignEvent event, String source) {
    String record = CODEC.write(CODEC.envelope(event, source, Instant.now()));
    resend(event.campaignId(), record);
    return record;
  }

  private static String announce(CampaignEvent event) {
    return send(event, Topics.INTAKE_SOURCE);
  }

  private static void resend(UUID campaign, String record) {
    bus.send(Topics.INTAKE_CAMPAIGNS, campaign.toString(), record);
  }

  private static CampaignLaunched launched(UUID id, String name, LocalDate rectifyBy) {
    return new CampaignLaunched(
        id, name, TODAY.minusDays(5), TODAY.plusDays(5), rectifyBy, 10, 1200, LAUNCHED);
  }

  private static JsonPath active() {
    return as("leader1").get("/api/active-campaigns").then().statusCode(200).extract().jsonPath();
  }

  /** The campaign as the active list shows it, or null when it is not listed. */
  private static Map<String, Object> shown(UUID id) {
    return active().getMap("find { it.campaignId == '" + id + "' }");
  }

  private long deadLetters(UUID key) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(
                                "SELECT count(*) FROM dead_letter WHERE topic = ?1"
                                    + " AND record_key = ?2")
                            .setParameter(1, Topics.INTAKE_CAMPAIGNS)
                            .setParameter(2, key.toString())
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void aLaunchedCampaignIsActiveWithItsPeriodAndTheLatestProgressIntakeReported() {
    UUID id = UUID.randomUUID();
    announce(launched(id, "东湖区窨井盖专项整治", TODAY.plusDays(30)));

    await().atMost(Duration.ofSeconds(20)).until(() -> shown(id) != null);
    JsonPath list = active();
    String at = "find { it.campaignId == '" + id + "' }.";
    assertThat(list.getString(at + "name")).isEqualTo("东湖区窨井盖专项整治");
    assertThat(list.getString(at + "startsOn")).isEqualTo(TODAY.minusDays(5).toString());
    assertThat(list.getString(at + "inspectBy")).isEqualTo(TODAY.plusDays(5).toString());
    assertThat(list.getString(at + "rectifyBy")).isEqualTo(TODAY.plusDays(30).toString());
    assertThat(list.getInt(at + "rectificationWorkingDays")).isEqualTo(10);
    assertThat(list.getBoolean(at + "inspectionOver")).isFalse();
    assertThat(list.getLong(at + "progress.inScope")).isEqualTo(1200);
    assertThat(list.getLong(at + "progress.inspected")).isZero();
    // No blind spots are counted before the inspection deadline.
    assertThat(list.getString(at + "progress.blindSpots")).isNull();

    announce(new CampaignProgressReported(id, LAUNCHED.plusSeconds(60), 1200, 300, 12, 5, 1, 0));
    // An older snapshot arriving late does not undo a newer one.
    announce(new CampaignProgressReported(id, LAUNCHED.plusSeconds(30), 1200, 200, 9, 2, 0, 0));
    announce(new CampaignProgressReported(id, LAUNCHED.plusSeconds(90), 1201, 310, 13, 6, 1, 0));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(shown(id).get("progress"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("inScope", 1201)
                    .containsEntry("inspected", 310)
                    .containsEntry("defects", 13)
                    .containsEntry("rectified", 6)
                    .containsEntry("overdue", 1));
  }

  @Test
  void eachEventIsAppliedOnceAndAReplayedOneChangesNothing() {
    UUID id = UUID.randomUUID();
    announce(launched(id, "西湖区窨井盖专项整治", TODAY.plusDays(30)));
    String extended =
        announce(
            new CampaignAmended(
                id, TODAY.minusDays(5), TODAY.plusDays(9), TODAY.plusDays(30), 10, LAUNCHED));
    announce(
        new CampaignAmended(
            id, TODAY.minusDays(5), TODAY.minusDays(1), TODAY.plusDays(30), 10, LAUNCHED));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                shown(id) != null
                    && shown(id).get("inspectBy").equals(TODAY.minusDays(1).toString()));

    // The first amendment again, as Kafka may deliver it twice: the inbox knows it. The progress
    // after it, under the same key, comes after it: once it shows, the replay was consumed.
    resend(id, extended);
    announce(new CampaignProgressReported(id, LAUNCHED.plusSeconds(60), 1200, 77, 0, 0, 0, 0));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                active().getInt("find { it.campaignId == '" + id + "' }.progress.inspected") == 77);

    Map<String, Object> campaign = shown(id);
    assertThat(campaign.get("inspectBy")).isEqualTo(TODAY.minusDays(1).toString());
    // Its inspection deadline has passed: the blind spots count (none reported yet).
    assertThat(campaign.get("inspectionOver")).isEqualTo(true);
    assertThat(active().getInt("find { it.campaignId == '" + id + "' }.progress.blindSpots"))
        .isZero();
  }

  @Test
  void anEventUnderAnotherSourceThanIntakesIsSetAsideAndChangesNothing() {
    UUID forged = UUID.randomUUID();
    send(launched(forged, "伪造的专项整治", TODAY.plusDays(30)), Topics.DISPATCH_SOURCE);
    UUID genuine = UUID.randomUUID();
    announce(launched(genuine, "拱墅区窨井盖专项整治", TODAY.plusDays(30)));

    await().atMost(Duration.ofSeconds(20)).until(() -> shown(genuine) != null);
    await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(forged) == 1);
    assertThat(shown(forged)).isNull();
  }

  @Test
  void aCampaignLeavesTheActiveListWhenItEndsOrItsLastDayHasPassed() {
    UUID ended = UUID.randomUUID();
    UUID over = UUID.randomUUID();
    UUID running = UUID.randomUUID();
    announce(launched(ended, "提前结束的专项整治", TODAY.plusDays(30)));
    announce(launched(over, "已过整改时限的专项整治", TODAY.minusDays(1)));
    announce(launched(running, "进行中的专项整治", TODAY));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> shown(running) != null && shown(ended) != null);

    announce(new CampaignEnded(ended, LAUNCHED.plusSeconds(5), CampaignEnded.Ending.ENDED_EARLY));

    await().atMost(Duration.ofSeconds(20)).until(() -> shown(ended) == null);
    assertThat(shown(over)).isNull();
    assertThat(shown(running)).isNotNull();
  }

  @Test
  void onlyThoseWhoReadTheDashboardReadTheCampaigns() {
    as("supervisor1").get("/api/active-campaigns").then().statusCode(200);
    as("water1").get("/api/active-campaigns").then().statusCode(403);
  }
}
