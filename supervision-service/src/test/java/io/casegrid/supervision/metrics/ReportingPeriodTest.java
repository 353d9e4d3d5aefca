package io.casegrid.supervision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.kit.domain.DomainException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-23");

  @Test
  void anIsoWeekRunsFromMondayToSunday() {
    assertThat(ReportingPeriod.week("2026-W47"))
        .isEqualTo(
            new ReportingPeriod(LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-22")));
    // 2026's first week starts on Monday 29 December 2025.
    assertThat(ReportingPeriod.week("2026-W01").from()).isEqualTo(LocalDate.parse("2025-12-29"));
    assertThat(ReportingPeriod.week("2026-W53").to()).isEqualTo(LocalDate.parse("2027-01-03"));
  }

  @Test
  void refusesAWeek53InAYearOfFiftyTwoWeeks() {
    assertThatThrownBy(() -> ReportingPeriod.week("2027-W53")).isInstanceOf(DomainException.class);
  }

  @Test
  void takesFromAndToOrAPeriodAroundADateAndThisMonthByDefault() {
    assertThat(ReportingPeriod.of("2026-10-01", "2026-10-31", null, null, TODAY).to())
        .isEqualTo(LocalDate.parse("2026-10-31"));
    assertThat(ReportingPeriod.of(null, null, "week", "2026-11-19", TODAY).from())
        .isEqualTo(LocalDate.parse("2026-11-16"));
    assertThat(ReportingPeriod.of(null, null, null, null, TODAY))
        .isEqualTo(
            new ReportingPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
    assertThatThrownBy(() -> ReportingPeriod.of("2026-10-01", null, null, null, TODAY))
        .isInstanceOf(DomainException.class);
  }
}
