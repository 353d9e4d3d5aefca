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
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

  private final WorkingCalendar calendar = China2026.calendar();

  private static LocalDateTime at(String text) {
    return LocalDateTime.parse(text);
  }

  private LocalDateTime plusHours(String start, double hours) {
    return calendar.addWorkingTime(at(start), Duration.ofMinutes(Math.round(hours * 60)));
  }

  @Test
  void knowsHolidaysMakeUpDaysAndWeekends() {
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-02"))).isTrue(); // Monday
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-07"))).isFalse(); // Saturday
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue(); // make-up Saturday
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-01-04"))).isTrue(); // make-up Sunday
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-08"))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-07"))).isFalse(); // National Day
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-04-06"))).isFalse(); // Qingming Monday
  }

  @Test
  void crossesTheLunchBreak() {
    assertThat(plusHours("2026-03-02T11:00", 2)).isEqualTo(at("2026-03-02T14:30"));
  }

  @Test
  void crossesTheNight() {
    assertThat(plusHours("2026-03-02T16:30", 2)).isEqualTo(at("2026-03-03T09:30"));
  }

  @Test
  void startsAtNightFromTheNextMorning() {
    assertThat(plusHours("2026-03-02T20:00", 1)).isEqualTo(at("2026-03-03T09:30"));
  }

  @Test
  void startsAtLunchFromTheAfternoon() {
    assertThat(plusHours("2026-03-02T12:30", 1)).isEqualTo(at("2026-03-02T14:30"));
  }

  @Test
  void movesAStartOnSaturdayToMondayMorning() {
    assertThat(plusHours("2026-03-07T10:00", 1)).isEqualTo(at("2026-03-09T09:30"));
  }

  @Test
  void skipsAHolidayThatRunsIntoTheWeek() {
    // Friday 17:00 has half an hour left; Qingming takes Saturday to Monday.
    assertThat(plusHours("2026-04-03T17:00", 1)).isEqualTo(at("2026-04-07T09:00"));
  }

  @Test
  void endsAtNoonOrAtTheEndOfTheDayWhenTheTimeRunsOutExactlyThere() {
    assertThat(plusHours("2026-03-02T08:30", 3.5)).isEqualTo(at("2026-03-02T12:00"));
    assertThat(plusHours("2026-03-02T08:30", 7.5)).isEqualTo(at("2026-03-02T17:30"));
  }

  @Test
  void countsAMakeUpSaturdayAsAWorkingDay() {
    assertThat(plusHours("2026-02-13T17:00", 1)).isEqualTo(at("2026-02-14T09:00"));
  }

  @Test
  void countsAMakeUpSundayRightAfterNewYear() {
    assertThat(plusHours("2026-01-02T10:00", 1)).isEqualTo(at("2026-01-04T09:30"));
  }

  @Test
  void waitsOutTheNineDaysOfSpringFestival() {
    assertThat(plusHours("2026-02-14T17:00", 1)).isEqualTo(at("2026-02-24T09:00"));
  }

  @Test
  void countsWorkingDaysAcrossSpringFestival() {
    assertThat(calendar.addWorkingDays(at("2026-02-13T10:00"), 1))
        .isEqualTo(at("2026-02-14T10:00"));
    assertThat(calendar.addWorkingDays(at("2026-02-13T10:00"), 2))
        .isEqualTo(at("2026-02-24T10:00"));
  }

  @Test
  void countsWorkingDaysAroundNationalDayAndItsMakeUpSunday() {
    assertThat(calendar.addWorkingDays(at("2026-09-30T10:00"), 1))
        .isEqualTo(at("2026-10-08T10:00"));
    assertThat(calendar.addWorkingDays(at("2026-09-18T10:00"), 1))
        .isEqualTo(at("2026-09-20T10:00"));
  }

  @Test
  void countsFiveAndTwentyWorkingDays() {
    assertThat(calendar.addWorkingDays(at("2026-03-02T10:00"), 5))
        .isEqualTo(at("2026-03-09T10:00"));
    assertThat(calendar.addWorkingDays(at("2026-04-01T09:00"), 20))
        .isEqualTo(at("2026-04-30T09:00"));
  }

  @Test
  void countsWorkingDaysFromTheNextWorkingMomentWhenStartedOnFridayEvening() {
    assertThat(calendar.addWorkingDays(at("2026-03-06T19:00"), 1))
        .isEqualTo(at("2026-03-10T08:30"));
  }

  @Test
  void measuresWorkingTimeBetweenTwoMoments() {
    assertThat(calendar.workingTimeBetween(at("2026-03-02T11:00"), at("2026-03-03T09:30")))
        .isEqualTo(Duration.ofMinutes(60 + 240 + 60));
    assertThat(calendar.workingTimeBetween(at("2026-02-14T17:00"), at("2026-02-24T09:00")))
        .isEqualTo(Duration.ofHours(1));
    assertThat(calendar.workingTimeBetween(at("2026-03-03T10:00"), at("2026-03-02T10:00")))
        .isZero();
  }

  @Test
  void measuringUndoesAddingForAnyStartAndAmount() {
    Random random = new Random(20261123);
    LocalDateTime year = at("2026-01-01T00:00");
    for (int i = 0; i < 2000; i++) {
      LocalDateTime start = year.plusMinutes(random.nextInt(365 * 24 * 60));
      Duration amount = Duration.ofMinutes(random.nextInt(20 * 450));
      LocalDateTime due = calendar.addWorkingTime(start, amount);
      assertThat(calendar.workingTimeBetween(start, due))
          .as("from %s plus %s", start, amount)
          .isEqualTo(amount);
    }
  }

  @Test
  void refusesImpossibleCalendarsAndNegativeAmounts() {
    assertThatThrownBy(() -> new WorkingCalendar(List.of(), Set.of(), Set.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new WorkingCalendar(
                    List.of(
                        new WorkingPeriod(LocalTime.parse("08:30"), LocalTime.parse("12:00")),
                        new WorkingPeriod(LocalTime.parse("11:00"), LocalTime.parse("17:00"))),
                    Set.of(),
                    Set.of(),
                    Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlap");
    assertThatThrownBy(() -> new WorkingPeriod(LocalTime.NOON, LocalTime.NOON))
        .isInstanceOf(IllegalArgumentException.class);
    LocalDate day = LocalDate.parse("2026-05-09");
    assertThatThrownBy(
            () ->
                new WorkingCalendar(
                    List.of(new WorkingPeriod(LocalTime.NOON, LocalTime.MIDNIGHT.minusMinutes(1))),
                    Set.of(DayOfWeek.SATURDAY),
                    Set.of(day),
                    Set.of(day)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> calendar.addWorkingTime(at("2026-03-02T10:00"), Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> calendar.addWorkingDays(at("2026-03-02T10:00"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failsClearlyWhenTheCalendarHasNoWorkingDayAtAll() {
    WorkingCalendar never =
        new WorkingCalendar(
            List.of(new WorkingPeriod(LocalTime.parse("09:00"), LocalTime.parse("10:00"))),
            Set.of(DayOfWeek.values()),
            Set.of(),
            Set.of());
    assertThatThrownBy(() -> never.addWorkingTime(at("2026-03-02T10:00"), Duration.ofHours(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no working day");
  }
}
