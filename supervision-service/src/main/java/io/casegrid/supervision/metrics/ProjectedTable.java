package io.casegrid.supervision.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables of the metrics projection, each kept per day ({@code …_daily}) and per month ({@code
 * …_monthly}) in the city's zone: a row's key is its day or month and codes, its values are added
 * to. What a case adds to each is {@link CaseFacts#contributions}'s business.
 */
public enum ProjectedTable {
  /** {@code metric_daily}: the counters of {@link Counts}. */
  COUNTERS(
      "metric",
      List.of("department_code", "district_code", "category_code"),
      Counts.COLUMNS,
      false),
  /**
   * {@code duration_daily}: times to sign and to close; the values are the cases, their seconds and
   * then the cases per bucket of {@link DurationHistogram}, stored as an array.
   */
  DURATIONS(
      "duration",
      List.of("measure", "dimension", "department_code", "code"),
      List.of("cases", "seconds"),
      true),
  /** {@code hotspot_daily}: cases received per grid. */
  HOTSPOTS(
      "hotspot",
      List.of("department_code", "grid_code", "category_code"),
      List.of("received"),
      false),
  /**
   * {@code area_metric_daily}: the counters of {@link Counts} per street (街道, level {@code STREET},
   * grid {@code ''}), per street and department (level {@code STREET_DEPARTMENT}) and per grid (网格,
   * level {@code GRID}), department {@code ''} for all departments; apart from {@code metric_daily}
   * so that its rows stay few.
   */
  AREA_COUNTERS(
      "area_metric",
      List.of("level", "street_code", "grid_code", "department_code"),
      Counts.COLUMNS,
      false),
  /** {@code area_duration_daily}: the times to sign and to close per street and per grid. */
  AREA_DURATIONS(
      "area_duration",
      List.of("level", "street_code", "grid_code", "department_code", "measure"),
      List.of("cases", "seconds"),
      true);

  private final String prefix;
  private final List<String> keys;
  private final List<String> columns;
  private final boolean histogram;
  // Built once: the projection asks for them for every row of every event.
  private final String dailyUpsert;
  private final String monthlyUpsert;

  ProjectedTable(String prefix, List<String> keys, List<String> columns, boolean histogram) {
    this.prefix = prefix;
    this.keys = keys;
    this.columns = columns;
    this.histogram = histogram;
    this.dailyUpsert = buildUpsert(false);
    this.monthlyUpsert = buildUpsert(true);
  }

  /** {@code metric_daily}, {@code metric_monthly} … */
  public String table(boolean monthly) {
    return prefix + (monthly ? "_monthly" : "_daily");
  }

  /** The key column holding the day, or the month's first day. */
  public static String period(boolean monthly) {
    return monthly ? "month" : "day";
  }

  List<String> keys() {
    return keys;
  }

  List<String> columns() {
    return columns;
  }

  boolean histogram() {
    return histogram;
  }

  /**
   * The upsert that adds a row's values: parameters are the period, the codes, the values and, for
   * a histogram, its buckets as an array literal.
   */
  String upsert(boolean monthly) {
    return monthly ? monthlyUpsert : dailyUpsert;
  }

  private String buildUpsert(boolean monthly) {
    String table = table(monthly);
    List<String> all = new ArrayList<>();
    all.add(period(monthly));
    all.addAll(keys);
    all.addAll(columns);
    List<String> parameters = new ArrayList<>(Collections.nCopies(all.size(), "?"));
    List<String> sums =
        new ArrayList<>(
            columns.stream().map(c -> c + " = " + table + "." + c + " + EXCLUDED." + c).toList());
    if (histogram) {
      all.add("buckets");
      parameters.add("CAST(? AS INTEGER[])");
      sums.add("buckets = histogram_add(" + table + ".buckets, EXCLUDED.buckets)");
    }
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", all)
        + ") VALUES ("
        + String.join(", ", parameters)
        + ") ON CONFLICT ("
        + period(monthly)
        + ", "
        + String.join(", ", keys)
        + ") DO UPDATE SET "
        + String.join(", ", sums);
  }

  /**
   * A histogram's buckets (values after the table's own), packed, as a PostgreSQL array literal.
   */
  String bucketsLiteral(long[] row) {
    return Arrays.stream(
            DurationHistogram.pack(Arrays.copyOfRange(row, columns.size(), row.length)))
        .mapToObj(Long::toString)
        .collect(Collectors.joining(",", "{", "}"));
  }
}
