package io.casegrid.supervision.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the metrics are computed: the on-time closure rate's and the callback rates' denominators and
 * the weights of the composite score by which departments and districts are ranked. Configuration,
 * not code: cities differ.
 */
@ConfigMapping(prefix = "casegrid.metrics")
public interface MetricsConfig {

  /** {@code DUE}, or {@code DUE_LESS_DEFERRED} to leave extended and parked cases out. */
  @WithDefault("DUE")
  MetricFormulas.OnTimeDenominator onTimeDenominator();

  /**
   * {@code CALLED}: the resolution and satisfaction rates divide by every case called back; {@code
   * CONTACTED}: by those whose citizen was reached.
   */
  @WithDefault("CALLED")
  MetricFormulas.ValidCallbacks validCallbacks();

  /**
   * The composite's weights by input, in kebab case ({@code on-time-closure=0.35}); see {@link
   * MetricFormulas.Input}. Inputs not named weigh nothing.
   */
  Map<String, BigDecimal> weights();

  /** The weights by input; refuses a name that is no input and a negative weight. */
  default Map<MetricFormulas.Input, BigDecimal> compositeWeights() {
    Map<MetricFormulas.Input, BigDecimal> weights = new EnumMap<>(MetricFormulas.Input.class);
    weights()
        .forEach(
            (name, weight) -> {
              MetricFormulas.Input input;
              try {
                input =
                    MetricFormulas.Input.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
              } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                    "casegrid.metrics.weights." + name + ": no such input of the composite");
              }
              if (weight.signum() < 0) {
                throw new IllegalStateException(
                    "casegrid.metrics.weights." + name + " must not be negative");
              }
              weights.put(input, weight);
            });
    return weights;
  }
}
