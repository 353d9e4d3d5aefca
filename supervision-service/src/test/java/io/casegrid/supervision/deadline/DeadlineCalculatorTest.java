package io.casegrid.supervision.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instants in, instants out. Shanghai is UTC+8 all year, so 10:00 there is 02:00Z; every expected
 * value was counted by hand on the 2026 calendar (see {@link WorkingCalendarTest}).
 */
class DeadlineCalculatorTest {

  private final DeadlineCalculator shanghai =
      new DeadlineCalculator(China2026.calendar(), ZoneId.of("Asia/Shanghai"));

  // Same calendar in a zone with daylight saving, to show natural hours stay on the instant line.
  private final DeadlineCalculator berlin =
      new DeadlineCalculator(China2026.calendar(), ZoneId.of("Europe/Berlin"));

  private static Instant utc(String text) {
    return Instant.parse(text);
  }

  private static Instant local(String textWithOffset) {
    return OffsetDateTime.parse(textWithOffset).toInstant();
  }

  @Nested
  class NaturalHours {

    @Test
    void countsAroundTheClockAcrossMidnight() {
      // 23:00 in Shanghai plus 2 hours is 01:00 the next day.
      assertThat(shanghai.dueAt(utc("2026-03-02T15:00:00Z"), 2, DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(utc("2026-03-02T17:00:00Z"))
          .isEqualTo(local("2026-03-03T01:00+08:00"));
    }

    @Test
    void ignoresHolidaysAndWeekends() {
      // 22:00 on National Day plus 6 hours is 04:00 on 10-02.
      assertThat(shanghai.dueAt(utc("2026-10-01T14:00:00Z"), 6, DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(utc("2026-10-01T20:00:00Z"));
      // A day in the middle of Spring Festival is 24 hours like any other.
      assertThat(shanghai.dueAt(utc("2026-02-16T02:00:00Z"), 24, DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(utc("2026-02-17T02:00:00Z"));
      // Friday 17:00 plus 48 hours is Sunday 17:00.
      assertThat(shanghai.dueAt(utc("2026-03-06T09:00:00Z"), 48, DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(local("2026-03-08T17:00+08:00"));
    }

    @Test
    void countsHalfAnHourToMakeAManholeSafe() {
      assertThat(
              shanghai.dueAt(
                  utc("2026-03-02T01:00:00Z"), new BigDecimal("0.5"), DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(utc("2026-03-02T01:30:00Z"));
    }

    @Test
    void givesTheStartForNoHoursAtAll() {
      assertThat(shanghai.dueAt(utc("2026-10-03T13:17:00Z"), 0, DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(utc("2026-10-03T13:17:00Z"));
    }

    @Test
    void countsRealHoursWhenTheClocksGoForward() {
      // Berlin 00:30 CET plus 3 real hours is 04:30 CEST: the wall clock skips 02:00–03:00.
      assertThat(berlin.dueAt(local("2026-03-29T00:30+01:00"), 3, DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(utc("2026-03-29T02:30:00Z"))
          .isEqualTo(local("2026-03-29T04:30+02:00"));
    }

    @Test
    void countsRealHoursWhenTheClocksGoBack() {
      // Berlin 01:30 CEST plus 3 real hours is 03:30 CET: the wall clock repeats 02:00–03:00.
      assertThat(berlin.dueAt(local("2026-10-25T01:30+02:00"), 3, DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(utc("2026-10-25T02:30:00Z"))
          .isEqualTo(local("2026-10-25T03:30+01:00"));
    }
  }

  @Nested
  class WorkingHours {

    @Test
    void readsTheStartInShanghaiTime() {
      // 01:00Z is 09:00 in Shanghai; one working hour later it is 10:00 there, 02:00Z.
      assertThat(shanghai.dueAt(utc("2026-03-02T01:00:00Z"), 1, DeadlineUnit.WORKING_HOURS))
          .isEqualTo(utc("2026-03-02T02:00:00Z"));
    }

    @Test
    void waitsForOfficeHoursInShanghaiNotInUtc() {
      // 00:00Z is 08:00 in Shanghai, before work: the hour runs 08:30–09:30, 01:30Z.
      assertThat(shanghai.dueAt(utc("2026-03-02T00:00:00Z"), 1, DeadlineUnit.WORKING_HOURS))
          .isEqualTo(utc("2026-03-02T01:30:00Z"));
    }

    @Test
    void takesASundayInUtcAsTheMondayItIsInShanghai() {
      // Sunday 23:00Z is Monday 07:00 in Shanghai: the hour runs 08:30–09:30 that Monday.
      assertThat(shanghai.dueAt(utc("2026-03-01T23:00:00Z"), 1, DeadlineUnit.WORKING_HOURS))
          .isEqualTo(local("2026-03-02T09:30+08:00"));
    }

    @Test
    void takesAFridayInUtcAsTheSaturdayItIsInShanghai() {
      // Friday 23:00Z is Saturday 07:00 in Shanghai: the clock waits for Monday 08:30, runs 3.5 h
      // to noon and 1.5 h from 13:30, so it is due at 15:00 there, 07:00Z.
      assertThat(shanghai.dueAt(utc("2026-03-06T23:00:00Z"), 5, DeadlineUnit.WORKING_HOURS))
          .isEqualTo(utc("2026-03-09T07:00:00Z"));
    }

    @Test
    void crossesTheLunchBreak() {
      // 11:00 plus 2 working hours is 14:30 in Shanghai.
      assertThat(shanghai.dueAt(utc("2026-03-02T03:00:00Z"), 2, DeadlineUnit.WORKING_HOURS))
          .isEqualTo(utc("2026-03-02T06:30:00Z"));
    }

    @Test
    void takesFractionalWorkingHours() {
      // 1.5 working hours from 16:30: one to 17:30, half an hour from 08:30 the next morning.
      assertThat(
              shanghai.dueAt(
                  utc("2026-03-02T08:30:00Z"), new BigDecimal("1.5"), DeadlineUnit.WORKING_HOURS))
          .isEqualTo(local("2026-03-03T09:00+08:00"));
    }

    @Test
    void countsOfficeHoursOnTheWallClockOverADaylightSavingWeekend() {
      // Berlin Friday 16:30 CET: one hour to 17:30, one from Monday 08:30 CEST, due 09:30 CEST.
      assertThat(berlin.dueAt(local("2026-03-27T16:30+01:00"), 2, DeadlineUnit.WORKING_HOURS))
          .isEqualTo(local("2026-03-30T09:30+02:00"));
    }

    @Test
    void givesTheSameAnswerForWholeAndDecimalAmounts() {
      Instant start = utc("2026-04-30T02:00:00Z");
      // 40 working hours from 10:00 on 04-30 across Labour Day end 14:00 on 05-11.
      assertThat(shanghai.dueAt(start, 40, DeadlineUnit.WORKING_HOURS))
          .isEqualTo(shanghai.dueAt(start, new BigDecimal("40.00"), DeadlineUnit.WORKING_HOURS))
          .isEqualTo(local("2026-05-11T14:00+08:00"));
    }
  }

  @Nested
  class WorkingDays {

    @Test
    void landsOnTheMakeUpSaturdayAndThenAfterSpringFestival() {
      // Friday 02-13 10:00 in Shanghai is 02:00Z.
      Instant friday = utc("2026-02-13T02:00:00Z");
      assertThat(shanghai.dueAt(friday, 1, DeadlineUnit.WORKING_DAYS))
          .isEqualTo(utc("2026-02-14T02:00:00Z"));
      assertThat(shanghai.dueAt(friday, 2, DeadlineUnit.WORKING_DAYS))
          .isEqualTo(utc("2026-02-24T02:00:00Z"));
    }

    @Test
    void countsFiveWorkingDaysAcrossNationalDay() {
      // Tuesday 09-29 15:00: 09-30, 10-08, 10-09, Saturday 10-10, Monday 10-12.
      assertThat(shanghai.dueAt(utc("2026-09-29T07:00:00Z"), 5, DeadlineUnit.WORKING_DAYS))
          .isEqualTo(local("2026-10-12T15:00+08:00"));
    }

    @Test
    void countsTwentyWorkingDaysAcrossLabourDay() {
      assertThat(shanghai.dueAt(utc("2026-04-27T02:00:00Z"), 20, DeadlineUnit.WORKING_DAYS))
          .isEqualTo(local("2026-05-27T10:00+08:00"));
    }

    @Test
    void countsFromMondayMorningWhenDispatchedOnFridayEvening() {
      // 11:00Z on Friday is 19:00 in Shanghai: counting starts Monday 08:30, due Tuesday 08:30.
      assertThat(shanghai.dueAt(utc("2026-03-06T11:00:00Z"), 1, DeadlineUnit.WORKING_DAYS))
          .isEqualTo(local("2026-03-10T08:30+08:00"));
    }

    @Test
    void acceptsAWholeNumberWrittenWithDecimals() {
      assertThat(
              shanghai.dueAt(
                  utc("2026-02-13T02:00:00Z"), new BigDecimal("2.0"), DeadlineUnit.WORKING_DAYS))
          .isEqualTo(utc("2026-02-24T02:00:00Z"));
    }

    @Test
    void refusesFractionalWorkingDays() {
      assertThatThrownBy(
              () ->
                  shanghai.dueAt(
                      utc("2026-03-02T01:00:00Z"),
                      new BigDecimal("1.5"),
                      DeadlineUnit.WORKING_DAYS))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("whole");
    }
  }

  @Nested
  class Warnings {

    @Test
    void warnsAfterFourFifthsOfTheWorkingHours() {
      // 09:00 plus 5 working hours is due 15:30; four working hours have passed at 14:30.
      Instant start = utc("2026-03-02T01:00:00Z");
      Instant due = shanghai.dueAt(start, 5, DeadlineUnit.WORKING_HOURS);
      assertThat(due).isEqualTo(local("2026-03-02T15:30+08:00"));
      assertThat(shanghai.warningAt(start, due, DeadlineUnit.WORKING_HOURS, 0.8))
          .isEqualTo(local("2026-03-02T14:30+08:00"));
    }

    @Test
    void warnsInWorkingTimeAcrossTheNight() {
      // Monday 16:30 plus 5 working hours: 1 h Monday, 3.5 h Tuesday morning, 0.5 h to 14:00.
      // Four hours: 1 h Monday and 3 h Tuesday, 11:30.
      Instant start = local("2026-03-02T16:30+08:00");
      Instant due = shanghai.dueAt(start, 5, DeadlineUnit.WORKING_HOURS);
      assertThat(due).isEqualTo(local("2026-03-03T14:00+08:00"));
      assertThat(shanghai.warningAt(start, due, DeadlineUnit.WORKING_HOURS, 0.8))
          .isEqualTo(local("2026-03-03T11:30+08:00"));
    }

    @Test
    void warnsFromTheFirstWorkingMomentWhenStartedOnAWeekend() {
      // Saturday 10:00 counts from Monday 08:30: 5 h is 3.5 + 1.5, due 15:00; 4 h is 3.5 + 0.5,
      // 14:00. The weekend adds nothing to the warning.
      Instant start = local("2026-03-07T10:00+08:00");
      Instant due = shanghai.dueAt(start, 5, DeadlineUnit.WORKING_HOURS);
      assertThat(due).isEqualTo(local("2026-03-09T15:00+08:00"));
      assertThat(shanghai.warningAt(start, due, DeadlineUnit.WORKING_HOURS, 0.8))
          .isEqualTo(local("2026-03-09T14:00+08:00"));
    }

    @Test
    void warnsInWorkingTimeForWorkingDays() {
      // Friday 02-13 10:00 to Tuesday 02-24 10:00 holds 6 + 7.5 + 1.5 = 15 working hours; 12 are
      // used at 16:00 on the make-up Saturday (6 on Friday, 3.5 + 2.5 on Saturday).
      Instant start = local("2026-02-13T10:00+08:00");
      Instant due = shanghai.dueAt(start, 2, DeadlineUnit.WORKING_DAYS);
      assertThat(shanghai.warningAt(start, due, DeadlineUnit.WORKING_DAYS, 0.8))
          .isEqualTo(local("2026-02-14T16:00+08:00"));
    }

    @Test
    void warnsInNaturalTimeForNaturalHours() {
      assertThat(
              shanghai.warningAt(
                  utc("2026-03-02T00:00:00Z"),
                  utc("2026-03-02T10:00:00Z"),
                  DeadlineUnit.NATURAL_HOURS,
                  0.8))
          .isEqualTo(utc("2026-03-02T08:00:00Z"));
      // 10:00 to 16:00 on a holiday: 4 h 48 min in, holidays do not matter.
      assertThat(
              shanghai.warningAt(
                  local("2026-10-02T10:00+08:00"),
                  local("2026-10-02T16:00+08:00"),
                  DeadlineUnit.NATURAL_HOURS,
                  0.8))
          .isEqualTo(local("2026-10-02T14:48+08:00"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.2, 1.5, Double.NaN})
    void refusesAShareOutsideZeroToOne(double share) {
      Instant start = utc("2026-03-02T01:00:00Z");
      assertThatThrownBy(
              () ->
                  shanghai.warningAt(
                      start, start.plusSeconds(3600), DeadlineUnit.WORKING_HOURS, share))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesADueMomentBeforeTheStart() {
      Instant start = utc("2026-03-02T01:00:00Z");
      assertThatThrownBy(
              () ->
                  shanghai.warningAt(
                      start, start.minusSeconds(60), DeadlineUnit.NATURAL_HOURS, 0.5))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(DeadlineUnit.class)
  void refusesANegativeAmount(DeadlineUnit unit) {
    Instant start = utc("2026-03-02T01:00:00Z");
    assertThatThrownBy(() -> shanghai.dueAt(start, -1, unit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> shanghai.dueAt(start, new BigDecimal("-0.5"), unit))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Nested
  class ResumingAStoppedClock {

    private final DeadlineCalculator shanghai =
        new DeadlineCalculator(China2026.calendar(), java.time.ZoneId.of("Asia/Shanghai"));

    @org.junit.jupiter.api.Test
    void movesANaturalHourDeadlineByTheTimeTheClockStood() {
      assertThat(
              shanghai.resumed(
                  Instant.parse("2026-10-09T08:00:00Z"),
                  Instant.parse("2026-10-09T03:00:00Z"),
                  Instant.parse("2026-10-09T05:00:00Z"),
                  DeadlineUnit.NATURAL_HOURS))
          .isEqualTo(Instant.parse("2026-10-09T10:00:00Z"));
    }

    @org.junit.jupiter.api.Test
    void keepsTheWorkingTimeThatWasLeftWhenTheClockStopped() {
      // Due Monday 15:00 in Shanghai, stopped at 10:00: 2 h before noon and 1.5 h after lunch
      // were left. Resumed Wednesday 14:00, those 3.5 working hours run out at 17:30.
      assertThat(
              shanghai.resumed(
                  Instant.parse("2026-03-02T07:00:00Z"),
                  Instant.parse("2026-03-02T02:00:00Z"),
                  Instant.parse("2026-03-04T06:00:00Z"),
                  DeadlineUnit.WORKING_HOURS))
          .isEqualTo(Instant.parse("2026-03-04T09:30:00Z"));
    }

    @org.junit.jupiter.api.Test
    void refusesToResumeBeforeTheClockStopped() {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  shanghai.resumed(
                      Instant.parse("2026-03-02T07:00:00Z"),
                      Instant.parse("2026-03-02T02:00:00Z"),
                      Instant.parse("2026-03-02T01:00:00Z"),
                      DeadlineUnit.WORKING_HOURS))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
