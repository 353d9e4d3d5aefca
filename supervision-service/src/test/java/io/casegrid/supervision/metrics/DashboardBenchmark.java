package io.casegrid.supervision.metrics;

import io.casegrid.embedded.FreePorts;
import io.casegrid.embedded.Postgres;
import io.casegrid.embedded.TestInfrastructure;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * How fast the dashboard answers for a big city's year: fills {@code metric_daily}, the duration
 * histograms, the months per street and grid (and a backlog of open cases) in a PostgreSQL of its
 * own, migrated by the service's own migrations, straight through JDBC, then times the service's
 * own dashboard queries ({@link MetricsQueries}) for a month and for a year. See {@code
 * deploy/local-stack/BENCHMARKS.md}.
 */
public final class DashboardBenchmark {

  private final int casesPerYear;
  private final int departments;
  private final int categoriesPerDepartment;
  private final int districts;
  private final int streets;
  private final int grids;
  private final int openCases;
  private final int runs;
  private final SplittableRandom random = new SplittableRandom(20261123);

  private DashboardBenchmark(Map<String, Integer> options) {
    casesPerYear = options.get("--cases");
    departments = options.get("--departments");
    categoriesPerDepartment = options.get("--categories");
    districts = options.get("--districts");
    streets = options.get("--streets");
    grids = options.get("--grids");
    openCases = options.get("--open");
    runs = options.get("--runs");
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options =
        new java.util.LinkedHashMap<>(
            Map.of(
                "--cases", 10_000_000,
                "--departments", 30,
                "--categories", 20,
                "--districts", 16,
                "--streets", 300,
                "--grids", 10_000,
                "--open", 200_000,
                "--runs", 200));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options);
      }
      options.put(args[i], Integer.parseInt(args[i + 1].replace("_", "")));
    }
    Path home = Files.createTempDirectory("casegrid-dashboard-bench-");
    try (Postgres postgres = Postgres.start(home.resolve("postgres"), FreePorts.next(), false)) {
      postgres.ensureDatabase("supervision");
      new DashboardBenchmark(options).run(postgres.jdbcUrl("supervision"));
    } finally {
      TestInfrastructure.deleteRecursively(home);
    }
    System.exit(0);
  }

  private void run(String url) throws Exception {
    Flyway.configure()
        .dataSource(url, Postgres.USER, "")
        .locations("classpath:db/migration", "classpath:db/kit")
        .placeholders(Map.of("city_zone", "Asia/Shanghai"))
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, Postgres.USER, "")) {
      YearMonth first = YearMonth.of(2026, 1);
      long t0 = System.nanoTime();
      long rows = fillDailyCounters(c, first.atDay(1), 365);
      long t1 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("SELECT metric_monthly_from_daily()");
      }
      long t1m = System.nanoTime();
      long durationRows = fillDurations(c, first.atDay(1), 365);
      long t1d = System.nanoTime();
      long areaRows = fillAreas(c, first, 12);
      long t1a = System.nanoTime();
      fillOpenCases(c);
      long t2 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE metric_monthly");
        s.execute("VACUUM ANALYZE metric_daily");
        s.execute("VACUUM ANALYZE duration_monthly");
        s.execute("VACUUM ANALYZE duration_daily");
        s.execute("VACUUM ANALYZE area_metric_monthly");
        s.execute("VACUUM ANALYZE area_duration_monthly");
        s.execute("VACUUM ANALYZE case_deadline");
      }
      System.out.printf(
          Locale.ROOT,
          "%n%,d cases a year, %d departments x %d categories each, %d districts%n"
              + "metric_daily: %,d rows for 365 days (%s, indexes included), written in %.1f s;"
              + " metric_monthly from it in %.1f s%n"
              + "duration_daily and _monthly: %,d rows (%s and %s), written in %.1f s%n"
              + "area_metric_monthly and area_duration_monthly (%d streets, %d grids): %,d rows"
              + " (%s and %s), written in %.1f s; %,d open cases in case_deadline in %.1f s%n%n",
          casesPerYear,
          departments,
          categoriesPerDepartment,
          districts,
          rows,
          size(c, "metric_daily"),
          (t1 - t0) / 1e9,
          (t1m - t1) / 1e9,
          durationRows,
          size(c, "duration_daily"),
          size(c, "duration_monthly"),
          (t1d - t1m) / 1e9,
          streets,
          grids,
          areaRows,
          size(c, "area_metric_monthly"),
          size(c, "area_duration_monthly"),
          (t1a - t1d) / 1e9,
          openCases,
          (t2 - t1a) / 1e9);
      Instant now = Instant.parse("2026-12-31T04:00:00Z");
      for (MetricsQueries.Grouping by : MetricsQueries.Grouping.values()) {
        time(c, "a month, by " + by.name().toLowerCase(Locale.ROOT), by, first, 1, now);
      }
      time(
          c,
          "a month, one department's",
          MetricsQueries.Grouping.DISTRICT,
          first,
          1,
          now,
          MetricsQueries.Scope.department("D07"));
      time(
          c,
          "a month, one department's streets",
          MetricsQueries.Grouping.STREET,
          first,
          1,
          now,
          MetricsQueries.Scope.department("D07"));
      time(
          c,
          "a month, one street's grids",
          MetricsQueries.Grouping.GRID,
          first,
          1,
          now,
          new MetricsQueries.Scope(null, street(7), null));
      time(c, "a quarter, by department", MetricsQueries.Grouping.DEPARTMENT, first, 3, now);
      timeDays(c, "31 days across two months", first, now);
      time(c, "the year, by department", MetricsQueries.Grouping.DEPARTMENT, first, 12, now);
    }
  }

  private void time(
      Connection c,
      String what,
      MetricsQueries.Grouping by,
      YearMonth first,
      int months,
      Instant now)
      throws SQLException {
    time(c, what, by, first, months, now, MetricsQueries.Scope.ALL);
  }

  // A ranking reads two months; the dashboard reads counters and the overdue cases: both timed.
  private void time(
      Connection c,
      String what,
      MetricsQueries.Grouping by,
      YearMonth first,
      int months,
      Instant now,
      MetricsQueries.Scope scope)
      throws SQLException {
    int warmUp = Math.max(5, runs / 10);
    long[] counts = new long[runs];
    long[] durations = new long[runs];
    long[] whole = new long[runs];
    int groups = 0;
    for (int i = -warmUp; i < runs; i++) {
      YearMonth from = first.plusMonths(random.nextInt(13 - months));
      LocalDate start = from.atDay(1);
      LocalDate end = from.plusMonths(months - 1).atEndOfMonth();
      long t0 = System.nanoTime();
      groups = MetricsQueries.counts(c, by, start, end, scope).size();
      long t1 = System.nanoTime();
      MetricsQueries.durations(c, by, start, end, scope);
      long t2 = System.nanoTime();
      MetricsQueries.overdueNow(c, by, now, scope);
      long t3 = System.nanoTime();
      if (i >= 0) {
        counts[i] = t1 - t0;
        durations[i] = t2 - t1;
        whole[i] = t3 - t0;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-27s %3d groups  counters p50 %5.1f p95 %5.1f | times p50 %5.1f p95 %5.1f |"
            + " dashboard (all three with overdue now) p50 %5.1f p95 %5.1f max %5.1f ms%n",
        what,
        groups,
        percentile(counts, 50),
        percentile(counts, 95),
        percentile(durations, 50),
        percentile(durations, 95),
        percentile(whole, 50),
        percentile(whole, 95),
        percentile(whole, 100));
  }

  // A period that is no whole month: the days at both edges come from metric_daily.
  private void timeDays(Connection c, String what, YearMonth first, Instant now)
      throws SQLException {
    long[] counts = new long[runs];
    long[] durations = new long[runs];
    for (int i = -Math.max(5, runs / 10); i < runs; i++) {
      LocalDate start = first.atDay(1).plusDays(15 + random.nextInt(300));
      long t0 = System.nanoTime();
      MetricsQueries.counts(
          c,
          MetricsQueries.Grouping.DEPARTMENT,
          start,
          start.plusDays(30),
          MetricsQueries.Scope.ALL);
      long t1 = System.nanoTime();
      MetricsQueries.durations(
          c,
          MetricsQueries.Grouping.DEPARTMENT,
          start,
          start.plusDays(30),
          MetricsQueries.Scope.ALL);
      if (i >= 0) {
        counts[i] = t1 - t0;
        durations[i] = System.nanoTime() - t1;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-27s  30 groups  counters p50 %5.1f p95 %5.1f | times p50 %5.1f p95 %5.1f ms%n",
        what,
        percentile(counts, 50),
        percentile(counts, 95),
        percentile(durations, 50),
        percentile(durations, 95));
  }

  private static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  /**
   * A year of counters as the projection writes them: every case counted on its days, per
   * department, district and category. Departments and districts differ in size (Zipf-like
   * weights), so small ones have no row on many days, as in a real city.
   */
  private long fillDailyCounters(Connection c, LocalDate start, int days)
      throws SQLException, IOException {
    double[] departmentShare = zipf(departments, 0.8);
    double[] districtShare = zipf(districts, 0.6);
    double[] categoryShare = zipf(categoriesPerDepartment, 1.0);
    double perDay = casesPerYear / 365.0;
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    long rows = 0;
    for (int d = 0; d < days; d++) {
      LocalDate day = start.plusDays(d);
      StringBuilder batch = new StringBuilder(1 << 20);
      for (int dep = 0; dep < departments; dep++) {
        for (int dis = 0; dis < districts; dis++) {
          for (int cat = 0; cat < categoriesPerDepartment; cat++) {
            double expected =
                perDay * departmentShare[dep] * districtShare[dis] * categoryShare[cat];
            int n = poisson(expected);
            if (n == 0) {
              continue;
            }
            rows++;
            batch
                .append(day)
                .append('\t')
                .append(String.format(Locale.ROOT, "D%02d", dep))
                .append('\t')
                .append(String.format(Locale.ROOT, "3399%02d", dis))
                .append('\t')
                .append(String.format(Locale.ROOT, "%02d%02d", dep, cat));
            appendCounters(batch, counters(n));
          }
        }
      }
      copy.copyIn(
          "COPY metric_daily (day, department_code, district_code, category_code, "
              + String.join(", ", Counts.COLUMNS)
              + ") FROM STDIN",
          new StringReader(batch.toString()));
    }
    return rows;
  }

  /** The counters of {@code n} cases, in the order of {@link Counts#COLUMNS}. */
  private long[] counters(int n) {
    int returned = binomial(n, 0.02);
    int extended = binomial(n, 0.01);
    int fixed = n + binomial(n, 0.02);
    int reworked = fixed - n;
    int signedOnTime = n - binomial(n, 0.03);
    int deferred = binomial(n, 0.015);
    int closed = n - binomial(n, 0.01);
    int onTime = Math.max(0, closed - binomial(n, 0.03));
    int onTimeDeferred = Math.min(deferred, onTime);
    int called = binomial(closed, 0.6);
    int contacted = called - binomial(called, 0.1);
    int satisfied = binomial(contacted, 0.8);
    int upheld = binomial(returned, 0.7);
    return new long[] {
      n,
      n,
      n + returned,
      returned,
      returned,
      extended,
      fixed,
      reworked,
      n,
      signedOnTime,
      n,
      deferred,
      closed,
      onTime,
      onTimeDeferred,
      0,
      called,
      contacted,
      contacted - binomial(contacted, 0.15),
      satisfied,
      binomial(contacted - satisfied, 0.5),
      upheld,
      returned - upheld
    };
  }

  private static void appendCounters(StringBuilder out, long[] values) {
    for (long v : values) {
      out.append('\t').append(v);
    }
    out.append('\n');
  }

  /** The times to sign (median 20 min) or to close (median 20 h) of {@code n} cases. */
  private DurationHistogram times(String measure, int n) {
    double median = measure.equals("SIGN") ? 1200 : 72_000;
    long[] seconds = new long[n];
    for (int i = 0; i < n; i++) {
      seconds[i] = Math.round(median * Math.exp(1.1 * random.nextGaussian()));
    }
    return DurationHistogram.of(seconds);
  }

  private static String street(int street) {
    return String.format(Locale.ROOT, "S%03d", street);
  }

  private String grid(int grid) {
    return street(grid % streets) + String.format(Locale.ROOT, "G%05d", grid);
  }

  /**
   * Months of counters and histograms per street and grid as the projection writes them: each
   * grid's cases (grids Zipf-weighted, gently) in one row of all departments, summed in its
   * street's, each case drawn a department for its street's rows per department. Only the months:
   * the dashboard's month reads no days. Answers the rows written.
   */
  private long fillAreas(Connection c, YearMonth first, int months)
      throws SQLException, IOException {
    double[] departmentShare = zipf(departments, 0.8);
    double[] gridShare = zipf(grids, 0.3);
    double perMonth = casesPerYear / 12.0;
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    long rows = 0;
    for (int m = 0; m < months; m++) {
      String month = first.plusMonths(m).atDay(1).toString();
      StringBuilder counters = new StringBuilder(1 << 20);
      StringBuilder durations = new StringBuilder(1 << 20);
      int[] perStreet = new int[streets];
      int[][] perStreetAndDepartment = new int[streets][departments];
      for (int g = 0; g < grids; g++) {
        int n = poisson(perMonth * gridShare[g]);
        if (n == 0) {
          continue;
        }
        String street = street(g % streets);
        perStreet[g % streets] += n;
        for (int i = 0; i < n; i++) {
          perStreetAndDepartment[g % streets][draw(departmentShare)]++;
        }
        rows += appendArea(counters, durations, n, month, "GRID", street, grid(g), "");
      }
      for (int st = 0; st < streets; st++) {
        rows += appendArea(counters, durations, perStreet[st], month, "STREET", street(st), "", "");
        for (int dep = 0; dep < departments; dep++) {
          if (perStreetAndDepartment[st][dep] > 0) {
            String department = String.format(Locale.ROOT, "D%02d", dep);
            rows +=
                appendArea(
                    counters,
                    durations,
                    perStreetAndDepartment[st][dep],
                    month,
                    "STREET_DEPARTMENT",
                    street(st),
                    "",
                    department);
          }
        }
      }
      copy.copyIn(
          "COPY area_metric_monthly (month, level, street_code, grid_code, department_code, "
              + String.join(", ", Counts.COLUMNS)
              + ") FROM STDIN",
          new StringReader(counters.toString()));
      copy.copyIn(
          "COPY area_duration_monthly (month, level, street_code, grid_code, department_code,"
              + " measure, cases, seconds, buckets) FROM STDIN",
          new StringReader(durations.toString()));
    }
    return rows;
  }

  /** An area's counters row and its two histogram rows for {@code n} cases; answers 3. */
  private int appendArea(StringBuilder counters, StringBuilder durations, int n, String... key) {
    counters.append(String.join("\t", key));
    appendCounters(counters, counters(n));
    for (String measure : new String[] {"SIGN", "CLOSE"}) {
      durations.append(String.join("\t", key)).append('\t').append(measure);
      appendHistogram(durations, times(measure, n));
    }
    return 3;
  }

  /** An index drawn with the given shares (summing to one). */
  private int draw(double[] shares) {
    double p = random.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      p -= shares[i];
      if (p < 0) {
        return i;
      }
    }
    return shares.length - 1;
  }

  /**
   * A year of duration histograms as the projection writes them: per day, department and district
   * (and department and category), the times to sign (median 20 min) and to close (median 20 h) of
   * the day's cases, drawn log-normally; the months summed alongside. Answers the rows written.
   */
  private long fillDurations(Connection c, LocalDate start, int days)
      throws SQLException, IOException {
    double[] departmentShare = zipf(departments, 0.8);
    double[] districtShare = zipf(districts, 0.6);
    double[] categoryShare = zipf(categoriesPerDepartment, 1.0);
    double perDay = casesPerYear / 365.0;
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Map<String, DurationHistogram> month = new TreeMap<>();
    long rows = 0;
    for (int d = 0; d < days; d++) {
      LocalDate day = start.plusDays(d);
      StringBuilder batch = new StringBuilder(1 << 20);
      for (int dep = 0; dep < departments; dep++) {
        String department = String.format(Locale.ROOT, "D%02d", dep);
        for (String dimension : new String[] {"DISTRICT", "CATEGORY"}) {
          int codes = dimension.equals("DISTRICT") ? districts : categoriesPerDepartment;
          for (int k = 0; k < codes; k++) {
            double share = dimension.equals("DISTRICT") ? districtShare[k] : categoryShare[k];
            int n = poisson(perDay * departmentShare[dep] * share);
            if (n == 0) {
              continue;
            }
            String code =
                dimension.equals("DISTRICT")
                    ? String.format(Locale.ROOT, "3399%02d", k)
                    : String.format(Locale.ROOT, "%02d%02d", dep, k);
            for (String measure : new String[] {"SIGN", "CLOSE"}) {
              DurationHistogram h = times(measure, n);
              String key = String.join("\t", measure, dimension, department, code);
              batch.append(day).append('\t').append(key);
              appendHistogram(batch, h);
              month.merge(day.withDayOfMonth(1) + "\t" + key, h, DurationHistogram::plus);
              rows++;
            }
          }
        }
      }
      copyDurations(copy, "duration_daily", "day", batch);
      if (d == days - 1 || !day.plusDays(1).getMonth().equals(day.getMonth())) {
        StringBuilder months = new StringBuilder();
        month.forEach(
            (key, h) -> {
              months.append(key);
              appendHistogram(months, h);
            });
        rows += month.size();
        copyDurations(copy, "duration_monthly", "month", months);
        month.clear();
      }
    }
    return rows;
  }

  private static void appendHistogram(StringBuilder out, DurationHistogram h) {
    out.append('\t').append(h.cases()).append('\t').append(h.seconds()).append("\t{");
    long[] buckets = h.packed();
    for (int i = 0; i < buckets.length; i++) {
      out.append(i == 0 ? "" : ",").append(buckets[i]);
    }
    out.append("}\n");
  }

  private static void copyDurations(
      CopyManager copy, String table, String period, StringBuilder rows)
      throws SQLException, IOException {
    copy.copyIn(
        "COPY "
            + table
            + " ("
            + period
            + ", measure, dimension, department_code, code, cases, seconds, buckets) FROM STDIN",
        new StringReader(rows.toString()));
  }

  private static String size(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('" + table + "'))")) {
      r.next();
      return r.getString(1);
    }
  }

  // The open backlog: cases in hand, a fifth of them past their deadline.
  private void fillOpenCases(Connection c) throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Instant now = Instant.parse("2026-12-31T04:00:00Z");
    StringBuilder batch = new StringBuilder();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < openCases; i++) {
      Instant dispatched = now.minusSeconds(random.nextLong(14 * 86_400L));
      Instant due =
          random.nextInt(5) == 0
              ? now.minusSeconds(random.nextLong(86_400L))
              : now.plusSeconds(1 + random.nextLong(7 * 86_400L));
      lines.add(
          String.join(
              "\t",
              UUID.randomUUID().toString(),
              "C" + i,
              String.format(Locale.ROOT, "%02d%02d", i % departments, i % categoriesPerDepartment),
              "URGENT",
              String.format(Locale.ROOT, "D%02d", i % departments),
              String.format(Locale.ROOT, "3399%02d", i % districts),
              street(i % grids % streets),
              grid(i % grids),
              dispatched.toString(),
              dispatched.toString(),
              due.toString(),
              "IN_HAND"));
      if (lines.size() == 10_000 || i == openCases - 1) {
        batch.setLength(0);
        lines.forEach(l -> batch.append(l).append('\n'));
        copy.copyIn(
            "COPY case_deadline (case_id, case_number, category_code, urgency, department_code,"
                + " district_code, street_code, grid_code, reported_at, dispatched_at,"
                + " resolve_due_at, status) FROM STDIN",
            new StringReader(batch.toString()));
        lines.clear();
      }
    }
  }

  private static double[] zipf(int n, double s) {
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      w[i] = 1 / Math.pow(i + 1, s);
      sum += w[i];
    }
    for (int i = 0; i < n; i++) {
      w[i] /= sum;
    }
    return w;
  }

  private int poisson(double mean) {
    if (mean > 50) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }

  private int binomial(int n, double p) {
    if (n > 100) {
      return poisson(n * p);
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }
}
