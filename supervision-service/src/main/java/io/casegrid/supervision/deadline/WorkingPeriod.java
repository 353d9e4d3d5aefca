package io.casegrid.supervision.deadline;

import java.time.Duration;
import java.time.LocalTime;

/**
 * A part of a working day, e.g. 08:30–12:00 or 13:30–17:30. The clock runs from {@code start} up to
 * {@code end}; a period cannot cross midnight.
 */
public record WorkingPeriod(LocalTime start, LocalTime end) {

  /**
   * @throws IllegalArgumentException if a bound is missing or {@code start} is not before {@code
   *     end}
   */
  public WorkingPeriod {
    if (start == null || end == null || !start.isBefore(end)) {
      throw new IllegalArgumentException(
          "a working period must start before it ends: " + start + "–" + end);
    }
  }

  /** How much working time the period holds. */
  public Duration length() {
    return Duration.between(start, end);
  }
}
