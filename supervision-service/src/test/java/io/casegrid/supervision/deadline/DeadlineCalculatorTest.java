package io.casegrid.supervision.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DeadlineCalculatorTest {

  private final DeadlineCalculator calculator =
      new DeadlineCalculator(China2026.calendar(), ZoneId.of("Asia/Shanghai"));

  private static Instant utc(String text) {
    return Instant.parse(text);
  }

  @Test
  void countsNaturalHoursAroundTheClockThroughHolidays() {
    // 22:00 on National Day in Shanghai is 14:00 UTC; six hours later it is 04:00 the next day.
    assertThat(
            calculator.dueAt(
                utc("2026-10-01T14:00:00Z"), BigDecimal.valueOf(6), DeadlineUnit.NATURAL_HOURS))
        .isEqualTo(utc("2026-10-01T20:00:00Z"));
  }

  @Test
  void countsHalfAnHourToMakeACoverSafe() {
    assertThat(
            calculator.dueAt(
                utc("2026-03-02T01:00:00Z"), new BigDecimal("0.5"), DeadlineUnit.NATURAL_HOURS))
        .isEqualTo(utc("2026-03-02T01:30:00Z"));
  }

  @Test
  void countsWorkingHoursInTheCitysZone() {
    // 01:00 UTC is 09:00 in Shanghai; one working hour later it is 10:00 there, 02:00 UTC.
    assertThat(
            calculator.dueAt(
                utc("2026-03-02T01:00:00Z"), BigDecimal.ONE, DeadlineUnit.WORKING_HOURS))
        .isEqualTo(utc("2026-03-02T02:00:00Z"));
    // 23:00 Friday UTC is Saturday 07:00 in Shanghai: the clock waits for Monday 08:30, runs
    // 3.5 hours to noon and 1.5 hours from 13:30, so it is due at 15:00 there, 07:00 UTC.
    assertThat(
            calculator.dueAt(
                utc("2026-03-06T23:00:00Z"), BigDecimal.valueOf(5), DeadlineUnit.WORKING_HOURS))
        .isEqualTo(utc("2026-03-09T07:00:00Z"));
  }

  @Test
  void countsWorkingDaysInTheCitysZone() {
    // Friday 2026-02-13 10:00 in Shanghai plus 2 working days: Saturday make-up day, then Spring
    // Festival, then Tuesday 2026-02-24 10:00.
    assertThat(
            calculator.dueAt(
                utc("2026-02-13T02:00:00Z"), BigDecimal.valueOf(2), DeadlineUnit.WORKING_DAYS))
        .isEqualTo(utc("2026-02-24T02:00:00Z"));
  }

  @Test
  void warnsAfterFourFifthsOfTheWorkingTime() {
    // 09:00 + 5 working hours is due 15:30; four hours of working time pass at 14:30.
    Instant start = utc("2026-03-02T01:00:00Z");
    Instant due = calculator.dueAt(start, BigDecimal.valueOf(5), DeadlineUnit.WORKING_HOURS);
    assertThat(due).isEqualTo(utc("2026-03-02T07:30:00Z"));
    assertThat(calculator.warningAt(start, due, DeadlineUnit.WORKING_HOURS, 0.8))
        .isEqualTo(utc("2026-03-02T06:30:00Z"));
  }

  @Test
  void warnsAfterFourFifthsOfNaturalTime() {
    Instant start = utc("2026-03-02T00:00:00Z");
    assertThat(
            calculator.warningAt(
                start, utc("2026-03-02T10:00:00Z"), DeadlineUnit.NATURAL_HOURS, 0.8))
        .isEqualTo(utc("2026-03-02T08:00:00Z"));
  }

  @Test
  void refusesNegativeLimitsFractionalWorkingDaysAndOddWarningShares() {
    Instant start = utc("2026-03-02T01:00:00Z");
    assertThatThrownBy(
            () -> calculator.dueAt(start, BigDecimal.valueOf(-1), DeadlineUnit.NATURAL_HOURS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> calculator.dueAt(start, new BigDecimal("1.5"), DeadlineUnit.WORKING_DAYS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> calculator.warningAt(start, start, DeadlineUnit.NATURAL_HOURS, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
