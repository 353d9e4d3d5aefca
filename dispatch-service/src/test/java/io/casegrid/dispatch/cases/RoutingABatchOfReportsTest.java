package io.casegrid.dispatch.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intake's events as one batch reaches dispatch: the reports in it are routed as a set, and the
 * merges and reports in it still apply in their order. The batch is handed to the follower as its
 * Kafka consumer would hand it (the same records in one poll), so that what is in one batch is
 * certain; what it announces goes through the outbox and Kafka as always.
 */
@QuarkusTest
class RoutingABatchOfReportsTest {

  private static final TopicProbe events = DemoCases.events();

  @Inject IntakeFollower follower;

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  @Test
  void everyReportOfABatchReachesItsQueueWithItsTimelineAndItsCoHandlers() {
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null);
    CaseReported garbage = DemoCases.reported("0114", DemoCases.HUBIN, null);
    CaseReported another = DemoCases.reported("0102", DemoCases.HUBIN, null);

    follower.consume(batch(cover, garbage, another));

    assertDispatchedTo(cover, "DRAINAGE");
    assertDispatchedTo(garbage, "CITY_MANAGEMENT");
    assertDispatchedTo(another, "DRAINAGE");
    assertThat(dispatchedEvent(garbage).coHandlerCodes()).containsExactly("CM-339901");
    as("dispatcher1")
        .get("/api/cases/" + garbage.caseId() + "/co-handling")
        .then()
        .statusCode(200)
        .body("departmentCode", equalTo(List.of("CM-339901")));
  }

  @Test
  void aMergeEarlierInTheBatchKeepsItsMergedReportOutOfTheQueue() {
    CaseReported surviving = DemoCases.reported("0102", DemoCases.HUBIN, null);
    CaseReported merged = DemoCases.reported("0102", DemoCases.HUBIN, null);
    CaseReported after = DemoCases.reported("0102", DemoCases.HUBIN, null);

    follower.consume(batch(surviving, merge(surviving, merged), merged, after));

    assertDispatchedTo(surviving, "DRAINAGE");
    assertDispatchedTo(after, "DRAINAGE");
    assertThat(timeline(surviving).getList("action"))
        .containsExactly("DISPATCH", "DUPLICATE_JOINED");
    as("dispatcher1")
        .get("/api/cases/" + merged.caseId())
        .then()
        .statusCode(200)
        .body("state", equalTo("MERGED"));
    assertThat(timeline(merged).getList("action")).containsExactly("MERGE");
    assertThat(DemoCases.seen(events, merged.caseId(), CaseDispatched.class)).isEmpty();
  }

  @Test
  void aBatchDeliveredAgainChangesNothing() {
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null);
    CaseReported another = DemoCases.reported("0102", DemoCases.HUBIN, null);
    ConsumerRecords<String, String> batch = batch(cover, another);

    follower.consume(batch);
    follower.consume(batch);

    assertDispatchedTo(cover, "DRAINAGE");
    assertDispatchedTo(another, "DRAINAGE");
    assertThat(timeline(cover).getList("action")).containsExactly("DISPATCH");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> DemoCases.seen(events, cover.caseId(), CaseDispatched.class).size() == 1);
  }

  // The records as one poll of intake's topic would return them, in this order.
  private static ConsumerRecords<String, String> batch(CaseEvent... payloads) {
    TopicPartition partition = new TopicPartition(Topics.INTAKE_CASES, 0);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    for (CaseEvent payload : payloads) {
      String value =
          DemoCases.CODEC.write(
              DemoCases.CODEC.envelope(payload, Topics.INTAKE_SOURCE, Instant.now()));
      records.add(
          new ConsumerRecord<>(
              Topics.INTAKE_CASES, 0, records.size(), payload.caseId().toString(), value));
    }
    return new ConsumerRecords<>(Map.of(partition, records));
  }

  private static CaseMerged merge(CaseReported surviving, CaseReported merged) {
    return new CaseMerged(
        surviving.caseId(),
        surviving.caseNumber(),
        merged.caseId(),
        merged.caseNumber(),
        2,
        "operator1",
        Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  private static void assertDispatchedTo(CaseReported reported, String department) {
    as("dispatcher1")
        .get("/api/cases/" + reported.caseId())
        .then()
        .statusCode(200)
        .body("state", equalTo("DISPATCHED"))
        .body("departmentCode", equalTo(department));
    JsonPath timeline = timeline(reported);
    assertThat(timeline.getString("[0].action")).isEqualTo("DISPATCH");
    assertThat(timeline.getString("[0].departmentCode")).isEqualTo(department);
    assertThat(dispatchedEvent(reported).departmentCode()).isEqualTo(department);
  }

  private static CaseDispatched dispatchedEvent(CaseReported reported) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> DemoCases.seen(events, reported.caseId(), CaseDispatched.class),
            l -> !l.isEmpty())
        .get(0);
  }

  private static JsonPath timeline(CaseReported reported) {
    return as("dispatcher1")
        .get("/api/cases/" + reported.caseId() + "/timeline")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
