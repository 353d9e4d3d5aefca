package io.casegrid.supervision.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The 2026 calendar of the State Council notice of 2025-11-04, exactly as the domain brief lists
 * it, with office hours 08:30–12:00 and 13:30–17:30 (7.5 working hours a day).
 */
final class China2026 {

  static final Set<LocalDate> HOLIDAYS =
      days(
          range("2026-01-01", "2026-01-03"), // New Year
          range("2026-02-15", "2026-02-23"), // Spring Festival, 9 days
          range("2026-04-04", "2026-04-06"), // Qingming
          range("2026-05-01", "2026-05-05"), // Labour Day
          range("2026-06-19", "2026-06-21"), // Dragon Boat
          range("2026-09-25", "2026-09-27"), // Mid-Autumn
          range("2026-10-01", "2026-10-07")); // National Day

  static final Set<LocalDate> MAKE_UP_DAYS =
      days(
          List.of(
              LocalDate.parse("2026-01-04"), // Sunday, New Year
              LocalDate.parse("2026-02-14"), // Saturday, Spring Festival
              LocalDate.parse("2026-02-28"), // Saturday, Spring Festival
              LocalDate.parse("2026-05-09"), // Saturday, Labour Day
              LocalDate.parse("2026-09-20"), // Sunday, National Day
              LocalDate.parse("2026-10-10"))); // Saturday, National Day

  static final WorkingPeriod MORNING =
      new WorkingPeriod(LocalTime.parse("08:30"), LocalTime.parse("12:00"));
  static final WorkingPeriod AFTERNOON =
      new WorkingPeriod(LocalTime.parse("13:30"), LocalTime.parse("17:30"));

  private China2026() {}

  static WorkingCalendar calendar() {
    // Afternoon first on purpose: the calendar must sort its periods itself.
    return new WorkingCalendar(
        List.of(AFTERNOON, MORNING),
        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
        HOLIDAYS,
        MAKE_UP_DAYS);
  }

  private static List<LocalDate> range(String from, String to) {
    return LocalDate.parse(from).datesUntil(LocalDate.parse(to).plusDays(1)).toList();
  }

  @SafeVarargs
  private static Set<LocalDate> days(List<LocalDate>... lists) {
    Set<LocalDate> all = new TreeSet<>();
    for (List<LocalDate> list : lists) {
      all.addAll(list);
    }
    return Set.copyOf(all);
  }
}
