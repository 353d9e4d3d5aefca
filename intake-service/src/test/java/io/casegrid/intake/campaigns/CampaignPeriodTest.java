package io.casegrid.intake.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.kit.domain.DomainException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CampaignPeriodTest {

  private final CampaignPeriod december =
      new CampaignPeriod(
          LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 31), 10);

  @Test
  void expectsTheInspectionToGoAtAnEvenPaceFromTheFirstDayToTheDeadline() {
    assertThat(december.expectedInspectedShare(LocalDate.of(2026, 11, 30))).isZero();
    assertThat(december.expectedInspectedShare(LocalDate.of(2026, 12, 1))).isEqualTo(0.1);
    assertThat(december.expectedInspectedShare(LocalDate.of(2026, 12, 3))).isEqualTo(0.3);
    assertThat(december.expectedInspectedShare(LocalDate.of(2026, 12, 10))).isEqualTo(1.0);
    assertThat(december.expectedInspectedShare(LocalDate.of(2026, 12, 20))).isEqualTo(1.0);
  }

  @Test
  void theInspectionIsOverAfterItsLastDayAndTheCampaignAfterItsOwn() {
    assertThat(december.inspectionOverOn(LocalDate.of(2026, 12, 10))).isFalse();
    assertThat(december.inspectionOverOn(LocalDate.of(2026, 12, 11))).isTrue();
    assertThat(december.overOn(LocalDate.of(2026, 12, 31))).isFalse();
    assertThat(december.overOn(LocalDate.of(2027, 1, 1))).isTrue();
    assertThat(december.rectificationClosesAt(ZoneId.of("Asia/Shanghai")).toString())
        .isEqualTo("2027-01-01T00:00+08:00[Asia/Shanghai]");
  }

  @Test
  void refusesDeadlinesOutOfOrderNamingTheField() {
    assertThatThrownBy(
            () ->
                new CampaignPeriod(
                    LocalDate.of(2026, 12, 10),
                    LocalDate.of(2026, 12, 9),
                    LocalDate.of(2026, 12, 31),
                    5))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("period.inspectBy"));
    assertThatThrownBy(
            () ->
                new CampaignPeriod(
                    LocalDate.of(2026, 12, 1),
                    LocalDate.of(2026, 12, 9),
                    LocalDate.of(2026, 12, 8),
                    5))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("period.rectifyBy"));
    assertThatThrownBy(
            () ->
                new CampaignPeriod(
                    LocalDate.of(2026, 12, 1),
                    LocalDate.of(2026, 12, 9),
                    LocalDate.of(2026, 12, 31),
                    0))
        .isInstanceOfSatisfying(
            DomainException.class,
            e ->
                assertThat(e.violations().get(0).field())
                    .isEqualTo("period.rectificationWorkingDays"));
  }
}
