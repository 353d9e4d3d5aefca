package io.casegrid.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The codec writes each event in one pass and reads it without a tree; what travels must not change
 * with that. Events written by the codec before (a tree of the payload, then the envelope written
 * with it) are in topics, outboxes and dead letters, and other services' versions read ours.
 */
class WireCompatibilityTest {

  private final EventCodec codec = new EventCodec();
  private final Instant at = Instant.parse("2026-12-07T15:00:23.123456Z");
  private final UUID caseId = UUID.fromString("6b1f0a52-3c39-4e55-9a57-1d0c4a8c0f11");

  /** The codec as it was up to 2026-12-07: the payload turned into a tree, then written. */
  private static final class TreeCodec {
    record TreeEnvelope(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        JsonNode data) {}

    private final ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    String write(CloudEvent event, ContractEvent payload) throws Exception {
      return mapper.writeValueAsString(
          new TreeEnvelope(
              event.specversion(),
              event.id(),
              event.source(),
              event.type(),
              event.subject(),
              event.time(),
              event.datacontenttype(),
              event.dataschema(),
              mapper.valueToTree(payload)));
    }
  }

  private List<ContractEvent> payloads() {
    UUID campaign = UUID.fromString("00000000-0000-0000-0000-000000000017");
    LocalDate day = LocalDate.parse("2026-12-01");
    return List.of(
        CaseReported.builder()
            .caseId(caseId)
            .caseNumber("20261207-000001")
            .kind(CaseKind.COMPLAINT)
            .channel(Channel.HOTLINE)
            .categoryCode("0102")
            .urgency(Urgency.URGENT)
            .description("井盖缺失，行人易跌落 \"quoted\" \\ and a tab\t")
            .position(new GeoPoint(30.25, 120.15))
            .location(new Location("339901", "339901001", "339901001001", "339901001001001"))
            .reportedAt(at)
            .campaign(new CampaignLink(campaign, "窨井盖专项整治", 10, day.plusDays(30)))
            .build(),
        new DeadlineBreached(caseId, "DRAINAGE", at, at.plusNanos(1)),
        new SupervisionOrderIssued(caseId, UUID.randomUUID(), "DRAINAGE", at, at, null),
        new CaseMerged(
            caseId, "20261207-000001", UUID.randomUUID(), "20261207-000002", 3, "op", at),
        new CampaignLaunched(
            campaign, "窨井盖专项整治", day, day.plusDays(20), day.plusDays(60), 10, 1200, at),
        new CampaignEnded(campaign, at, CampaignEnded.Ending.ENDED_EARLY));
  }

  @Test
  void writesEveryEventByteForByteAsTheTreeCodecDid() throws Exception {
    TreeCodec before = new TreeCodec();
    for (ContractEvent payload : payloads()) {
      CloudEvent event = codec.envelope(payload, "/intake", at);

      assertThat(codec.write(event)).isEqualTo(before.write(event, payload));
    }
  }

  @Test
  void readsEveryEventTheTreeCodecWrote() throws Exception {
    TreeCodec before = new TreeCodec();
    for (ContractEvent payload : payloads()) {
      CloudEvent announced = codec.envelope(payload, "/supervision", at);

      CloudEvent read = codec.read(before.write(announced, payload));

      assertThat(read.id()).isEqualTo(announced.id());
      assertThat(read.type()).isEqualTo(announced.type());
      assertThat(read.subject()).isEqualTo(announced.subject());
      assertThat(read.time()).isEqualTo(at);
      assertThat(codec.payload(read)).contains(payload);
    }
  }

  @Test
  void readsARecordAsItLiesInTopicsToday() {
    // Written by the tree codec (main at 92d3785) and kept verbatim.
    String stored =
        "{\"specversion\":\"1.0\",\"id\":\"65a07d95-cfef-4685-8fbd-be6a9602d7fd\","
            + "\"source\":\"/supervision\",\"type\":\"io.casegrid.case.deadline-breached.v1\","
            + "\"subject\":\"6b1f0a52-3c39-4e55-9a57-1d0c4a8c0f11\","
            + "\"time\":\"2026-12-07T15:00:23.123456Z\",\"datacontenttype\":\"application/json\","
            + "\"dataschema\":\"urn:casegrid:schema:io.casegrid.case.deadline-breached.v1\","
            + "\"data\":{\"caseId\":\"6b1f0a52-3c39-4e55-9a57-1d0c4a8c0f11\","
            + "\"departmentCode\":\"DRAINAGE\",\"resolveDueAt\":\"2026-12-07T15:00:00Z\","
            + "\"breachedAt\":\"2026-12-07T15:00:00Z\"}}";

    CloudEvent read = codec.read(stored);

    assertThat(read.id()).isEqualTo(UUID.fromString("65a07d95-cfef-4685-8fbd-be6a9602d7fd"));
    assertThat(read.source()).isEqualTo("/supervision");
    assertThat(read.caseId()).isEqualTo(caseId);
    assertThat(codec.payload(read, DeadlineBreached.class))
        .isEqualTo(
            new DeadlineBreached(
                caseId,
                "DRAINAGE",
                Instant.parse("2026-12-07T15:00:00Z"),
                Instant.parse("2026-12-07T15:00:00Z")));
    assertThat(codec.write(read)).isEqualTo(stored);
  }

  @Test
  void readsAnEnvelopeWhoseAttributesComeInAnotherOrderWithSpaces() {
    // Another CloudEvents writer may put data first and indent; JSON objects have no order.
    String json =
        """
        {
          "data": {"caseId": "6b1f0a52-3c39-4e55-9a57-1d0c4a8c0f11", "departmentCode": "WATER",
                   "resolveDueAt": "2026-12-07T15:00:00Z", "breachedAt": "2026-12-07T15:00:00Z",
                   "addedLater": {"nested": [1, 2.5, null, true]}},
          "time": "2026-12-07T15:00:23Z",
          "subject": "6b1f0a52-3c39-4e55-9a57-1d0c4a8c0f11",
          "type": "io.casegrid.case.deadline-breached.v1",
          "source": "/supervision",
          "id": "65a07d95-cfef-4685-8fbd-be6a9602d7fd",
          "specversion": "1.0",
          "extension": "ignored"
        }
        """;

    CloudEvent read = codec.read(json);

    assertThat(read.type()).isEqualTo("io.casegrid.case.deadline-breached.v1");
    assertThat(codec.payload(read, DeadlineBreached.class).departmentCode()).isEqualTo("WATER");
  }

  @Test
  void bindsTheSameReadDataAsOftenAsAsked() {
    CloudEvent read = codec.read(codec.write(codec.envelope(payloads().get(0), "/intake", at)));

    assertThat(codec.payload(read, CaseReported.class))
        .isEqualTo(codec.payload(read, CaseReported.class))
        .isEqualTo(payloads().get(0));
  }

  @Test
  void refusesAnEventWithoutDataWhenItsPayloadIsAskedFor() {
    String json =
        codec
            .write(codec.envelope(payloads().get(1), "/supervision", at))
            .replaceFirst(",\"data\":\\{.*\\}\\}$", "}");
    assertThat(json).doesNotContain("data\"");

    CloudEvent read = codec.read(json);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> codec.payload(read, DeadlineBreached.class))
        .isInstanceOf(EventCodec.MalformedEventException.class)
        .hasMessageContaining("no data");
  }
}
