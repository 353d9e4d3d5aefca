package io.casegrid.supervision.deadline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Deadline arithmetic on instants. Natural hours run on the clock (24×7, holidays included,
 * daylight-saving safe because they are added to instants); working hours and working days run on
 * the {@link WorkingCalendar} in the city's local time, converted through the city's zone.
 */
public final class DeadlineCalculator {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  private final WorkingCalendar calendar;
  private final ZoneId zone;

  /**
   * @param calendar the official working-day calendar of the city
   * @param zone the city's zone, e.g. Asia/Shanghai
   */
  public DeadlineCalculator(WorkingCalendar calendar, ZoneId zone) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The calendar working time is counted on. */
  public WorkingCalendar calendar() {
    return calendar;
  }

  /** The city's zone. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * When a limit of {@code amount} whole {@code unit}s that starts at {@code clockStart} runs out.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public Instant dueAt(Instant clockStart, long amount, DeadlineUnit unit) {
    return dueAt(clockStart, BigDecimal.valueOf(amount), unit);
  }

  /**
   * When a limit of {@code amount} {@code unit}s that starts at {@code clockStart} runs out. Hours
   * may be fractional (0.5 natural hours to make a manhole safe) and are counted to the second;
   * working days must be whole.
   *
   * @throws IllegalArgumentException if {@code amount} is negative, or fractional working days
   */
  public Instant dueAt(Instant clockStart, BigDecimal amount, DeadlineUnit unit) {
    Objects.requireNonNull(clockStart, "clockStart");
    Objects.requireNonNull(unit, "unit");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a time limit must not be negative: " + amount);
    }
    return switch (unit) {
      case NATURAL_HOURS -> clockStart.plus(hours(amount));
      case WORKING_HOURS -> instant(calendar.addWorkingTime(local(clockStart), hours(amount)));
      case WORKING_DAYS -> {
        if (amount.stripTrailingZeros().scale() > 0) {
          throw new IllegalArgumentException("working days must be whole: " + amount);
        }
        yield instant(calendar.addWorkingDays(local(clockStart), days(amount)));
      }
    };
  }

  /**
   * When {@code share} of the time from {@code clockStart} to {@code due} has passed, counted the
   * way the limit is counted: natural time for {@link DeadlineUnit#NATURAL_HOURS}, working time for
   * working hours and working days (a 5-working-hour limit from 09:00 due at 15:30 warns at 0.8
   * after 4 working hours, at 14:30). Rounded to the second.
   *
   * @throws IllegalArgumentException unless {@code 0 < share < 1} and {@code due} is not before
   *     {@code clockStart}
   */
  public Instant warningAt(Instant clockStart, Instant due, DeadlineUnit unit, double share) {
    Objects.requireNonNull(unit, "unit");
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("the warning share must lie between 0 and 1: " + share);
    }
    if (due.isBefore(clockStart)) {
      throw new IllegalArgumentException("due " + due + " is before the clock start " + clockStart);
    }
    if (unit == DeadlineUnit.NATURAL_HOURS) {
      return clockStart.plus(scaled(Duration.between(clockStart, due), share));
    }
    LocalDateTime start = local(clockStart);
    Duration working = calendar.workingTimeBetween(start, local(due));
    return instant(calendar.addWorkingTime(start, scaled(working, share)));
  }

  /**
   * The deadline after the clock stood still from {@code stoppedAt} to {@code resumedAt} (a parked
   * case): the time that was left when it stopped is left again when it resumes, counted the way
   * the limit is counted.
   */
  public Instant resumed(Instant due, Instant stoppedAt, Instant resumedAt, DeadlineUnit unit) {
    Objects.requireNonNull(unit, "unit");
    if (resumedAt.isBefore(stoppedAt)) {
      throw new IllegalArgumentException("a clock cannot resume before it stopped");
    }
    if (unit == DeadlineUnit.NATURAL_HOURS) {
      return due.plus(Duration.between(stoppedAt, resumedAt));
    }
    Duration left = calendar.workingTimeBetween(local(stoppedAt), local(due));
    return instant(calendar.addWorkingTime(local(resumedAt), left));
  }

  private static Duration hours(BigDecimal amount) {
    try {
      return Duration.ofSeconds(
          amount.multiply(SECONDS_PER_HOUR).setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a time limit this long cannot be counted: " + amount, e);
    }
  }

  private static int days(BigDecimal amount) {
    try {
      return amount.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("too many working days: " + amount, e);
    }
  }

  private static Duration scaled(Duration d, double share) {
    return Duration.ofSeconds(Math.round(d.toSeconds() * share));
  }

  private LocalDateTime local(Instant instant) {
    return LocalDateTime.ofInstant(instant, zone);
  }

  // A local time in a daylight-saving gap moves forward by the gap, as ZonedDateTime does.
  private Instant instant(LocalDateTime local) {
    return local.atZone(zone).toInstant();
  }
}
