package io.casegrid.supervision.tracking;

import static io.casegrid.embedded.DemoUsers.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.Channel;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A poll's batch of events reaches supervision: its cases are looked up together, and the events
 * still apply in their order, a later event of the batch seeing what an earlier one did. The batch
 * is handed to the consumer as Kafka's consumer would hand it, so that what is in one batch is
 * certain.
 */
@QuarkusTest
class FollowingABatchOfEventsTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final Location AT =
      new Location("339901", "339901001", "339901001001", "339901001001001");

  @Inject CaseEventConsumer consumer;

  @Test
  void aMergeEarlierInTheBatchKeepsItsMergedReportsClockFromStarting() {
    UUID merged = UUID.randomUUID();
    UUID other = UUID.randomUUID();

    consumer.fromIntake(
        batch(
            Topics.INTAKE_CASES,
            MergedCasesTest.mergedInto(UUID.randomUUID(), merged),
            reported(merged),
            reported(other)));

    deadlineOf(merged).body("status", equalTo("MERGED"));
    deadlineOf(other).body("status", equalTo("REPORTED"));
  }

  @Test
  void aCaseOpenedEarlierInTheBatchIsFollowedByItsLaterEvents() {
    UUID id = UUID.randomUUID();
    Instant dispatchedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

    consumer.fromDispatch(
        batch(
            Topics.DISPATCH_CASES,
            MergedCasesTest.dispatched(id, "WATER", dispatchedAt),
            new CaseSigned(id, "WATER", "water1", dispatchedAt.plusSeconds(60))));

    deadlineOf(id)
        .body("departmentCode", equalTo("WATER"))
        .body("signedAt", notNullValue())
        .body("status", equalTo("IN_HAND"));
  }

  @Test
  void aBatchOfReportsAloneOpensEveryCaseWithoutAClock() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    consumer.fromIntake(batch(Topics.INTAKE_CASES, reported(first), reported(second)));

    deadlineOf(first).body("status", equalTo("REPORTED")).body("clockStartedAt", nullValue());
    deadlineOf(second).body("status", equalTo("REPORTED")).body("clockStartedAt", nullValue());
  }

  private static io.restassured.response.ValidatableResponse deadlineOf(UUID id) {
    return as("supervisor1").get("/api/cases/" + id + "/deadline").then().statusCode(200);
  }

  // The records as one poll of the topic would return them, in this order.
  private static ConsumerRecords<String, String> batch(String topic, CaseEvent... payloads) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    for (CaseEvent payload : payloads) {
      String value =
          CODEC.write(
              CODEC.envelope(payload, Topics.publisher(topic).orElseThrow(), Instant.now()));
      records.add(
          new ConsumerRecord<>(topic, 0, records.size(), payload.caseId().toString(), value));
    }
    return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records));
  }

  private static CaseReported reported(UUID id) {
    return CaseReported.builder()
        .caseId(id)
        .caseNumber("2026" + id.toString().substring(0, 8))
        .kind(CaseKind.COMPLAINT)
        .channel(Channel.HOTLINE)
        .categoryCode("0101")
        .urgency(Urgency.URGENT)
        .description("井盖缺失")
        .location(AT)
        .reportedAt(Instant.now().truncatedTo(ChronoUnit.MICROS))
        .build();
  }
}
