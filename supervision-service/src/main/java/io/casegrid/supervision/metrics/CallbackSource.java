package io.casegrid.supervision.metrics;

import java.time.LocalDate;
import java.util.Map;

/**
 * Where the callback rates' counts (回访: response, resolution, satisfaction) come from, per group
 * and period. No service announces callbacks yet, so the only source has none, and the rates and
 * the composite's callback inputs say so; a projection of callback events plugs in here.
 */
public interface CallbackSource {

  /** Callbacks per group code over the days {@code from} to {@code to}; absent: none known. */
  Map<String, MetricFormulas.Callbacks> callbacks(
      MetricsQueries.Grouping by, LocalDate from, LocalDate to, String department);
}
