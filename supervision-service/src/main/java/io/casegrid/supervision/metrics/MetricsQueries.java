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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dashboard's reads, in plain JDBC so that the benchmark runs the very queries the service
 * runs: counters and duration histograms summed over a period per group from the projection's
 * monthly and daily tables, and the cases overdue now from the cases' rows.
 */
public final class MetricsQueries {

  /** What the counters are grouped by. */
  public enum Grouping {
    DEPARTMENT("department_code"),
    DISTRICT("district_code"),
    CATEGORY("category_code");

    final String column;

    Grouping(String column) {
      this.column = column;
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
   * and, for one department, its code.
   */
  public static String countsSql(Grouping by, Span span, boolean oneDepartment) {
    return "SELECT "
        + by.column
        + ", "
        + Counts.COLUMNS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "))
        + " FROM "
        + span.table(ProjectedTable.COUNTERS)
        + " WHERE "
        + span.period()
        + " BETWEEN ? AND ?"
        + (oneDepartment ? " AND department_code = ?" : "")
        + " GROUP BY "
        + by.column;
  }

  /**
   * The counters per group over the days {@code from} to {@code to} (both included, in the city's
   * zone); only {@code department}'s if not null. Keys are the group's code, empty if unknown.
   */
  public static Map<String, Counts> counts(
      Connection connection, Grouping by, LocalDate from, LocalDate to, String department)
      throws SQLException {
    Map<String, Counts> groups = new TreeMap<>();
    for (Span span : spans(from, to)) {
      try (PreparedStatement query =
          prepare(connection, countsSql(by, span, department != null), span, department)) {
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
   * The times to sign and to close per group over the days {@code from} to {@code to}; only {@code
   * department}'s if not null. Departments read the histograms kept by district, summed over the
   * districts. The histograms are added here rather than in SQL, where a function called per row
   * costs more than the transfer.
   */
  public static Map<String, Map<CaseFacts.Measure, DurationHistogram>> durations(
      Connection connection, Grouping by, LocalDate from, LocalDate to, String department)
      throws SQLException {
    String group = by == Grouping.DEPARTMENT ? "department_code" : "code";
    String dimension = by == Grouping.CATEGORY ? "CATEGORY" : "DISTRICT";
    Map<String, Map<CaseFacts.Measure, DurationHistogram>> groups = new TreeMap<>();
    for (Span span : spans(from, to)) {
      String sql =
          "SELECT "
              + group
              + ", measure, cases, seconds, buckets FROM "
              + span.table(ProjectedTable.DURATIONS)
              + " WHERE "
              + span.period()
              + " BETWEEN ? AND ?"
              + (department != null ? " AND department_code = ?" : "")
              + " AND dimension = '"
              + dimension
              + "' AND cases <> 0";
      try (PreparedStatement query = prepare(connection, sql, span, department);
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
      Connection connection, String sql, Span span, String department) throws SQLException {
    PreparedStatement query = connection.prepareStatement(sql);
    query.setDate(1, Date.valueOf(span.from()));
    query.setDate(2, Date.valueOf(span.to()));
    if (department != null) {
      query.setString(3, department);
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
   * group; only {@code department}'s if not null.
   */
  public static Map<String, Long> overdueNow(
      Connection connection, Grouping by, Instant now, String department) throws SQLException {
    Map<String, Long> groups = new TreeMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COALESCE("
                + by.column
                + ", ''), count(*) FROM case_deadline WHERE closed_at IS NULL AND resolved_at IS"
                + " NULL AND resolve_due_at < ? AND status <> 'PARKED'"
                + (department != null ? " AND department_code = ?" : "")
                + " GROUP BY 1")) {
      query.setTimestamp(1, Timestamp.from(now));
      if (department != null) {
        query.setString(2, department);
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
