package io.casegrid.supervision.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every expected moment below was counted by hand on the 2026 calendar: 2026-01-01 is a Thursday,
 * so 02-13 is a Friday, 03-02 a Monday, 04-01 a Wednesday, 05-01 a Friday, 09-20 a Sunday, 10-01 a
 * Thursday and 10-10 a Saturday. A working day is 08:30–12:00 (3.5 h) and 13:30–17:30 (4 h).
 */
class WorkingCalendarTest {

  private final WorkingCalendar calendar = China2026.calendar();

  private static LocalDateTime at(String text) {
    return LocalDateTime.parse(text);
  }

  private static LocalDate day(String text) {
    return LocalDate.parse(text);
  }

  private static Duration hours(double hours) {
    return Duration.ofMinutes(Math.round(hours * 60));
  }

  private LocalDateTime plusHours(String start, double hours) {
    return calendar.addWorkingTime(at(start), hours(hours));
  }

  private LocalDateTime plusDays(String start, int days) {
    return calendar.addWorkingDays(at(start), days);
  }

  /** Monday to Friday 09:00–17:00 with no holidays: long durations are easy to count there. */
  private static WorkingCalendar plainWeeks() {
    return new WorkingCalendar(
        List.of(new WorkingPeriod(LocalTime.parse("09:00"), LocalTime.parse("17:00"))),
        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
        Set.of(),
        Set.of());
  }

  /** Every day is weekend; only the given make-up days are worked, 09:00–10:00. */
  private static WorkingCalendar onlyWorkingOn(Set<LocalDate> makeUps) {
    return new WorkingCalendar(
        List.of(new WorkingPeriod(LocalTime.parse("09:00"), LocalTime.parse("10:00"))),
        Set.of(DayOfWeek.values()),
        Set.of(),
        makeUps);
  }

  @Nested
  class TellingWorkingDays {

    @Test
    void takesTheFixtureFromTheBriefsTable() {
      // 3 + 9 + 3 + 5 + 3 + 3 + 7 days off, 6 make-up days.
      assertThat(China2026.HOLIDAYS).hasSize(33);
      assertThat(China2026.MAKE_UP_DAYS).hasSize(6);
    }

    @Test
    void treatsAnOrdinaryWeekdayAsAWorkingDayAndAWeekendAsNot() {
      assertThat(calendar.isWorkingDay(day("2026-03-02"))).isTrue(); // Monday
      assertThat(calendar.isWorkingDay(day("2026-03-06"))).isTrue(); // Friday
      assertThat(calendar.isWorkingDay(day("2026-03-07"))).isFalse(); // Saturday
      assertThat(calendar.isWorkingDay(day("2026-03-08"))).isFalse(); // Sunday
    }

    @Test
    void neverWorksOnAHolidayEvenOnAWeekday() {
      assertThat(China2026.HOLIDAYS)
          .allSatisfy(d -> assertThat(calendar.isWorkingDay(d)).isFalse());
      assertThat(calendar.isWorkingDay(day("2026-01-01"))).isFalse(); // Thursday
      assertThat(calendar.isWorkingDay(day("2026-02-23"))).isFalse(); // Monday
      assertThat(calendar.isWorkingDay(day("2026-04-06"))).isFalse(); // Qingming Monday
      assertThat(calendar.isWorkingDay(day("2026-10-07"))).isFalse(); // Wednesday
    }

    @Test
    void worksOnEveryMakeUpDayEvenOnAWeekend() {
      assertThat(China2026.MAKE_UP_DAYS)
          .allSatisfy(d -> assertThat(calendar.isWorkingDay(d)).isTrue());
      assertThat(calendar.isWorkingDay(day("2026-01-04"))).isTrue(); // Sunday
      assertThat(calendar.isWorkingDay(day("2026-10-10"))).isTrue(); // Saturday
    }

    @Test
    void resumesWorkOnTheDayAfterEachHoliday() {
      assertThat(calendar.isWorkingDay(day("2026-02-24"))).isTrue();
      assertThat(calendar.isWorkingDay(day("2026-04-07"))).isTrue();
      assertThat(calendar.isWorkingDay(day("2026-05-06"))).isTrue();
      assertThat(calendar.isWorkingDay(day("2026-06-22"))).isTrue();
      assertThat(calendar.isWorkingDay(day("2026-09-28"))).isTrue();
      assertThat(calendar.isWorkingDay(day("2026-10-08"))).isTrue();
    }

    @Test
    void countsTwoHundredFortyEightWorkingDaysIn2026() {
      // 261 weekdays, 19 of them holidays (2+6+1+3+1+1+5), plus 6 make-up days.
      long working =
          day("2026-01-01").datesUntil(day("2027-01-01")).filter(calendar::isWorkingDay).count();
      assertThat(working).isEqualTo(248);
    }
  }

  @Nested
  class BuildingACalendar {

    @Test
    void sortsItsPeriodsAndKnowsTheLengthOfAWorkingDay() {
      assertThat(calendar.periods()).containsExactly(China2026.MORNING, China2026.AFTERNOON);
      assertThat(calendar.workingTimePerDay()).isEqualTo(Duration.ofMinutes(450));
    }

    @Test
    void acceptsPeriodsThatTouch() {
      WorkingCalendar touching =
          new WorkingCalendar(
              List.of(
                  new WorkingPeriod(LocalTime.parse("08:00"), LocalTime.parse("12:00")),
                  new WorkingPeriod(LocalTime.parse("12:00"), LocalTime.parse("13:00"))),
              Set.of(),
              Set.of(),
              Set.of());
      assertThat(touching.workingTimePerDay()).isEqualTo(Duration.ofHours(5));
      assertThat(touching.addWorkingTime(at("2026-03-02T11:00"), hours(2)))
          .isEqualTo(at("2026-03-02T13:00"));
    }

    @Test
    void refusesACalendarWithoutWorkingPeriods() {
      assertThatThrownBy(() -> new WorkingCalendar(List.of(), Set.of(), Set.of(), Set.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one");
      assertThatThrownBy(() -> new WorkingCalendar(null, Set.of(), Set.of(), Set.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOverlappingPeriodsInAnyOrder() {
      WorkingPeriod morning = new WorkingPeriod(LocalTime.parse("08:30"), LocalTime.parse("12:00"));
      WorkingPeriod overlapping =
          new WorkingPeriod(LocalTime.parse("11:00"), LocalTime.parse("17:00"));
      assertThatThrownBy(
              () ->
                  new WorkingCalendar(List.of(morning, overlapping), Set.of(), Set.of(), Set.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("overlap");
      assertThatThrownBy(
              () ->
                  new WorkingCalendar(List.of(overlapping, morning), Set.of(), Set.of(), Set.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("overlap");
    }

    @Test
    void refusesAPeriodThatDoesNotStartBeforeItEnds() {
      assertThatThrownBy(() -> new WorkingPeriod(LocalTime.NOON, LocalTime.NOON))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () -> new WorkingPeriod(LocalTime.parse("17:30"), LocalTime.parse("08:30")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new WorkingPeriod(null, LocalTime.NOON))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesADayThatIsBothAHolidayAndAMakeUpDay() {
      LocalDate may9 = day("2026-05-09");
      assertThatThrownBy(
              () ->
                  new WorkingCalendar(
                      List.of(China2026.MORNING),
                      Set.of(DayOfWeek.SATURDAY),
                      Set.of(may9),
                      Set.of(may9)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2026-05-09");
    }
  }

  @Nested
  class AddingWorkingHours {

    @Test
    void crossesTheLunchBreak() {
      // 11:00–12:00 is one hour, the second runs 13:30–14:30.
      assertThat(plusHours("2026-03-02T11:00", 2)).isEqualTo(at("2026-03-02T14:30"));
    }

    @Test
    void crossesTheNight() {
      // 16:30–17:30 Monday, then 08:30–09:30 Tuesday.
      assertThat(plusHours("2026-03-02T16:30", 2)).isEqualTo(at("2026-03-03T09:30"));
    }

    @Test
    void startsAtNightFromTheNextMorning() {
      assertThat(plusHours("2026-03-02T20:00", 1)).isEqualTo(at("2026-03-03T09:30"));
      assertThat(plusHours("2026-03-03T06:00", 1)).isEqualTo(at("2026-03-03T09:30"));
    }

    @Test
    void startsAtLunchFromTheAfternoon() {
      assertThat(plusHours("2026-03-02T12:30", 1)).isEqualTo(at("2026-03-02T14:30"));
      assertThat(plusHours("2026-03-02T12:00", 1)).isEqualTo(at("2026-03-02T14:30"));
    }

    @Test
    void movesAStartOnSaturdayToMondayMorning() {
      assertThat(plusHours("2026-03-07T10:00", 1)).isEqualTo(at("2026-03-09T09:30"));
    }

    @Test
    void movesAStartOnAHolidayToTheFirstDayBackAtWork() {
      // National Day runs to Wednesday 10-07; Thursday 10-08 is back at work.
      assertThat(plusHours("2026-10-03T10:00", 2)).isEqualTo(at("2026-10-08T10:30"));
      // New Year's Day: 01-01 to 01-03 off, Sunday 01-04 is a make-up day; 3.5 h in the morning,
      // the last half hour 13:30–14:00.
      assertThat(plusHours("2026-01-01T09:00", 4)).isEqualTo(at("2026-01-04T14:00"));
    }

    @Test
    void endsExactlyAtNoonRatherThanAfterLunch() {
      assertThat(plusHours("2026-03-02T08:30", 3.5)).isEqualTo(at("2026-03-02T12:00"));
      assertThat(plusHours("2026-03-02T10:00", 2)).isEqualTo(at("2026-03-02T12:00"));
    }

    @Test
    void endsExactlyAtHalfPastFiveRatherThanNextMorning() {
      assertThat(plusHours("2026-03-02T08:30", 7.5)).isEqualTo(at("2026-03-02T17:30"));
      assertThat(plusHours("2026-03-02T16:00", 1.5)).isEqualTo(at("2026-03-02T17:30"));
      // A start before work with a full day's time ends the same evening.
      assertThat(plusHours("2026-03-02T07:00", 7.5)).isEqualTo(at("2026-03-02T17:30"));
    }

    @Test
    void countsAMakeUpSaturdayAsAWorkingDay() {
      // Friday 17:00 has half an hour; the other half is Saturday 08:30–09:00.
      assertThat(plusHours("2026-02-13T17:00", 1)).isEqualTo(at("2026-02-14T09:00"));
      assertThat(plusHours("2026-05-08T17:00", 1)).isEqualTo(at("2026-05-09T09:00"));
    }

    @Test
    void countsAMakeUpSundayRightAfterNewYear() {
      // 10:00 on 01-02 is a holiday: the hour is Sunday 01-04 08:30–09:30.
      assertThat(plusHours("2026-01-02T10:00", 1)).isEqualTo(at("2026-01-04T09:30"));
    }

    @Test
    void waitsOutTheNineDaysOfSpringFestival() {
      assertThat(plusHours("2026-02-14T17:00", 1)).isEqualTo(at("2026-02-24T09:00"));
    }

    @Test
    void skipsQingmingThatRunsIntoMonday() {
      assertThat(plusHours("2026-04-03T17:00", 1)).isEqualTo(at("2026-04-07T09:00"));
    }

    @Test
    void skipsNationalDay() {
      // 1.5 h on 09-30, then 3.5 h in the morning of 10-08 and 2.5 h from 13:30.
      assertThat(plusHours("2026-09-30T16:00", 7.5)).isEqualTo(at("2026-10-08T16:00"));
    }

    @Test
    void countsTwentyWorkingHoursOverThreeDays() {
      // Monday 7.5, Tuesday 7.5, Wednesday 3.5 + 1.5 = 20.
      assertThat(plusHours("2026-03-02T08:30", 20)).isEqualTo(at("2026-03-04T15:00"));
    }

    @Test
    void countsFortyWorkingHoursAcrossLabourDayAndItsMakeUpSaturday() {
      // 04-30: 2 + 4 = 6 (34 left); 05-01..05-05 off; 05-06, 05-07, 05-08: 22.5 (11.5 left);
      // Saturday 05-09 make-up: 7.5 (4 left); Sunday off; Monday 05-11: 3.5 + 0.5.
      assertThat(plusHours("2026-04-30T10:00", 40)).isEqualTo(at("2026-05-11T14:00"));
    }

    @Test
    void usesUpAllOfTheYearsWorkingTimeOnTheLastEveningOf2026() {
      // 248 working days × 7.5 h; 2026-12-31 is a Thursday.
      assertThat(plusHours("2026-01-01T00:00", 248 * 7.5)).isEqualTo(at("2026-12-31T17:30"));
    }

    @Test
    void givesTheNextWorkingMomentForNoTimeAtAll() {
      assertThat(plusHours("2026-03-02T10:15", 0)).isEqualTo(at("2026-03-02T10:15"));
      assertThat(plusHours("2026-03-02T12:00", 0)).isEqualTo(at("2026-03-02T13:30"));
      assertThat(plusHours("2026-03-06T18:00", 0)).isEqualTo(at("2026-03-09T08:30"));
      assertThat(calendar.nextWorkingMoment(at("2026-02-15T09:00")))
          .isEqualTo(at("2026-02-24T08:30"));
    }

    @Test
    void keepsSecondsAndFractions() {
      assertThat(calendar.addWorkingTime(at("2026-03-02T11:59:30"), Duration.ofSeconds(45)))
          .isEqualTo(at("2026-03-02T13:30:15"));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void addsNineteenYearsOfWorkingTimeQuickly() {
      // 1000 weeks of 5 × 8 h from Monday 09:00 end on the Friday of the 1000th week at 17:00.
      WorkingCalendar plain = plainWeeks();
      LocalDate monday = day("2024-01-01");
      assertThat(plain.addWorkingTime(monday.atTime(9, 0), Duration.ofHours(1000 * 40)))
          .isEqualTo(monday.plusWeeks(999).plusDays(4).atTime(17, 0));
    }

    @Test
    void findsAWorkingDayYearsAhead() {
      // Nearly four years without work is odd data, but not endless.
      WorkingCalendar rare = onlyWorkingOn(Set.of(day("2030-01-07")));
      assertThat(rare.addWorkingTime(at("2026-03-02T10:00"), hours(1)))
          .isEqualTo(at("2030-01-07T10:00"));
    }

    @Test
    void failsClearlyWhenTheCalendarHasNoWorkingDayForTenYears() {
      assertThatThrownBy(
              () -> onlyWorkingOn(Set.of()).addWorkingTime(at("2026-03-02T10:00"), hours(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no working day within 3660 days");
      WorkingCalendar tooRare = onlyWorkingOn(Set.of(day("2040-01-02")));
      assertThatThrownBy(() -> tooRare.addWorkingTime(at("2026-03-02T10:00"), hours(1)))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesNegativeTime() {
      assertThatThrownBy(() -> plusHours("2026-03-02T10:00", -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class AddingWorkingDays {

    @Test
    void landsOnTheMakeUpSaturdayBeforeSpringFestival() {
      assertThat(plusDays("2026-02-13T10:00", 1)).isEqualTo(at("2026-02-14T10:00"));
    }

    @Test
    void jumpsOverTheWholeNineDaysOfSpringFestival() {
      assertThat(plusDays("2026-02-13T10:00", 2)).isEqualTo(at("2026-02-24T10:00"));
      assertThat(plusDays("2026-02-13T10:00", 3)).isEqualTo(at("2026-02-25T10:00"));
    }

    @Test
    void countsTheSecondMakeUpSaturdayOfSpringFestival() {
      // From Tuesday 02-24: 25(1), 26(2), 27(3), Saturday 28 make-up(4).
      assertThat(plusDays("2026-02-24T16:00", 4)).isEqualTo(at("2026-02-28T16:00"));
      // From the last holiday, Monday 02-23, counting starts Tuesday 08:30.
      assertThat(plusDays("2026-02-23T16:00", 4)).isEqualTo(at("2026-02-28T08:30"));
    }

    @Test
    void jumpsOverNationalDayAndCountsItsMakeUpSaturday() {
      // 10-08 Thu(1), 10-09 Fri(2), Saturday 10-10 make-up(3), Monday 10-12(4).
      assertThat(plusDays("2026-09-30T10:00", 1)).isEqualTo(at("2026-10-08T10:00"));
      assertThat(plusDays("2026-09-30T10:00", 3)).isEqualTo(at("2026-10-10T10:00"));
      assertThat(plusDays("2026-09-30T10:00", 4)).isEqualTo(at("2026-10-12T10:00"));
    }

    @Test
    void countsTheMakeUpSundayBeforeNationalDay() {
      // Saturday 09-19 is off, Sunday 09-20 is worked.
      assertThat(plusDays("2026-09-18T10:00", 1)).isEqualTo(at("2026-09-20T10:00"));
      assertThat(plusDays("2026-09-18T10:00", 2)).isEqualTo(at("2026-09-21T10:00"));
    }

    @Test
    void jumpsOverMidAutumn() {
      // Friday 09-25 to Sunday 09-27 off.
      assertThat(plusDays("2026-09-24T15:00", 1)).isEqualTo(at("2026-09-28T15:00"));
    }

    @Test
    void countsFiveWorkingDaysAsOneOrdinaryWeek() {
      assertThat(plusDays("2026-03-02T10:00", 5)).isEqualTo(at("2026-03-09T10:00"));
    }

    @Test
    void countsFiveWorkingDaysAcrossNationalDay() {
      // 09-30(1), 10-08(2), 10-09(3), Saturday 10-10(4), Monday 10-12(5).
      assertThat(plusDays("2026-09-29T15:00", 5)).isEqualTo(at("2026-10-12T15:00"));
    }

    @Test
    void countsSevenWorkingDaysAfterNationalDay() {
      // Friday 10-09: Saturday 10-10(1), 12(2), 13(3), 14(4), 15(5), 16(6), 19(7).
      assertThat(plusDays("2026-10-09T10:00", 7)).isEqualTo(at("2026-10-19T10:00"));
    }

    @Test
    void countsTwentyWorkingDaysAcrossQingming() {
      // 04-02(1), 04-03(2), 04-04..06 off, 07..10(3-6), 13..17(7-11), 20..24(12-16), 27..30(17-20).
      assertThat(plusDays("2026-04-01T09:00", 20)).isEqualTo(at("2026-04-30T09:00"));
    }

    @Test
    void countsTwentyWorkingDaysAcrossLabourDayAndItsMakeUpSaturday() {
      // 04-28..30(1-3), 05-01..05 off, 06..08(4-6), Saturday 09(7), 11..15(8-12), 18..22(13-17),
      // 25..27(18-20).
      assertThat(plusDays("2026-04-27T10:00", 20)).isEqualTo(at("2026-05-27T10:00"));
    }

    @Test
    void countsFromMondayMorningWhenStartedOnFridayEvening() {
      // Counting starts Monday 03-09 08:30, so one working day ends Tuesday 08:30.
      assertThat(plusDays("2026-03-06T19:00", 1)).isEqualTo(at("2026-03-10T08:30"));
    }

    @Test
    void countsFromTheAfternoonWhenStartedAtLunch() {
      assertThat(plusDays("2026-03-02T12:30", 1)).isEqualTo(at("2026-03-03T13:30"));
    }

    @Test
    void countsFromTheNextWorkingMorningWhenStartedOnAWeekendOrHoliday() {
      assertThat(plusDays("2026-03-08T09:00", 5)).isEqualTo(at("2026-03-16T08:30"));
      // National Day: counting starts 10-08 08:30.
      assertThat(plusDays("2026-10-03T11:00", 1)).isEqualTo(at("2026-10-09T08:30"));
    }

    @Test
    void keepsTheTimeOfDayOfAStartExactlyAtTheEndOfAPeriod() {
      assertThat(plusDays("2026-03-02T17:30", 1)).isEqualTo(at("2026-03-03T17:30"));
      assertThat(plusDays("2026-03-02T12:00", 1)).isEqualTo(at("2026-03-03T12:00"));
      // One minute later the working day is over.
      assertThat(plusDays("2026-03-02T17:31", 1)).isEqualTo(at("2026-03-04T08:30"));
    }

    @Test
    void givesTheNextWorkingMomentForNoDaysAtAll() {
      assertThat(plusDays("2026-03-02T10:00", 0)).isEqualTo(at("2026-03-02T10:00"));
      assertThat(plusDays("2026-03-07T10:00", 0)).isEqualTo(at("2026-03-09T08:30"));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void countsFiveThousandWorkingDaysAsAThousandWeeks() {
      LocalDate monday = day("2024-01-01");
      assertThat(plainWeeks().addWorkingDays(monday.atTime(10, 0), 5000))
          .isEqualTo(monday.plusWeeks(1000).atTime(10, 0));
    }

    @Test
    void failsClearlyWhenTheCalendarHasNoWorkingDayForTenYears() {
      WorkingCalendar once = onlyWorkingOn(Set.of(day("2026-03-02")));
      assertThatThrownBy(() -> once.addWorkingDays(at("2026-03-02T09:30"), 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no working day");
    }

    @Test
    void refusesNegativeDays() {
      assertThatThrownBy(() -> plusDays("2026-03-02T10:00", -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class MeasuringWorkingTime {

    @Test
    void countsAcrossLunchAndNight() {
      // Monday 11:00–12:00 and 13:30–17:30, Tuesday 08:30–09:30.
      assertThat(calendar.workingTimeBetween(at("2026-03-02T11:00"), at("2026-03-03T09:30")))
          .isEqualTo(Duration.ofHours(6));
    }

    @Test
    void countsNothingDuringLunchOrAtNight() {
      assertThat(calendar.workingTimeBetween(at("2026-03-02T12:10"), at("2026-03-02T13:20")))
          .isZero();
      assertThat(calendar.workingTimeBetween(at("2026-03-02T17:30"), at("2026-03-03T08:30")))
          .isZero();
    }

    @Test
    void countsOnlyHalfAnHourEachSideOfSpringFestival() {
      assertThat(calendar.workingTimeBetween(at("2026-02-14T17:00"), at("2026-02-24T09:00")))
          .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void countsAWeekAsFiveWorkingDays() {
      assertThat(calendar.workingTimeBetween(at("2026-03-02T00:00"), at("2026-03-09T00:00")))
          .isEqualTo(Duration.ofMinutes(5 * 450));
    }

    @Test
    void countsTheWholeYear() {
      assertThat(calendar.workingTimeBetween(at("2026-01-01T00:00"), at("2027-01-01T00:00")))
          .isEqualTo(Duration.ofMinutes(248 * 450));
    }

    @Test
    void countsNothingBackwardsOrForAnInstant() {
      assertThat(calendar.workingTimeBetween(at("2026-03-03T10:00"), at("2026-03-02T10:00")))
          .isZero();
      assertThat(calendar.workingTimeBetween(at("2026-03-02T10:00"), at("2026-03-02T10:00")))
          .isZero();
    }

    @Test
    void undoesAddingWorkingTimeForAnyStartAndAmount() {
      Random random = new Random(20261123);
      LocalDateTime year = at("2026-01-01T00:00");
      for (int i = 0; i < 5000; i++) {
        LocalDateTime start = year.plusMinutes(random.nextInt(365 * 24 * 60));
        Duration amount = Duration.ofMinutes(random.nextInt(25 * 450));
        LocalDateTime due = calendar.addWorkingTime(start, amount);
        assertThat(calendar.workingTimeBetween(start, due))
            .as("from %s plus %s", start, amount)
            .isEqualTo(amount);
      }
    }

    @Test
    void addingTheMeasuredTimeReachesTheEarliestMomentWithNoWorkLeft() {
      // The way back: the moment reached is never after the target, and no work lies between.
      Random random = new Random(42);
      LocalDateTime year = at("2026-01-01T00:00");
      for (int i = 0; i < 5000; i++) {
        LocalDateTime from = year.plusMinutes(random.nextInt(365 * 24 * 60));
        LocalDateTime to = from.plusMinutes(random.nextInt(40 * 24 * 60));
        Duration measured = calendar.workingTimeBetween(from, to);
        LocalDateTime reached = calendar.addWorkingTime(from, measured);
        if (measured.isZero()) {
          continue; // a zero amount moves to the next working moment, which may lie after `to`
        }
        assertThat(reached).as("from %s to %s", from, to).isBeforeOrEqualTo(to);
        assertThat(calendar.workingTimeBetween(reached, to)).as("from %s to %s", from, to).isZero();
      }
    }

    @Test
    void agreesThatAWorkingDayHoldsAFullDayOfWorkingTime() {
      // Whatever the start, N working days later is N × 7.5 h of working time later.
      Random random = new Random(7);
      LocalDateTime year = at("2026-01-01T00:00");
      for (int i = 0; i < 2000; i++) {
        LocalDateTime start = year.plusMinutes(random.nextInt(365 * 24 * 60));
        int days = random.nextInt(30);
        LocalDateTime due = calendar.addWorkingDays(start, days);
        assertThat(calendar.workingTimeBetween(start, due))
            .as("from %s plus %d working days", start, days)
            .isEqualTo(Duration.ofMinutes(450L * days));
      }
    }
  }
}
