package io.casegrid.supervision.metrics;

import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weights of the composite score as a city's administrator loads them (a city package's {@code
 * metric-weights.json}), in kebab case ({@code on-time-closure}); while none are loaded, the
 * configured {@code casegrid.metrics.weights.*} hold.
 */
@ApplicationScoped
public class MetricWeights {

  private final EntityManager entityManager;
  private final MetricsConfig config;
  private final ReferenceVersion.Cached<Map<String, BigDecimal>> loaded;

  MetricWeights(EntityManager entityManager, MetricsConfig config, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.config = config;
    this.loaded = version.cache(Duration.ofSeconds(5), v -> read());
  }

  /** The weights in force by input: the loaded ones, else the configured ones. */
  public Map<MetricFormulas.Input, BigDecimal> current() {
    Map<String, BigDecimal> weights = loaded();
    if (weights.isEmpty()) {
      return config.compositeWeights();
    }
    Map<MetricFormulas.Input, BigDecimal> byInput = new EnumMap<>(MetricFormulas.Input.class);
    weights.forEach((name, weight) -> byInput.put(input(name), weight));
    return byInput;
  }

  /** The loaded weights by name; empty while none are loaded. Call inside a transaction. */
  public Map<String, BigDecimal> loaded() {
    return loaded.get();
  }

  /** What is wrong with weights by name: names that are no input, negative weights, all zero. */
  public static List<String> problems(Map<String, BigDecimal> weights) {
    List<String> problems = new ArrayList<>();
    weights.forEach(
        (name, weight) -> {
          if (input(name) == null) {
            problems.add(name + ": no input of the composite score");
          } else if (weight == null || weight.signum() < 0) {
            problems.add(name + ": a weight is a number of at least 0");
          }
        });
    if (!weights.isEmpty()
        && weights.values().stream().allMatch(w -> w == null || w.signum() == 0)) {
      problems.add("at least one weight must be more than 0");
    }
    return problems;
  }

  /** Replaces the loaded weights (none: the configured ones hold); in the caller's transaction. */
  public void replace(Map<String, BigDecimal> weights) {
    entityManager.createNativeQuery("DELETE FROM metric_weight").executeUpdate();
    weights.forEach(
        (name, weight) ->
            entityManager
                .createNativeQuery("INSERT INTO metric_weight (input, weight) VALUES (?1, ?2)")
                .setParameter(1, name)
                .setParameter(2, weight)
                .executeUpdate());
    loaded.invalidate();
  }

  @SuppressWarnings("unchecked")
  private Map<String, BigDecimal> read() {
    Map<String, BigDecimal> weights = new LinkedHashMap<>();
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery("SELECT input, weight FROM metric_weight ORDER BY input")
                .getResultList()) {
      weights.put((String) r[0], ((BigDecimal) r[1]).stripTrailingZeros());
    }
    return Map.copyOf(weights);
  }

  private static MetricFormulas.Input input(String name) {
    try {
      return MetricFormulas.Input.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
