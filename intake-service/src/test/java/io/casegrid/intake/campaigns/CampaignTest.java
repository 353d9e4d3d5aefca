package io.casegrid.intake.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.kit.domain.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignTest {

  private static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);

  private static Campaign draft() {
    return Campaign.create(
        UUID.randomUUID(),
        "窨井盖专项整治",
        new CampaignScope(List.of("0101", "0102"), List.of("339901"), DEC_1),
        new CampaignPeriod(DEC_1, DEC_1.plusDays(9), DEC_1.plusDays(30), 10),
        List.of("MISSING", "BROKEN"),
        DEC_1);
  }

  private static String refusal(Runnable command) {
    try {
      command.run();
    } catch (DomainException e) {
      return e.type();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void launchesOnceAndTakesResultsUntilItsLastDay() {
    Campaign campaign = draft();
    assertThat(refusal(() -> campaign.requireTakingResults(DEC_1)))
        .isEqualTo("campaign-not-launched");

    campaign.launch(Instant.parse("2026-12-01T01:00:00Z"), DEC_1);
    campaign.requireTakingResults(DEC_1.plusDays(30));

    assertThat(campaign.state()).isEqualTo(Campaign.State.ACTIVE);
    assertThat(refusal(() -> campaign.launch(Instant.now(), DEC_1))).isEqualTo("campaign-launched");
    assertThat(refusal(() -> campaign.requireTakingResults(DEC_1.plusDays(31))))
        .isEqualTo("campaign-ended");
  }

  @Test
  void anEndedCampaignTakesNoMoreResults() {
    Campaign campaign = draft();
    campaign.launch(Instant.now(), DEC_1);
    campaign.end(Instant.now());

    assertThat(refusal(() -> campaign.requireTakingResults(DEC_1))).isEqualTo("campaign-ended");
    assertThat(refusal(() -> campaign.end(Instant.now()))).isEqualTo("campaign-not-active");
  }

  @Test
  void doesNotLaunchAfterItsInspectionDeadlineNorBeforeTheRegistersDate() {
    assertThat(refusal(() -> draft().launch(Instant.now(), DEC_1.plusDays(10))))
        .isEqualTo("inspection-deadline-passed");
    Campaign ahead =
        Campaign.create(
            UUID.randomUUID(),
            "井盖普查",
            new CampaignScope(List.of("0101"), List.of(), DEC_1.plusDays(2)),
            new CampaignPeriod(DEC_1, DEC_1.plusDays(9), DEC_1.plusDays(30), 10),
            List.of("MISSING"),
            DEC_1);
    assertThat(refusal(() -> ahead.launch(Instant.now(), DEC_1))).isEqualTo("register-date-ahead");
  }

  @Test
  void takesOnlyTheDefectKindsItListsAndCarriesItsTimeLimitToItsCases() {
    Campaign campaign = draft();

    campaign.requireDefectKind("BROKEN", "defectKind");

    assertThat(refusal(() -> campaign.requireDefectKind("HAUNTED", "defectKind")))
        .isEqualTo("unknown-defect-kind");
    assertThat(campaign.link().rectificationWorkingDays()).isEqualTo(10);
    assertThat(campaign.link().rectifyBy()).isEqualTo(LocalDate.of(2026, 12, 31));
  }

  @Test
  void coversTheGridsOfItsAreasOrTheWholeCity() {
    CampaignScope donghu = new CampaignScope(List.of("0101"), List.of("339901"), DEC_1);
    CampaignScope city = new CampaignScope(List.of("0101"), List.of(), DEC_1);

    assertThat(donghu.covers("339901001001001")).isTrue();
    assertThat(donghu.covers("339902001001001")).isFalse();
    assertThat(city.covers("339902001001001")).isTrue();
    assertThat(city.covers(null)).isFalse();
  }
}
