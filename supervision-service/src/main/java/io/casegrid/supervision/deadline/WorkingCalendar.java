package io.casegrid.supervision.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The official working-day calendar: the working periods of a day (e.g. 08:30–12:00 and
 * 13:30–17:30), the weekend, holidays and make-up working days (调休). A holiday is never a working
 * day; a make-up day always is, even on a weekend. Every working day has the same periods.
 *
 * <p>All arithmetic is in the city's local time; {@link DeadlineCalculator} converts instants. A
 * period is half-open for starting the clock ([08:30, 12:00): at 12:00 the morning is over) but
 * working time may run out exactly at its end (a limit used up at 12:00 ends at 12:00).
 */
public final class WorkingCalendar {

  // Longest run of days without a working day that the calendar accepts: no real calendar has
  // one, so past this the loaded data is wrong and looping on would never end.
  private static final int MAX_DAYS_WITHOUT_WORK = 3660;

  private final List<WorkingPeriod> periods;
  private final Duration workingDay;
  private final Set<DayOfWeek> weekend;
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> makeUpWorkdays;

  /**
   * @param periods the working periods of a working day, in any order, not overlapping, at least
   *     one
   * @param weekend the days of the week that are not working days unless made up
   * @param holidays days that are never working days
   * @param makeUpWorkdays days that are working days even on a weekend
   * @throws IllegalArgumentException if there is no period, periods overlap, or a day is both a
   *     holiday and a make-up day
   */
  public WorkingCalendar(
      List<WorkingPeriod> periods,
      Set<DayOfWeek> weekend,
      Set<LocalDate> holidays,
      Set<LocalDate> makeUpWorkdays) {
    if (periods == null || periods.isEmpty()) {
      throw new IllegalArgumentException("a working day needs at least one working period");
    }
    List<WorkingPeriod> sorted =
        periods.stream()
            .map(p -> Objects.requireNonNull(p, "working period"))
            .sorted(Comparator.comparing(WorkingPeriod::start))
            .toList();
    Duration total = Duration.ZERO;
    for (int i = 0; i < sorted.size(); i++) {
      // Touching periods (12:00–12:00) are fine; only a real overlap makes time count twice.
      if (i > 0 && sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
        throw new IllegalArgumentException(
            "working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
      }
      total = total.plus(sorted.get(i).length());
    }
    Set<LocalDate> off = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
    Set<LocalDate> on = Set.copyOf(Objects.requireNonNull(makeUpWorkdays, "makeUpWorkdays"));
    for (LocalDate day : off) {
      if (on.contains(day)) {
        throw new IllegalArgumentException(
            day + " cannot be both a holiday and a make-up working day");
      }
    }
    this.periods = sorted;
    this.workingDay = total;
    this.weekend = Set.copyOf(Objects.requireNonNull(weekend, "weekend"));
    this.holidays = off;
    this.makeUpWorkdays = on;
  }

  /** Whether {@code day} is a working day: not a holiday, and a weekday or a make-up day. */
  public boolean isWorkingDay(LocalDate day) {
    if (holidays.contains(day)) {
      return false;
    }
    return makeUpWorkdays.contains(day) || !weekend.contains(day.getDayOfWeek());
  }

  /** The working periods of a working day, sorted. */
  public List<WorkingPeriod> periods() {
    return periods;
  }

  /** The working time of one working day, e.g. 7.5 hours. */
  public Duration workingTimePerDay() {
    return workingDay;
  }

  /**
   * The moment when {@code amount} of working time, counted from {@code start}, is used up. Only
   * working periods of working days count. A start outside working time (night, lunch, weekend,
   * holiday) first moves to the next working moment. Time used up exactly at the end of a period
   * ends there (12:00), not at the start of the next one (13:30); a zero amount gives the next
   * working moment.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws IllegalStateException if the calendar has no working day for 3660 days in a row
   */
  public LocalDateTime addWorkingTime(LocalDateTime start, Duration amount) {
    Objects.requireNonNull(start, "start");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("working time to add must not be negative: " + amount);
    }
    Duration remaining = amount;
    LocalDate day = start.toLocalDate();
    LocalTime from = start.toLocalTime();
    int daysWithoutWork = 0;
    while (true) {
      if (isWorkingDay(day)) {
        daysWithoutWork = 0;
        boolean wholeDayAhead = !from.isAfter(periods.get(0).start());
        if (wholeDayAhead && remaining.compareTo(workingDay) > 0) {
          // Skip the day in one step so long limits cost one step per day, not per period.
          remaining = remaining.minus(workingDay);
        } else {
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
      } else if (++daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
        throw noWorkingDay(start);
      }
      day = day.plusDays(1);
      from = LocalTime.MIN;
    }
  }

  /**
   * {@code days} working days after {@code start}, as Chinese government offices count them: the
   * same time of day on the {@code days}-th following working day. Friday 10:00 plus 1 working day
   * is the next working day at 10:00 (a make-up Saturday if there is one); holidays and weekends in
   * between do not count.
   *
   * <p>A start outside working time counts from the next working moment: Friday 19:00, a lunch
   * break at 12:30 or a holiday start at the next 08:30 or 13:30, so Friday 19:00 plus 1 working
   * day is Tuesday 08:30. A start exactly at the end of a period (12:00, 17:30) is the last moment
   * of that working time and keeps its time of day: Monday 17:30 plus 1 working day is Tuesday
   * 17:30, the same working time as Wednesday 08:30 but the earlier moment, as in {@link
   * #addWorkingTime}.
   *
   * <p>Because every working day has the same periods, the time of day found this way always lies
   * in (or at the end of) a working period of the target day, so the due moment never needs to be
   * moved to the end of that day's working time. Zero days give the (moved) start.
   *
   * @throws IllegalArgumentException if {@code days} is negative
   * @throws IllegalStateException if the calendar has no working day for 3660 days in a row
   */
  public LocalDateTime addWorkingDays(LocalDateTime start, int days) {
    Objects.requireNonNull(start, "start");
    if (days < 0) {
      throw new IllegalArgumentException("working days to add must not be negative: " + days);
    }
    LocalDateTime from = isWorkingMomentOrPeriodEnd(start) ? start : nextWorkingMoment(start);
    LocalDate day = from.toLocalDate();
    int daysWithoutWork = 0;
    for (int counted = 0; counted < days; ) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
        daysWithoutWork = 0;
      } else if (++daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
        throw noWorkingDay(start);
      }
    }
    return day.atTime(from.toLocalTime());
  }

  /**
   * The working time between two moments: the inverse of {@link #addWorkingTime}, used to stop the
   * clock and for metrics. Zero if {@code to} is not after {@code from}.
   */
  public Duration workingTimeBetween(LocalDateTime from, LocalDateTime to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    LocalDate first = from.toLocalDate();
    LocalDate last = to.toLocalDate();
    Duration total = Duration.ZERO;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      if (day.isAfter(first) && day.isBefore(last)) {
        total = total.plus(workingDay);
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

  // Inside a period, or at its end: the moments where a working-day count keeps its time of day.
  private boolean isWorkingMomentOrPeriodEnd(LocalDateTime moment) {
    if (!isWorkingDay(moment.toLocalDate())) {
      return false;
    }
    LocalTime time = moment.toLocalTime();
    for (WorkingPeriod p : periods) {
      if (!time.isBefore(p.start()) && !time.isAfter(p.end())) {
        return true;
      }
    }
    return false;
  }

  private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }

  private static IllegalStateException noWorkingDay(LocalDateTime start) {
    return new IllegalStateException(
        "no working day within "
            + MAX_DAYS_WITHOUT_WORK
            + " days in a row counting from "
            + start
            + ": check the calendar's weekend, holidays and make-up days");
  }
}
