package io.casegrid.supervision.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/** The numbers behind the metrics and rankings endpoints: counters, rates and scores per group. */
@ApplicationScoped
public class Dashboard {

  /** One group's numbers over a period. */
  public record Group(
      String key,
      Counts counts,
      long overdueNow,
      MetricFormulas.Rates rates,
      MetricFormulas.Score score) {}

  private final DataSource dataSource;
  private final MetricsConfig config;
  private final CallbackSource callbacks;

  Dashboard(DataSource dataSource, MetricsConfig config, CallbackSource callbacks) {
    this.dataSource = dataSource;
    this.config = config;
    this.callbacks = callbacks;
    config.compositeWeights(); // Refuse bad weights at once, not on the first request.
  }

  public MetricFormulas.OnTimeDenominator onTimeDenominator() {
    return config.onTimeDenominator();
  }

  public Map<MetricFormulas.Input, BigDecimal> weights() {
    return config.compositeWeights();
  }

  /**
   * Every group with counters in the period or cases overdue now, by key; {@code department} limits
   * them to one department's cases.
   */
  public List<Group> groups(
      MetricsQueries.Grouping by, LocalDate from, LocalDate to, String department, Instant now) {
    Map<String, Counts> counts;
    Map<String, Long> overdue;
    try (Connection connection = dataSource.getConnection()) {
      counts = MetricsQueries.counts(connection, by, from, to, department);
      overdue = MetricsQueries.overdueNow(connection, by, now, department);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the metrics", e);
    }
    Map<String, MetricFormulas.Callbacks> called = callbacks.callbacks(by, from, to, department);
    Map<MetricFormulas.Input, BigDecimal> weights = config.compositeWeights();
    TreeSet<String> keys = new TreeSet<>(counts.keySet());
    keys.addAll(overdue.keySet());
    List<Group> groups = new ArrayList<>();
    for (String key : keys) {
      groups.add(
          group(
              key,
              counts.getOrDefault(key, Counts.NONE),
              overdue.getOrDefault(key, 0L),
              called.get(key),
              weights));
    }
    return groups;
  }

  /** The sum of the groups, as one group. */
  public Group total(List<Group> groups, MetricFormulas.Callbacks callbacksOfAll) {
    Counts sum = Counts.NONE;
    long overdue = 0;
    for (Group g : groups) {
      sum = sum.plus(g.counts());
      overdue += g.overdueNow();
    }
    return group(null, sum, overdue, callbacksOfAll, config.compositeWeights());
  }

  private Group group(
      String key,
      Counts counts,
      long overdue,
      MetricFormulas.Callbacks called,
      Map<MetricFormulas.Input, BigDecimal> weights) {
    MetricFormulas.Rates rates = MetricFormulas.rates(counts, called, config.onTimeDenominator());
    return new Group(
        key == null || key.isEmpty() ? null : key,
        counts,
        overdue,
        rates,
        MetricFormulas.composite(weights, MetricFormulas.inputs(rates)));
  }

  /** Highest score first, groups without a score last, then by key. */
  public static final Comparator<Group> BY_SCORE =
      Comparator.comparing(
              (Group g) -> g.score().value(), Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(Group::key, Comparator.nullsLast(Comparator.naturalOrder()));
}
