package io.casegrid.supervision.hotspots;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.casegrid.supervision.metrics.MetricsQueries;
import io.casegrid.supervision.metrics.ProjectedTable;
import io.casegrid.supervision.metrics.ReportingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Where the cases come from (热点): cases received per grid and category over a period, from the
 * projection's hotspot counters (whole months from the monthly table), with each grid's outline
 * from the reference data.
 */
@ApplicationScoped
public class Hotspots {

  /** A GeoJSON FeatureCollection: one feature per grid. */
  public record FeatureCollection(String type, List<Feature> features) {}

  /** A grid: its outline (null if not loaded) and its cases. */
  public record Feature(String type, @JsonRawValue String geometry, Properties properties) {}

  /** A grid's cases: in all, and per category code. */
  public record Properties(
      String gridCode, String gridName, long total, Map<String, Long> byCategory) {}

  private final DataSource dataSource;

  Hotspots(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Every grid of the reference data, and every other grid with cases, in code order; only {@code
   * category}'s cases and {@code department}'s if they are not null.
   */
  public FeatureCollection of(ReportingPeriod days, String category, String department) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    Map<String, String[]> grids = new TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      for (MetricsQueries.Span span : MetricsQueries.spans(days.from(), days.to())) {
        count(connection, span, category, department, counts);
      }
      try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT code, name, geometry FROM area WHERE level = 'GRID'");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          grids.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the hotspots", e);
    }
    TreeSet<String> codes = new TreeSet<>(grids.keySet());
    codes.addAll(counts.keySet());
    List<Feature> features = new ArrayList<>();
    for (String grid : codes) {
      String[] known = grids.getOrDefault(grid, new String[2]);
      Map<String, Long> byCategory = counts.getOrDefault(grid, Map.of());
      long total = byCategory.values().stream().mapToLong(Long::longValue).sum();
      features.add(
          new Feature("Feature", known[1], new Properties(grid, known[0], total, byCategory)));
    }
    return new FeatureCollection("FeatureCollection", features);
  }

  private static void count(
      Connection connection,
      MetricsQueries.Span span,
      String category,
      String department,
      Map<String, Map<String, Long>> counts)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT grid_code, category_code, sum(received) FROM "
                + span.table(ProjectedTable.HOTSPOTS)
                + " WHERE "
                + span.period()
                + " BETWEEN ? AND ?"
                + (category != null ? " AND category_code = ?" : "")
                + (department != null ? " AND department_code = ?" : "")
                + " GROUP BY 1, 2 HAVING sum(received) <> 0")) {
      int p = 1;
      query.setDate(p++, Date.valueOf(span.from()));
      query.setDate(p++, Date.valueOf(span.to()));
      if (category != null) {
        query.setString(p++, category);
      }
      if (department != null) {
        query.setString(p, department);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts
              .computeIfAbsent(rows.getString(1), g -> new TreeMap<>())
              .merge(rows.getString(2), rows.getLong(3), Long::sum);
        }
      }
    }
  }
}
