package io.casegrid.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();
  private final UUID caseId = UUID.randomUUID();
  private final Instant reportedAt = Instant.parse("2026-11-23T01:02:03.456Z");

  private CaseReported reported() {
    return CaseReported.builder()
        .caseId(caseId)
        .caseNumber("20261123-000001")
        .kind(CaseKind.COMPLAINT)
        .channel(Channel.HOTLINE)
        .categoryCode("0102")
        .urgency(Urgency.URGENT)
        .description("井盖缺失，行人易跌落")
        .position(new GeoPoint(30.25, 120.15))
        .location(new Location("339901", "339901001", "339901001001", "339901001001001"))
        .reportedAt(reportedAt)
        .build();
  }

  @Test
  void writesAStructuredCloudEventWhoseSubjectIsTheCase() throws Exception {
    CloudEvent event = codec.envelope(reported(), "/intake", reportedAt);

    JsonNode json = new ObjectMapper().readTree(codec.write(event));

    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(json.get("type").asText()).isEqualTo("io.casegrid.case.reported.v1");
    assertThat(json.get("subject").asText()).isEqualTo(caseId.toString());
    assertThat(json.get("source").asText()).isEqualTo("/intake");
    assertThat(json.get("time").asText()).isEqualTo("2026-11-23T01:02:03.456Z");
    assertThat(json.at("/data/description").asText()).isEqualTo("井盖缺失，行人易跌落");
    assertThat(json.at("/data/location/gridCode").asText()).isEqualTo("339901001001001");
  }

  @Test
  void readsBackTheSamePayload() {
    CloudEvent event = codec.envelope(reported(), "/intake", reportedAt);

    CloudEvent read = codec.read(codec.write(event));

    assertThat(read.id()).isEqualTo(event.id());
    assertThat(read.caseId()).isEqualTo(caseId);
    assertThat(codec.payload(read)).contains(reported());
  }

  @Test
  void ignoresFieldsAddedByANewerProducer() {
    String json =
        codec
            .write(codec.envelope(reported(), "/intake", reportedAt))
            .replace("\"caseNumber\"", "\"addedLater\":42,\"caseNumber\"");

    assertThat(codec.payload(codec.read(json))).contains(reported());
  }

  @Test
  void leavesAnUnknownTypeAlone() {
    String json =
        codec
            .write(codec.envelope(reported(), "/intake", reportedAt))
            .replace("io.casegrid.case.reported.v1", "io.casegrid.case.unknown.v1");

    assertThat(codec.payload(codec.read(json))).isEmpty();
  }

  @Test
  void rejectsSomethingThatIsNotACloudEvent() {
    assertThatThrownBy(() -> codec.read("{\"hello\":1}"))
        .isInstanceOf(EventCodec.MalformedEventException.class);
    assertThatThrownBy(() -> codec.read("not json"))
        .isInstanceOf(EventCodec.MalformedEventException.class);
  }

  @Test
  void rejectsAPayloadThatDoesNotFitItsType() {
    String json =
        codec
            .write(codec.envelope(reported(), "/intake", reportedAt))
            .replace("\"URGENT\"", "\"WHENEVER\"");

    assertThatThrownBy(() -> codec.payload(codec.read(json)))
        .isInstanceOf(EventCodec.MalformedEventException.class);
  }

  @Test
  void readsACaseReportedFromBeforeFirstContactClosureAsACaseToRoute() {
    String json =
        codec
            .write(codec.envelope(reported(), "/intake", reportedAt))
            .replace(",\"resolvedAtFirstContact\":null", "");
    assertThat(json).doesNotContain("resolvedAtFirstContact");

    CaseReported read = codec.payload(codec.read(json), CaseReported.class);

    assertThat(read.closedAtFirstContact()).isFalse();
  }

  @Test
  void carriesTheCampaignWhoseInspectionFoundTheDefectAndReadsOlderEventsWithoutOne() {
    CaseReported found =
        reported().toBuilder()
            .campaign(
                new CampaignLink(
                    UUID.fromString("00000000-0000-0000-0000-000000000017"),
                    "窨井盖专项整治",
                    10,
                    java.time.LocalDate.of(2026, 12, 31)))
            .build();

    String json = codec.write(codec.envelope(found, "/intake", reportedAt));
    CaseReported read = codec.payload(codec.read(json), CaseReported.class);
    String older =
        codec
            .write(codec.envelope(reported(), "/intake", reportedAt))
            .replace(",\"campaign\":null", "");

    assertThat(json).contains("\"rectifyBy\":\"2026-12-31\"", "\"rectificationWorkingDays\":10");
    assertThat(read).isEqualTo(found);
    assertThat(older).doesNotContain("campaign");
    assertThat(codec.payload(codec.read(older), CaseReported.class).campaign()).isNull();
  }

  @Test
  void carriesACaseClosedOnTheCall() {
    CaseReported closed =
        CaseReported.builder()
            .caseId(caseId)
            .caseNumber("20261123-000002")
            .kind(CaseKind.CONSULTATION)
            .channel(Channel.HOTLINE)
            .categoryCode("H0101")
            .urgency(Urgency.NORMAL)
            .description("咨询垃圾分类投放时间")
            .addressText("湖滨街道")
            .reportedAt(reportedAt)
            .resolvedAtFirstContact(new FirstContactResolution("operator1", reportedAt))
            .build();

    CaseReported read =
        codec.payload(
            codec.read(codec.write(codec.envelope(closed, "/intake", reportedAt))),
            CaseReported.class);

    assertThat(read).isEqualTo(closed);
    assertThat(read.closedAtFirstContact()).isTrue();
  }

  @Test
  void writesACallbackOnIntakesTopic() {
    CallbackRecorded callback =
        new CallbackRecorded(
            caseId,
            UUID.randomUUID(),
            "20261123-000001",
            true,
            false,
            Satisfaction.DISSATISFIED,
            true,
            "DRAINAGE",
            "operator1",
            reportedAt);

    CloudEvent event = codec.envelope(callback, "/intake", reportedAt);

    assertThat(event.type()).isEqualTo("io.casegrid.case.callback-recorded.v1");
    assertThat(EventType.of(callback).topic()).isEqualTo(Topics.INTAKE_CASES);
    assertThat(codec.payload(codec.read(codec.write(event)))).contains(callback);
  }

  @Test
  void readsACaseReportedFromBeforeCatalogueVersionsWithoutVersionOrReporters() {
    String json =
        codec
            .write(codec.envelope(reported(), "/intake", reportedAt))
            .replace(",\"categoryVersion\":null", "")
            .replace(",\"reporterCount\":null", "");
    assertThat(json).doesNotContain("categoryVersion").doesNotContain("reporterCount");

    CaseReported read = codec.payload(codec.read(json), CaseReported.class);

    assertThat(read.categoryVersion()).isNull();
    assertThat(read.reporterCount()).isNull();
  }

  @Test
  void writesAMergeOnIntakesTopicKeyedByTheSurvivingCase() {
    UUID merged = UUID.randomUUID();
    CaseMerged merge =
        new CaseMerged(
            caseId, "20261123-000001", merged, "20261123-000002", 3, "operator1", reportedAt);

    CloudEvent event = codec.envelope(merge, "/intake", reportedAt);

    assertThat(event.type()).isEqualTo("io.casegrid.case.merged.v1");
    assertThat(event.subject()).isEqualTo(caseId.toString());
    assertThat(EventType.of(merge).topic()).isEqualTo(Topics.INTAKE_CASES);
    assertThat(codec.payload(codec.read(codec.write(event)))).contains(merge);
  }

  @Test
  void writesACampaignsEventsOnIntakesCampaignsTopicKeyedByTheCampaign() {
    UUID campaign = UUID.randomUUID();
    java.time.LocalDate day = java.time.LocalDate.parse("2026-12-01");
    List<CampaignEvent> events =
        List.of(
            new CampaignLaunched(
                campaign, "窨井盖专项整治", day, day.plusDays(20), day.plusDays(60), 10, 1200, reportedAt),
            new CampaignAmended(campaign, day, day.plusDays(10), day.plusDays(60), 10, reportedAt),
            new CampaignProgressReported(campaign, reportedAt, 1200, 300, 12, 5, 1, 0),
            new CampaignEnded(campaign, reportedAt, CampaignEnded.Ending.ENDED_EARLY));

    for (CampaignEvent payload : events) {
      CloudEvent event = codec.envelope(payload, Topics.INTAKE_SOURCE, reportedAt);

      assertThat(event.subject()).isEqualTo(campaign.toString());
      assertThat(event.type()).startsWith("io.casegrid.campaign.");
      assertThat(EventType.of(payload).topic()).isEqualTo(Topics.INTAKE_CAMPAIGNS);
      assertThat(Topics.publisher(Topics.INTAKE_CAMPAIGNS)).contains(Topics.INTAKE_SOURCE);
      assertThat(codec.payload(codec.read(codec.write(event)))).contains(payload);
    }
  }

  @Test
  void theBuilderRefusesAnEventWithoutAFieldEveryReaderReliesOn() {
    assertThatThrownBy(() -> reported().toBuilder().description(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("description");
    assertThat(reported().toBuilder().build()).isEqualTo(reported());
  }
}
