package io.casegrid.supervision.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
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

  /**
   * How long the cases of a group took, in seconds: mean, median and 90th percentile (the
   * percentiles from histograms, see {@link DurationHistogram} for their precision); null without
   * cases.
   */
  public record Timing(long cases, Long averageSeconds, Long p50Seconds, Long p90Seconds) {

    static Timing of(DurationHistogram h) {
      return h.cases() == 0
          ? new Timing(0, null, null, null)
          : new Timing(h.cases(), h.mean(), h.percentile(50), h.percentile(90));
    }
  }

  /** One group's numbers over a period. */
  public record Group(
      String key,
      Counts counts,
      long overdueNow,
      MetricFormulas.Rates rates,
      MetricFormulas.Score score,
      @JsonIgnore DurationHistogram signing,
      @JsonIgnore DurationHistogram closing) {

    /** From the latest dispatch to signing (签收用时). */
    @JsonProperty
    public Timing timeToSign() {
      return Timing.of(signing);
    }

    /** From the first dispatch to closing (结案用时). */
    @JsonProperty
    public Timing timeToClose() {
      return Timing.of(closing);
    }
  }

  /** A group with its place: equal scores share a place; a group without a score has none. */
  public record Placed(Integer rank, Group group) {}

  private final DataSource dataSource;
  private final MetricsConfig config;
  private final MetricWeights weights;

  Dashboard(DataSource dataSource, MetricsConfig config, MetricWeights weights) {
    this.dataSource = dataSource;
    this.config = config;
    this.weights = weights;
    config.compositeWeights(); // Refuse bad weights at once, not on the first request.
  }

  public MetricFormulas.OnTimeDenominator onTimeDenominator() {
    return config.onTimeDenominator();
  }

  public MetricFormulas.ValidCallbacks validCallbacks() {
    return config.validCallbacks();
  }

  /** The composite's weights: those a city package loaded, else the configured ones. */
  public Map<MetricFormulas.Input, BigDecimal> weights() {
    return weights.current();
  }

  /**
   * Every group with counters in the period or cases overdue now, by key, of the cases in {@code
   * scope}.
   */
  public List<Group> groups(
      MetricsQueries.Grouping by,
      LocalDate from,
      LocalDate to,
      MetricsQueries.Scope scope,
      Instant now) {
    Map<String, Counts> counts;
    Map<String, Long> overdue;
    Map<String, Map<CaseFacts.Measure, DurationHistogram>> durations;
    try (Connection connection = dataSource.getConnection()) {
      counts = MetricsQueries.counts(connection, by, from, to, scope);
      overdue = MetricsQueries.overdueNow(connection, by, now, scope);
      durations = MetricsQueries.durations(connection, by, from, to, scope);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the metrics", e);
    }
    TreeSet<String> keys = new TreeSet<>(counts.keySet());
    keys.addAll(overdue.keySet());
    List<Group> groups = new ArrayList<>();
    for (String key : keys) {
      Map<CaseFacts.Measure, DurationHistogram> timed = durations.getOrDefault(key, Map.of());
      groups.add(
          group(
              key,
              counts.getOrDefault(key, Counts.NONE),
              overdue.getOrDefault(key, 0L),
              timed.getOrDefault(CaseFacts.Measure.SIGN, DurationHistogram.EMPTY),
              timed.getOrDefault(CaseFacts.Measure.CLOSE, DurationHistogram.EMPTY)));
    }
    return groups;
  }

  /** The sum of the groups, as one group. */
  public Group total(List<Group> groups) {
    Counts sum = Counts.NONE;
    long overdue = 0;
    DurationHistogram signing = DurationHistogram.EMPTY;
    DurationHistogram closing = DurationHistogram.EMPTY;
    for (Group g : groups) {
      sum = sum.plus(g.counts());
      overdue += g.overdueNow();
      signing = signing.plus(g.signing());
      closing = closing.plus(g.closing());
    }
    return group(null, sum, overdue, signing, closing);
  }

  /**
   * The known departments (districts) with cases in the period, best first, each with its place (1,
   * 2, 2, 4 for equal scores).
   */
  public List<Placed> ranked(
      MetricsQueries.Grouping by, LocalDate from, LocalDate to, Instant now) {
    List<Group> ranked =
        groups(by, from, to, MetricsQueries.Scope.ALL, now).stream()
            .filter(g -> g.key() != null && !g.counts().equals(Counts.NONE))
            .sorted(BY_SCORE)
            .toList();
    return ranked.stream().map(g -> new Placed(rankOf(g, ranked), g)).toList();
  }

  private static Integer rankOf(Group g, List<Group> all) {
    BigDecimal score = g.score().value();
    if (score == null) {
      return null;
    }
    int better = 0;
    for (Group other : all) {
      BigDecimal s = other.score().value();
      if (s != null && s.compareTo(score) > 0) {
        better++;
      }
    }
    return better + 1;
  }

  private Group group(
      String key,
      Counts counts,
      long overdue,
      DurationHistogram signing,
      DurationHistogram closing) {
    MetricFormulas.Rates rates =
        MetricFormulas.rates(counts, config.onTimeDenominator(), config.validCallbacks());
    return new Group(
        key == null || key.isEmpty() ? null : key,
        counts,
        overdue,
        rates,
        MetricFormulas.composite(config.compositeWeights(), MetricFormulas.inputs(rates)),
        signing,
        closing);
  }

  /** Highest score first, groups without a score last, then by key. */
  public static final Comparator<Group> BY_SCORE =
      Comparator.comparing(
              (Group g) -> g.score().value(), Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(Group::key, Comparator.nullsLast(Comparator.naturalOrder()));
}
