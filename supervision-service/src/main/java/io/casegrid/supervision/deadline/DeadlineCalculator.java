package io.casegrid.supervision.deadline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Deadline arithmetic on instants: natural hours run on the clock (24×7, daylight saving
 * included); working hours and working days run on the {@link WorkingCalendar} in the city's zone.
 */
public final class DeadlineCalculator {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  private final WorkingCalendar calendar;
  private final ZoneId zone;

  public DeadlineCalculator(WorkingCalendar calendar, ZoneId zone) {
    this.calendar = calendar;
    this.zone = zone;
  }

  /** When a limit of {@code amount} {@code unit}s that starts at {@code clockStart} runs out. */
  public Instant dueAt(Instant clockStart, BigDecimal amount, DeadlineUnit unit) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a time limit must not be negative");
    }
    return switch (unit) {
      case NATURAL_HOURS -> clockStart.plus(hours(amount));
      case WORKING_HOURS -> instant(calendar.addWorkingTime(local(clockStart), hours(amount)));
      case WORKING_DAYS -> {
        if (amount.stripTrailingZeros().scale() > 0) {
          throw new IllegalArgumentException("working days must be whole: " + amount);
        }
        yield instant(calendar.addWorkingDays(local(clockStart), amount.intValueExact()));
      }
    };
  }

  /**
   * When {@code share} of the time from {@code clockStart} to {@code due} has passed, counted the
   * way the limit is counted: a working-time limit warns after that share of its working time.
   */
  public Instant warningAt(Instant clockStart, Instant due, DeadlineUnit unit, double share) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("the warning share must lie between 0 and 1");
    }
    if (unit == DeadlineUnit.NATURAL_HOURS) {
      return clockStart.plus(scaled(Duration.between(clockStart, due), share));
    }
    LocalDateTime start = local(clockStart);
    Duration working = calendar.workingTimeBetween(start, local(due));
    return instant(calendar.addWorkingTime(start, scaled(working, share)));
  }

  private static Duration hours(BigDecimal amount) {
    return Duration.ofSeconds(amount.multiply(SECONDS_PER_HOUR).longValue());
  }

  private static Duration scaled(Duration d, double share) {
    return Duration.ofSeconds(Math.round(d.toSeconds() * share));
  }

  private LocalDateTime local(Instant instant) {
    return LocalDateTime.ofInstant(instant, zone);
  }

  private Instant instant(LocalDateTime local) {
    return local.atZone(zone).toInstant();
  }
}
