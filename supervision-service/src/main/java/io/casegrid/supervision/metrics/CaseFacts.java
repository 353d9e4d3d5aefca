package io.casegrid.supervision.metrics;

import io.casegrid.events.Satisfaction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the metrics need to know of one case, and what it adds to the projection's tables (see
 * {@link ProjectedTable}). Each table holds the sum of every case's contributions, so an event
 * changes it by the difference between the case's contributions after and before it ({@link
 * #delta}); the functions of the repeatable migration {@code R__metrics_projection_functions.sql}
 * compute the same sums in SQL for every table and must agree with this class.
 *
 * <p>A case counts for the department that has it now: a case returned and dispatched again counts
 * for the department it was dispatched to last. Its dispatches and their returns count for the
 * department of each dispatch: a return for the department that returned the case.
 *
 * @param streetCode the street (街道), as the case's location gave it
 * @param lastDispatchedAt the latest dispatch (null: the first one is the latest)
 * @param dispatches every dispatch of the case, in order, re-dispatches after returns included
 * @param closedAtFirstContact the hotline closed it on the call (首接办结)
 * @param callback the latest callback after closure (回访), if any
 */
public record CaseFacts(
    String departmentCode,
    String districtCode,
    String streetCode,
    String gridCode,
    String categoryCode,
    Instant reportedAt,
    boolean closedAtFirstContact,
    Instant dispatchedAt,
    Instant lastDispatchedAt,
    List<Dispatch> dispatches,
    boolean extended,
    boolean parked,
    int fixes,
    int reworks,
    Instant signedAt,
    Instant signDueAt,
    Instant resolveDueAt,
    Instant closedAt,
    Callback callback) {

  /**
   * A callback's outcome: whether the citizen was reached, said the problem was resolved, and how
   * satisfied they were.
   */
  public record Callback(
      Instant at, boolean contacted, Boolean resolved, Satisfaction satisfaction) {

    public Callback {
      at = micros(at);
    }
  }

  /**
   * A dispatch of the case to a department, and whether that department returned it (退单).
   *
   * @param department the department the case was dispatched to
   * @param returned what became of the dispatch
   */
  public record Dispatch(String department, Return returned) {

    public Dispatch {
      Objects.requireNonNull(returned);
    }

    /** The same dispatch, returned as {@code outcome}. */
    public Dispatch returned(Return outcome) {
      return new Dispatch(department, outcome);
    }
  }

  /** Whether the department returned a dispatch, and what the dispatcher made of the return. */
  public enum Return {
    /** Not returned: the department kept the case, or referred it to its owner (no return). */
    NONE,
    /** Returned; the case is not placed again yet. */
    PENDING,
    /**
     * Returned, and placed with another department: the return was right, the dispatch a routing
     * error.
     */
    UPHELD,
    /** Returned, and sent back to the same department: the return was wrong. */
    REFUSED
  }

  /**
   * A row of one of the projection's tables: its day (the month's first day in the monthly tables)
   * and the codes of its other key columns, in the table's order; unknown codes are empty.
   */
  public record Row(LocalDate day, List<String> codes) implements Comparable<Row> {

    public Row(LocalDate day, String... codes) {
      this(day, List.of(codes));
    }

    /** The same row in the monthly table. */
    public Row month() {
      return new Row(day.withDayOfMonth(1), codes);
    }

    @Override
    public int compareTo(Row o) {
      int c = day.compareTo(o.day);
      for (int i = 0; c == 0 && i < codes.size(); i++) {
        c = codes.get(i).compareTo(o.codes.get(i));
      }
      return c;
    }
  }

  /** What is timed: from the latest dispatch to signing, and from the first to closing. */
  public enum Measure {
    SIGN,
    CLOSE
  }

  private static final int RECEIVED = Counts.COLUMNS.indexOf("received");
  private static final int DISPATCHED = Counts.COLUMNS.indexOf("dispatched");
  private static final int DISPATCHES = Counts.COLUMNS.indexOf("dispatches");
  private static final int RETURNED = Counts.COLUMNS.indexOf("returned");
  private static final int RETURNED_CASES = Counts.COLUMNS.indexOf("returned_cases");
  private static final int EXTENDED = Counts.COLUMNS.indexOf("extended");
  private static final int REPORTED_FIXED = Counts.COLUMNS.indexOf("reported_fixed");
  private static final int REWORKED = Counts.COLUMNS.indexOf("reworked");
  private static final int SIGNED = Counts.COLUMNS.indexOf("signed");
  private static final int SIGNED_ON_TIME = Counts.COLUMNS.indexOf("signed_on_time");
  private static final int DUE = Counts.COLUMNS.indexOf("due");
  private static final int DUE_DEFERRED = Counts.COLUMNS.indexOf("due_deferred");
  private static final int CLOSED = Counts.COLUMNS.indexOf("closed");
  private static final int CLOSED_ON_TIME = Counts.COLUMNS.indexOf("closed_on_time");
  private static final int CLOSED_ON_TIME_DEFERRED =
      Counts.COLUMNS.indexOf("closed_on_time_deferred");
  private static final int FIRST_CONTACT_RESOLVED =
      Counts.COLUMNS.indexOf("first_contact_resolved");
  private static final int CALLED = Counts.COLUMNS.indexOf("called");
  private static final int CONTACTED = Counts.COLUMNS.indexOf("contacted");
  private static final int CALLBACK_RESOLVED = Counts.COLUMNS.indexOf("callback_resolved");
  private static final int SATISFIED = Counts.COLUMNS.indexOf("satisfied");
  private static final int BASICALLY_SATISFIED = Counts.COLUMNS.indexOf("basically_satisfied");
  private static final int RETURNS_UPHELD = Counts.COLUMNS.indexOf("returns_upheld");
  private static final int RETURNS_REFUSED = Counts.COLUMNS.indexOf("returns_refused");

  /**
   * Instants as PostgreSQL keeps them (to the microsecond, rounded half up as the JDBC driver sends
   * them), so that a case's facts read back from its row equal those computed before it was
   * written: otherwise a duration a nanosecond short of a second could land in another bucket than
   * the one the next event takes it out of.
   */
  public CaseFacts {
    reportedAt = micros(reportedAt);
    dispatchedAt = micros(dispatchedAt);
    lastDispatchedAt = micros(lastDispatchedAt);
    signedAt = micros(signedAt);
    signDueAt = micros(signDueAt);
    resolveDueAt = micros(resolveDueAt);
    closedAt = micros(closedAt);
    dispatches = List.copyOf(dispatches);
  }

  static Instant micros(Instant at) {
    if (at == null) {
      return null;
    }
    return Instant.ofEpochSecond(at.getEpochSecond(), (at.getNano() + 500) / 1000 * 1000L);
  }

  /** Extended or parked: the cases some cities take out of the on-time denominator. */
  public boolean deferred() {
    return extended || parked;
  }

  /** Closed by its deadline; a case without a deadline is never late. */
  public boolean closedOnTime() {
    return closedAt != null && (resolveDueAt == null || !closedAt.isAfter(resolveDueAt));
  }

  /**
   * What this case adds to the counters ({@code metric_daily}, keyed by department, district and
   * category), per day in {@code zone}: reported (and closed on the call) on the day it was
   * reported; dispatched, extended, reported fixed and reworked on the day of its first dispatch,
   * and there too each dispatch and its return, for the department of that dispatch; signed on the
   * day it was signed; due to close on the day it closed if on time, else on the day of its
   * deadline, with whether it closed at all; its latest callback on that day.
   */
  public Map<Row, long[]> counters(ZoneId zone) {
    Map<Row, long[]> parts = new TreeMap<>();
    if (reportedAt != null) {
      long[] r = counterRow(parts, reportedAt, zone);
      r[RECEIVED]++;
      r[FIRST_CONTACT_RESOLVED] += closedAtFirstContact ? 1 : 0;
    }
    if (dispatchedAt != null) {
      long[] d = counterRow(parts, dispatchedAt, zone);
      d[DISPATCHED]++;
      d[EXTENDED] += extended ? 1 : 0;
      d[REPORTED_FIXED] += fixes;
      d[REWORKED] += reworks;
      Set<String> returners = new HashSet<>();
      for (Dispatch dispatch : dispatches) {
        long[] by = counterRow(parts, dispatchedAt, dispatch.department(), zone);
        by[DISPATCHES]++;
        if (dispatch.returned() != Return.NONE) {
          by[RETURNED]++;
          by[RETURNED_CASES] += returners.add(code(dispatch.department())) ? 1 : 0;
          by[RETURNS_UPHELD] += dispatch.returned() == Return.UPHELD ? 1 : 0;
          by[RETURNS_REFUSED] += dispatch.returned() == Return.REFUSED ? 1 : 0;
        }
      }
    }
    if (signedAt != null) {
      long[] s = counterRow(parts, signedAt, zone);
      s[SIGNED]++;
      s[SIGNED_ON_TIME] += signDueAt == null || !signedAt.isAfter(signDueAt) ? 1 : 0;
    }
    boolean onTime = closedOnTime();
    if (onTime || resolveDueAt != null) {
      long[] c = counterRow(parts, onTime ? closedAt : resolveDueAt, zone);
      c[DUE]++;
      c[DUE_DEFERRED] += deferred() ? 1 : 0;
      c[CLOSED] += closedAt != null ? 1 : 0;
      c[CLOSED_ON_TIME] += onTime ? 1 : 0;
      c[CLOSED_ON_TIME_DEFERRED] += onTime && deferred() ? 1 : 0;
    }
    if (callback != null) {
      long[] b = counterRow(parts, callback.at(), zone);
      b[CALLED]++;
      b[CONTACTED] += callback.contacted() ? 1 : 0;
      b[CALLBACK_RESOLVED] += Boolean.TRUE.equals(callback.resolved()) ? 1 : 0;
      b[SATISFIED] += callback.satisfaction() == Satisfaction.SATISFIED ? 1 : 0;
      b[BASICALLY_SATISFIED] += callback.satisfaction() == Satisfaction.BASICALLY_SATISFIED ? 1 : 0;
    }
    return parts;
  }

  /**
   * The time to sign (from the latest dispatch, if signed after it) and to close (from the first
   * dispatch), in whole seconds.
   */
  public Map<Measure, Long> durations() {
    Map<Measure, Long> timed = new EnumMap<>(Measure.class);
    Instant lastDispatch = lastDispatchedAt != null ? lastDispatchedAt : dispatchedAt;
    if (signedAt != null && lastDispatch != null && !signedAt.isBefore(lastDispatch)) {
      timed.put(Measure.SIGN, Duration.between(lastDispatch, signedAt).getSeconds());
    }
    if (closedAt != null && dispatchedAt != null) {
      timed.put(Measure.CLOSE, Math.max(0, Duration.between(dispatchedAt, closedAt).getSeconds()));
    }
    return timed;
  }

  /**
   * What this case adds to the duration histograms ({@code duration_daily}, keyed by measure,
   * dimension, department and district or category code), on the day it was signed or closed:
   * {cases, seconds, cases per bucket…}. Each duration counts twice, once per dimension, so that
   * both can be read with the department.
   */
  public Map<Row, long[]> durationHistograms(ZoneId zone) {
    Map<Row, long[]> parts = new TreeMap<>();
    durations()
        .forEach(
            (measure, seconds) -> {
              for (String[] dimension :
                  new String[][] {
                    {"DISTRICT", code(districtCode)}, {"CATEGORY", code(categoryCode)}
                  }) {
                parts.put(
                    new Row(
                        timedOn(measure, zone),
                        measure.name(),
                        dimension[0],
                        code(departmentCode),
                        dimension[1]),
                    histogramOf(seconds));
              }
            });
    return parts;
  }

  /**
   * What this case adds to the counters per street and per grid ({@code area_metric_daily}, keyed
   * by level, street, grid and department): the same counters on the same days as {@link
   * #counters}, once in each of its street's rows (of all departments and of its own) and once in
   * its grid's (of all departments).
   */
  public Map<Row, long[]> areaCounters(ZoneId zone) {
    Map<Row, long[]> parts = new TreeMap<>();
    counters(zone)
        .forEach(
            (row, values) -> {
              // A counter row's department: the case's, or that of a dispatch it returned.
              for (List<String> area : areas(row.codes().get(0))) {
                add(parts, new Row(row.day(), area), values, 1);
              }
            });
    return parts;
  }

  /**
   * What this case adds to the duration histograms per street and per grid ({@code
   * area_duration_daily}, keyed by level, street, grid, department and measure), on the day it was
   * signed or closed, as {@link #durationHistograms}.
   */
  public Map<Row, long[]> areaDurationHistograms(ZoneId zone) {
    Map<Row, long[]> parts = new TreeMap<>();
    durations()
        .forEach(
            (measure, seconds) -> {
              for (List<String> area : areas(code(departmentCode))) {
                List<String> codes = new ArrayList<>(area);
                codes.add(measure.name());
                parts.put(new Row(timedOn(measure, zone), codes), histogramOf(seconds));
              }
            });
    return parts;
  }

  /**
   * The keys of its street's rows and of its grid's: level, street, grid ('' for a street) and
   * department ('' for all departments: grids are not kept per department).
   */
  private List<List<String>> areas(String department) {
    String street = code(streetCode);
    return List.of(
        List.of("STREET", street, "", ""),
        List.of("STREET_DEPARTMENT", street, "", department),
        List.of("GRID", street, code(gridCode), ""));
  }

  private LocalDate timedOn(Measure measure, ZoneId zone) {
    return LocalDate.ofInstant(measure == Measure.SIGN ? signedAt : closedAt, zone);
  }

  /** One duration as a histogram table's values: {cases, seconds, cases per bucket…}. */
  private static long[] histogramOf(long seconds) {
    int bucket = DurationHistogram.bucketOf(seconds);
    long[] row = new long[2 + bucket + 1];
    row[0] = 1;
    row[1] = seconds;
    row[2 + bucket] = 1;
    return row;
  }

  /**
   * What this case adds to the hotspots ({@code hotspot_daily}, keyed by department, grid and
   * category): one case received on the day reported, if it lies in a grid.
   */
  public Map<Row, long[]> hotspots(ZoneId zone) {
    if (reportedAt == null || gridCode == null) {
      return Map.of();
    }
    return Map.of(
        new Row(
            LocalDate.ofInstant(reportedAt, zone),
            code(departmentCode),
            gridCode,
            code(categoryCode)),
        new long[] {1});
  }

  /** What this case adds to one table. */
  public Map<Row, long[]> contributions(ProjectedTable table, ZoneId zone) {
    return switch (table) {
      case COUNTERS -> counters(zone);
      case DURATIONS -> durationHistograms(zone);
      case HOTSPOTS -> hotspots(zone);
      case AREA_COUNTERS -> areaCounters(zone);
      case AREA_DURATIONS -> areaDurationHistograms(zone);
    };
  }

  /**
   * The change to one table when a case goes from {@code before} to {@code after} (either may be
   * null: no case): only the rows that change, in key order, so that concurrent consumers lock rows
   * in the same order. Values are summed position by position; a shorter array is padded with
   * zeros.
   */
  public static Map<Row, long[]> delta(
      ProjectedTable table, CaseFacts before, CaseFacts after, ZoneId zone) {
    Map<Row, long[]> change = new TreeMap<>();
    if (after != null) {
      after.contributions(table, zone).forEach((k, v) -> add(change, k, v, 1));
    }
    if (before != null) {
      before.contributions(table, zone).forEach((k, v) -> add(change, k, v, -1));
    }
    Map<Row, long[]> nonZero = new LinkedHashMap<>();
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

  /** The rows summed per month. */
  public static Map<Row, long[]> monthly(Map<Row, long[]> days) {
    Map<Row, long[]> months = new TreeMap<>();
    days.forEach((k, v) -> add(months, k.month(), v, 1));
    return months;
  }

  static void add(Map<Row, long[]> into, Row key, long[] values, int sign) {
    long[] row = into.getOrDefault(key, new long[0]);
    if (row.length < values.length) {
      row = Arrays.copyOf(row, values.length);
    }
    for (int i = 0; i < values.length; i++) {
      row[i] += sign * values[i];
    }
    into.put(key, row);
  }

  private long[] counterRow(Map<Row, long[]> parts, Instant when, ZoneId zone) {
    return counterRow(parts, when, departmentCode, zone);
  }

  private long[] counterRow(Map<Row, long[]> parts, Instant when, String department, ZoneId zone) {
    Row key =
        new Row(
            LocalDate.ofInstant(when, zone),
            code(department),
            code(districtCode),
            code(categoryCode));
    return parts.computeIfAbsent(key, k -> new long[Counts.COLUMNS.size()]);
  }

  private static String code(String code) {
    return Objects.requireNonNullElse(code, "");
  }
}
