package io.casegrid.supervision.deadline;

import java.time.Duration;
import java.time.LocalTime;

/** A part of a working day, e.g. 08:30–12:00; the end is the first moment after it. */
public record WorkingPeriod(LocalTime start, LocalTime end) {

  public WorkingPeriod {
    if (start == null || end == null || !start.isBefore(end)) {
      throw new IllegalArgumentException("a working period must start before it ends");
    }
  }

  Duration length() {
    return Duration.between(start, end);
  }
}
