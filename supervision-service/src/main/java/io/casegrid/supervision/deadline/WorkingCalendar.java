package io.casegrid.supervision.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The official working-day calendar: working periods of a day, the weekend, holidays and make-up
 * working days (调休). A holiday is never a working day; a make-up day always is, even on a
 * weekend. All arithmetic is in local time of the city; {@link DeadlineCalculator} converts.
 */
public final class WorkingCalendar {

  // No city has a year without working days: past this, the calendar data is wrong.
  private static final int MAX_DAYS_SEARCHED = 3660;

  private final List<WorkingPeriod> periods;
  private final Set<DayOfWeek> weekend;
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> makeUpWorkdays;

  public WorkingCalendar(
      List<WorkingPeriod> periods,
      Set<DayOfWeek> weekend,
      Set<LocalDate> holidays,
      Set<LocalDate> makeUpWorkdays) {
    if (periods == null || periods.isEmpty()) {
      throw new IllegalArgumentException("a working day needs at least one working period");
    }
    List<WorkingPeriod> sorted =
        periods.stream().sorted(Comparator.comparing(WorkingPeriod::start)).toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
        throw new IllegalArgumentException(
            "working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
      }
    }
    if (holidays.stream().anyMatch(makeUpWorkdays::contains)) {
      throw new IllegalArgumentException("a day cannot be both a holiday and a make-up working day");
    }
    this.periods = sorted;
    this.weekend = Set.copyOf(weekend);
    this.holidays = Set.copyOf(holidays);
    this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
  }

  public boolean isWorkingDay(LocalDate day) {
    if (holidays.contains(day)) {
      return false;
    }
    return makeUpWorkdays.contains(day) || !weekend.contains(day.getDayOfWeek());
  }

  /**
   * The moment when {@code amount} of working time, counted from {@code start}, is used up. A start
   * outside working time counts from the next working moment. Time used up exactly at the end of a
   * period ends there (12:00), not at the start of the next one (13:30).
   */
  public LocalDateTime addWorkingTime(LocalDateTime start, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("working time to add must not be negative");
    }
    Duration remaining = amount;
    LocalDate day = start.toLocalDate();
    LocalTime from = start.toLocalTime();
    for (int searched = 0; searched <= MAX_DAYS_SEARCHED; searched++) {
      if (isWorkingDay(day)) {
        for (WorkingPeriod p : periods) {
          if (!p.end().isAfter(from)) {
            continue;
          }
          LocalTime begin = from.isAfter(p.start()) ? from : p.start();
          Duration available = Duration.between(begin, p.end());
          if (remaining.compareTo(available) <= 0) {
            return day.atTime(begin).plus(remaining);
          }
          remaining = remaining.minus(available);
        }
      }
      day = day.plusDays(1);
      from = LocalTime.MIN;
    }
    throw noWorkingDays(start);
  }

  /**
   * {@code days} working days after {@code start}: the same time of day on the {@code days}-th
   * following working day, as government offices count. A start outside working time (a night, a
   * lunch break, a holiday) first moves to the next working moment: a case dispatched on Friday
   * evening with 1 working day counts from Monday 08:30 and is due on Tuesday 08:30.
   */
  public LocalDateTime addWorkingDays(LocalDateTime start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("working days to add must not be negative");
    }
    LocalDateTime from = nextWorkingMoment(start);
    LocalDate day = from.toLocalDate();
    for (int counted = 0, searched = 0; counted < days; searched++) {
      if (searched > MAX_DAYS_SEARCHED) {
        throw noWorkingDays(start);
      }
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day.atTime(from.toLocalTime());
  }

  /** The working time between two moments (zero if {@code to} is not after {@code from}). */
  public Duration workingTimeBetween(LocalDateTime from, LocalDateTime to) {
    Duration total = Duration.ZERO;
    for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      for (WorkingPeriod p : periods) {
        LocalDateTime begin = max(day.atTime(p.start()), from);
        LocalDateTime end = min(day.atTime(p.end()), to);
        if (end.isAfter(begin)) {
          total = total.plus(Duration.between(begin, end));
        }
      }
    }
    return total;
  }

  /** {@code moment} itself if it is working time, else the start of the next working period. */
  public LocalDateTime nextWorkingMoment(LocalDateTime moment) {
    return addWorkingTime(moment, Duration.ZERO);
  }

  private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }

  private static IllegalStateException noWorkingDays(LocalDateTime start) {
    return new IllegalStateException(
        "no working day within " + MAX_DAYS_SEARCHED + " days of " + start + ": check the calendar");
  }
}
