package io.casegrid.supervision.metrics;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dashboard's reads, in plain JDBC so that the benchmark runs the very queries the service
 * runs: counters summed over a period per group from {@code metric_monthly} and {@code
 * metric_daily}, and the cases overdue now from the cases' rows.
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

  private MetricsQueries() {}

  /**
   * The query summing {@code table}'s counters per group; {@code ?} are the first and last {@code
   * period} (day or month) and, for one department, its code.
   */
  public static String countsSql(Grouping by, String table, String period, boolean oneDepartment) {
    return "SELECT "
        + by.column
        + ", "
        + Counts.COLUMNS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "))
        + " FROM "
        + table
        + " WHERE "
        + period
        + " BETWEEN ? AND ?"
        + (oneDepartment ? " AND department_code = ?" : "")
        + " GROUP BY "
        + by.column;
  }

  /**
   * The counters per group over the days {@code from} to {@code to} (both included, in the city's
   * zone); only {@code department}'s if not null. Keys are the group's code, empty if unknown.
   * Whole months are read from {@code metric_monthly}, the days before and after them from {@code
   * metric_daily}.
   */
  public static Map<String, Counts> counts(
      Connection connection, Grouping by, LocalDate from, LocalDate to, String department)
      throws SQLException {
    Map<String, Counts> groups = new TreeMap<>();
    LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
    LocalDate afterWhole =
        to.plusDays(1).getDayOfMonth() == 1 ? to.plusDays(1) : to.withDayOfMonth(1);
    if (!firstWhole.isBefore(afterWhole)) {
      add(groups, connection, by, "metric_daily", "day", from, to, department);
      return groups;
    }
    if (from.isBefore(firstWhole)) {
      add(groups, connection, by, "metric_daily", "day", from, firstWhole.minusDays(1), department);
    }
    add(
        groups,
        connection,
        by,
        "metric_monthly",
        "month",
        firstWhole,
        afterWhole.minusMonths(1),
        department);
    if (!to.isBefore(afterWhole)) {
      add(groups, connection, by, "metric_daily", "day", afterWhole, to, department);
    }
    return groups;
  }

  private static void add(
      Map<String, Counts> groups,
      Connection connection,
      Grouping by,
      String table,
      String period,
      LocalDate from,
      LocalDate to,
      String department)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(countsSql(by, table, period, department != null))) {
      query.setDate(1, Date.valueOf(from));
      query.setDate(2, Date.valueOf(to));
      if (department != null) {
        query.setString(3, department);
      }
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
