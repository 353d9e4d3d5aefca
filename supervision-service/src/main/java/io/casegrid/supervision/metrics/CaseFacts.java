package io.casegrid.supervision.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the metrics need to know of one case, and what it adds to the daily counters. The daily
 * counters are the sum of every case's contributions, so an event changes them by the difference
 * between the case's contributions after and before it ({@link #delta}); {@code
 * metric_daily_rebuild} in migration V6 computes the same sum in SQL and must agree with this
 * class.
 *
 * <p>A case counts for the department that has it now: a case returned and dispatched again counts,
 * returns included, for the department it was dispatched to last.
 */
public record CaseFacts(
    String departmentCode,
    String districtCode,
    String categoryCode,
    Instant reportedAt,
    Instant dispatchedAt,
    int dispatches,
    int returns,
    boolean extended,
    boolean parked,
    int fixes,
    int reworks,
    Instant signedAt,
    Instant signDueAt,
    Instant resolveDueAt,
    Instant closedAt) {

  /** The key of a row of {@code metric_daily}; unknown parts are empty strings. */
  public record DayKey(LocalDate day, String department, String district, String category)
      implements Comparable<DayKey> {

    @Override
    public int compareTo(DayKey o) {
      int c = day.compareTo(o.day);
      if (c == 0) {
        c = department.compareTo(o.department);
      }
      if (c == 0) {
        c = district.compareTo(o.district);
      }
      return c == 0 ? category.compareTo(o.category) : c;
    }
  }

  private static final int RECEIVED = 0;
  private static final int DISPATCHED = 1;
  private static final int DISPATCHES = 2;
  private static final int RETURNED = 3;
  private static final int RETURNED_CASES = 4;
  private static final int EXTENDED = 5;
  private static final int REPORTED_FIXED = 6;
  private static final int REWORKED = 7;
  private static final int SIGNED = 8;
  private static final int SIGNED_ON_TIME = 9;
  private static final int DUE = 10;
  private static final int DUE_DEFERRED = 11;
  private static final int CLOSED = 12;
  private static final int CLOSED_ON_TIME = 13;
  private static final int CLOSED_ON_TIME_DEFERRED = 14;

  /** Extended or parked: the cases some cities take out of the on-time denominator. */
  public boolean deferred() {
    return extended || parked;
  }

  /** Closed by its deadline; a case without a deadline is never late. */
  public boolean closedOnTime() {
    return closedAt != null && (resolveDueAt == null || !closedAt.isAfter(resolveDueAt));
  }

  /**
   * What this case adds to the counters, per day in {@code zone}: reported on the day it was
   * reported; dispatched, returned, extended, reported fixed and reworked on the day of its first
   * dispatch; signed on the day it was signed; due to close on the day it closed if on time, else
   * on the day of its deadline, with whether it closed at all.
   */
  public Map<DayKey, long[]> contributions(ZoneId zone) {
    Map<DayKey, long[]> parts = new TreeMap<>();
    if (reportedAt != null) {
      at(parts, reportedAt, zone)[RECEIVED]++;
    }
    if (dispatchedAt != null) {
      long[] d = at(parts, dispatchedAt, zone);
      d[DISPATCHED]++;
      d[DISPATCHES] += dispatches;
      d[RETURNED] += returns;
      d[RETURNED_CASES] += returns > 0 ? 1 : 0;
      d[EXTENDED] += extended ? 1 : 0;
      d[REPORTED_FIXED] += fixes;
      d[REWORKED] += reworks;
    }
    if (signedAt != null) {
      long[] s = at(parts, signedAt, zone);
      s[SIGNED]++;
      s[SIGNED_ON_TIME] += signDueAt == null || !signedAt.isAfter(signDueAt) ? 1 : 0;
    }
    boolean onTime = closedOnTime();
    if (onTime || resolveDueAt != null) {
      long[] c = at(parts, onTime ? closedAt : resolveDueAt, zone);
      c[DUE]++;
      c[DUE_DEFERRED] += deferred() ? 1 : 0;
      c[CLOSED] += closedAt != null ? 1 : 0;
      c[CLOSED_ON_TIME] += onTime ? 1 : 0;
      c[CLOSED_ON_TIME_DEFERRED] += onTime && deferred() ? 1 : 0;
    }
    return parts;
  }

  /**
   * The change to the counters when a case goes from {@code before} to {@code after} (either may be
   * null: no case): only the rows that change, in key order, so that concurrent consumers lock rows
   * in the same order.
   */
  public static Map<DayKey, long[]> delta(CaseFacts before, CaseFacts after, ZoneId zone) {
    Map<DayKey, long[]> change = new TreeMap<>();
    if (after != null) {
      after.contributions(zone).forEach((k, v) -> add(change, k, v, 1));
    }
    if (before != null) {
      before.contributions(zone).forEach((k, v) -> add(change, k, v, -1));
    }
    Map<DayKey, long[]> nonZero = new LinkedHashMap<>();
    change.forEach(
        (k, v) -> {
          for (long n : v) {
            if (n != 0) {
              nonZero.put(k, v);
              return;
            }
          }
        });
    return nonZero;
  }

  private static void add(Map<DayKey, long[]> into, DayKey key, long[] values, int sign) {
    long[] row = into.computeIfAbsent(key, k -> new long[Counts.COLUMNS.size()]);
    for (int i = 0; i < row.length; i++) {
      row[i] += sign * values[i];
    }
  }

  private long[] at(Map<DayKey, long[]> parts, Instant when, ZoneId zone) {
    DayKey key =
        new DayKey(
            LocalDate.ofInstant(when, zone),
            Objects.requireNonNullElse(departmentCode, ""),
            Objects.requireNonNullElse(districtCode, ""),
            Objects.requireNonNullElse(categoryCode, ""));
    return parts.computeIfAbsent(key, k -> new long[Counts.COLUMNS.size()]);
  }
}
