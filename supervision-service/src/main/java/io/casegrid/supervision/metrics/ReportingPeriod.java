package io.casegrid.supervision.metrics;

import io.casegrid.kit.domain.DomainException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The days a report covers, in the city's zone, both included, as the metrics, hotspot and bulletin
 * endpoints take them: {@code from} and {@code to}, or a day, (ISO) week or month around a date.
 */
public record ReportingPeriod(LocalDate from, LocalDate to) {

  /** The longest period one request may sum. */
  public static final int MAX_DAYS = 400;

  public static final String DATE = "\\d{4}-\\d{2}-\\d{2}";
  public static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";
  public static final String WEEK = "\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])";

  /**
   * {@code from} and {@code to} together, or a {@code period} (day, week or month; month by
   * default) around {@code date} (today by default); weeks start on Monday.
   */
  public static ReportingPeriod of(
      String from, String to, String period, String date, LocalDate today) {
    if (from != null || to != null) {
      if (from == null || to == null || period != null || date != null) {
        throw bad("give from and to together, or period and date, not both");
      }
      LocalDate start = day("from", from);
      LocalDate end = day("to", to);
      if (end.isBefore(start)) {
        throw bad("to is before from");
      }
      if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
        throw bad("a period may cover " + MAX_DAYS + " days at most");
      }
      return new ReportingPeriod(start, end);
    }
    LocalDate around = date == null ? today : day("date", date);
    return switch (period == null ? "month" : period) {
      case "day" -> new ReportingPeriod(around, around);
      case "week" -> week(around);
      default -> month(YearMonth.from(around));
    };
  }

  /** The ISO week (Monday to Sunday) holding {@code day}. */
  public static ReportingPeriod week(LocalDate day) {
    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new ReportingPeriod(monday, monday.plusDays(6));
  }

  /** An ISO week written {@code 2026-W47}; 400 if the year has no such week. */
  public static ReportingPeriod week(String week) {
    int year = Integer.parseInt(week.substring(0, 4));
    int number = Integer.parseInt(week.substring(6));
    // 4 January always lies in week 1; week 53 of a year of 52 weeks is the next year's week 1.
    LocalDate day = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number);
    if (day.get(IsoFields.WEEK_BASED_YEAR) != year) {
      throw bad(year + " has no week " + number);
    }
    return week(day);
  }

  public static ReportingPeriod month(YearMonth month) {
    return new ReportingPeriod(month.atDay(1), month.atEndOfMonth());
  }

  /** A month written {@code 2026-10}. */
  public static YearMonth month(String month) {
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw bad("month is no month: " + month);
    }
  }

  private static LocalDate day(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw bad(field + " is no date: " + value);
    }
  }

  // 400, as for the parameters' patterns: a period that cannot be read is a malformed request.
  private static DomainException bad(String why) {
    return new DomainException(DomainException.Refusal.MALFORMED, "invalid-period", why);
  }
}
