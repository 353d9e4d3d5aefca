package io.casegrid.supervision.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The 2026 calendar of the State Council notice, as the brief lists it, for the tests. */
final class China2026 {

  private China2026() {}

  static WorkingCalendar calendar() {
    Set<LocalDate> holidays = new HashSet<>();
    range(holidays, "2026-01-01", "2026-01-03");
    range(holidays, "2026-02-15", "2026-02-23");
    range(holidays, "2026-04-04", "2026-04-06");
    range(holidays, "2026-05-01", "2026-05-05");
    range(holidays, "2026-06-19", "2026-06-21");
    range(holidays, "2026-09-25", "2026-09-27");
    range(holidays, "2026-10-01", "2026-10-07");
    Set<LocalDate> makeUps =
        Set.of(
            LocalDate.parse("2026-01-04"),
            LocalDate.parse("2026-02-14"),
            LocalDate.parse("2026-02-28"),
            LocalDate.parse("2026-05-09"),
            LocalDate.parse("2026-09-20"),
            LocalDate.parse("2026-10-10"));
    return new WorkingCalendar(
        List.of(
            new WorkingPeriod(LocalTime.parse("13:30"), LocalTime.parse("17:30")),
            new WorkingPeriod(LocalTime.parse("08:30"), LocalTime.parse("12:00"))),
        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
        holidays,
        makeUps);
  }

  private static void range(Set<LocalDate> days, String from, String to) {
    for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
      days.add(d);
    }
  }
}
