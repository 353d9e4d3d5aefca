package io.casegrid.supervision.metrics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dashboard's reads, in plain JDBC so that the benchmark runs the very queries the service
 * runs: counters and duration histograms summed over a period per group from the projection's
 * monthly and daily tables, and the cases overdue now from the cases' rows.
 */
public final class MetricsQueries {

  /**
   * What the counters are grouped by; the column is the same in the cases' rows and in the tables
   * read.
   */
  public enum Grouping {
    DEPARTMENT("department_code"),
    DISTRICT("district_code"),
    /** Street (街道): read from the tables per street and grid. */
    STREET("street_code"),
    /** Grid (网格): read from the tables per street and grid. */
    GRID("grid_code"),
    CATEGORY("category_code");

    final String column;

    Grouping(String column) {
      this.column = column;
    }
  }

  /**
   * Which cases a query sums: only one department's, one street's and one grid's where given (null:
   * all). A street or grid is read from the tables per street and grid, which know departments per
   * street only (a grid's rows are all departments') and neither districts nor categories.
   */
  public record Scope(String department, String street, String grid) {

    public static final Scope ALL = new Scope(null, null, null);

    /** One department's cases, or all if {@code department} is null. */
    public static Scope department(String department) {
      return new Scope(department, null, null);
    }

    boolean byArea() {
      return street != null || grid != null;
    }

    /**
     * Whether the cases of this scope can be grouped {@code by}: a street's by department, street
     * or grid; a grid's by street or grid; grids not for one department.
     */
    public boolean groupable(Grouping by) {
      if (perGrid(by)) {
        return department == null && (by == Grouping.STREET || by == Grouping.GRID);
      }
      return !byArea() || by == Grouping.DEPARTMENT || by == Grouping.STREET;
    }

    /** Whether this scope grouped {@code by} is read from the grids' rows. */
    public boolean perGrid(Grouping by) {
      return by == Grouping.GRID || grid != null;
    }

    /** The conditions on the codes this scope fixes, with their values in {@code values}. */
    String conditions(List<String> values) {
      StringBuilder where = new StringBuilder();
      for (String[] c :
          new String[][] {
            {"department_code", department}, {"street_code", street}, {"grid_code", grid}
          }) {
        if (c[1] != null) {
          where.append(" AND ").append(c[0]).append(" = ?");
          values.add(c[1]);
        }
      }
      return where.toString();
    }
  }

  /**
   * Where a grouping of a scope is read: the tables per department, district and category, or those
   * per street and grid at the level that holds it: a grid's rows (which hold their street), the
   * streets' of all departments, or the streets' per department.
   */
  private record Source(ProjectedTable counters, ProjectedTable durations, String level) {

    static Source of(Grouping by, Scope scope) {
      if (!scope.groupable(by)) {
        throw new IllegalArgumentException(
            "a street or grid's cases cannot be grouped by " + by.name().toLowerCase(Locale.ROOT));
      }
      if (by != Grouping.STREET && by != Grouping.GRID && !scope.byArea()) {
        return new Source(ProjectedTable.COUNTERS, ProjectedTable.DURATIONS, null);
      }
      String level;
      if (scope.perGrid(by)) {
        level = "GRID";
      } else if (by == Grouping.DEPARTMENT || scope.department() != null) {
        level = "STREET_DEPARTMENT";
      } else {
        level = "STREET";
      }
      return new Source(ProjectedTable.AREA_COUNTERS, ProjectedTable.AREA_DURATIONS, level);
    }

    String condition() {
      return level == null ? "" : " AND level = '" + level + "'";
    }
  }

  /**
   * A part of a period read from one table: whole months from the monthly one ({@code from} and
   * {@code to} are then months' first days), the days before and after them from the daily one.
   */
  public record Span(boolean monthly, LocalDate from, LocalDate to) {

    /** {@code table}'s daily or monthly table. */
    public String table(ProjectedTable table) {
      return table.table(monthly);
    }

    /** The column holding the day or month. */
    public String period() {
      return ProjectedTable.period(monthly);
    }
  }

  private MetricsQueries() {}

  /** The days {@code from} to {@code to} (both included) as whole months and the days around. */
  public static List<Span> spans(LocalDate from, LocalDate to) {
    LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
    LocalDate afterWhole =
        to.plusDays(1).getDayOfMonth() == 1 ? to.plusDays(1) : to.withDayOfMonth(1);
    if (!firstWhole.isBefore(afterWhole)) {
      return List.of(new Span(false, from, to));
    }
    List<Span> spans = new ArrayList<>();
    if (from.isBefore(firstWhole)) {
      spans.add(new Span(false, from, firstWhole.minusDays(1)));
    }
    spans.add(new Span(true, firstWhole, afterWhole.minusMonths(1)));
    if (!to.isBefore(afterWhole)) {
      spans.add(new Span(false, afterWhole, to));
    }
    return spans;
  }

  /**
   * The query summing a span's counters per group; {@code ?} are the first and last day or month
   * and then {@code values}, the codes {@code scope} fixes.
   */
  public static String countsSql(Grouping by, Span span, Scope scope, List<String> values) {
    Source source = Source.of(by, scope);
    return "SELECT "
        + by.column
        + ", "
        + Counts.COLUMNS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "))
        + " FROM "
        + span.table(source.counters())
        + " WHERE "
        + span.period()
        + " BETWEEN ? AND ?"
        + source.condition()
        + scope.conditions(values)
        + " GROUP BY "
        + by.column;
  }

  /**
   * The counters per group over the days {@code from} to {@code to} (both included, in the city's
   * zone) of the cases in {@code scope}. Keys are the group's code, empty if unknown.
   */
  public static Map<String, Counts> counts(
      Connection connection, Grouping by, LocalDate from, LocalDate to, Scope scope)
      throws SQLException {
    Map<String, Counts> groups = new TreeMap<>();
    for (Span span : spans(from, to)) {
      List<String> values = new ArrayList<>();
      String sql = countsSql(by, span, scope, values);
      try (PreparedStatement query = prepare(connection, sql, span, values)) {
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            long[] n = new long[Counts.COLUMNS.size()];
            for (int i = 0; i < n.length; i++) {
              n[i] = rows.getLong(i + 2);
            }
            groups.merge(rows.getString(1), Counts.of(n), Counts::plus);
          }
        }
      }
    }
    return groups;
  }

  /**
   * The times to sign and to close per group over the days {@code from} to {@code to} of the cases
   * in {@code scope}. Departments read the histograms kept by district (or street, or grid), summed
   * over them. The histograms are added here rather than in SQL, where a function called per row
   * costs more than the transfer.
   */
  public static Map<String, Map<CaseFacts.Measure, DurationHistogram>> durations(
      Connection connection, Grouping by, LocalDate from, LocalDate to, Scope scope)
      throws SQLException {
    Source source = Source.of(by, scope);
    String group;
    String dimension;
    if (source.level() != null) {
      group = by.column;
      dimension = "";
    } else {
      group = by == Grouping.DEPARTMENT ? "department_code" : "code";
      dimension = " AND dimension = '" + (by == Grouping.CATEGORY ? "CATEGORY" : "DISTRICT") + "'";
    }
    Map<String, Map<CaseFacts.Measure, DurationHistogram>> groups = new TreeMap<>();
    for (Span span : spans(from, to)) {
      List<String> values = new ArrayList<>();
      String sql =
          "SELECT "
              + group
              + ", measure, cases, seconds, buckets FROM "
              + span.table(source.durations())
              + " WHERE "
              + span.period()
              + " BETWEEN ? AND ?"
              + source.condition()
              + dimension
              + scope.conditions(values)
              + " AND cases <> 0";
      try (PreparedStatement query = prepare(connection, sql, span, values);
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          DurationHistogram h =
              DurationHistogram.unpack(rows.getLong(3), rows.getLong(4), longs(rows.getArray(5)));
          groups
              .computeIfAbsent(rows.getString(1), k -> new EnumMap<>(CaseFacts.Measure.class))
              .merge(CaseFacts.Measure.valueOf(rows.getString(2)), h, DurationHistogram::plus);
        }
      }
    }
    return groups;
  }

  private static PreparedStatement prepare(
      Connection connection, String sql, Span span, List<String> values) throws SQLException {
    PreparedStatement query = connection.prepareStatement(sql);
    query.setDate(1, Date.valueOf(span.from()));
    query.setDate(2, Date.valueOf(span.to()));
    for (int i = 0; i < values.size(); i++) {
      query.setString(3 + i, values.get(i));
    }
    return query;
  }

  private static long[] longs(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    long[] n = new long[values.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = ((Number) values[i]).longValue();
    }
    return n;
  }

  /**
   * Cases past their deadline at {@code now}, neither reported fixed nor closed nor parked, per
   * group, of the cases in {@code scope}.
   */
  public static Map<String, Long> overdueNow(
      Connection connection, Grouping by, Instant now, Scope scope) throws SQLException {
    Map<String, Long> groups = new TreeMap<>();
    List<String> values = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COALESCE("
                + by.column
                + ", ''), count(*) FROM case_deadline WHERE closed_at IS NULL AND resolved_at IS"
                + " NULL AND resolve_due_at < ? AND status <> 'PARKED'"
                + scope.conditions(values)
                + " GROUP BY 1")) {
      query.setTimestamp(1, Timestamp.from(now));
      for (int i = 0; i < values.size(); i++) {
        query.setString(2 + i, values.get(i));
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          groups.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return groups;
  }
}
