package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps {@code metric_daily} in step with the cases: each change of a case's facts adds the
 * difference of its contributions, as an upsert that adds to the counters, inside the consumer's
 * transaction (where the event's id is recorded as processed), so a counter moves exactly once per
 * event.
 */
@ApplicationScoped
public class MetricsProjection {

  static final String UPSERT =
      "INSERT INTO metric_daily (day, department_code, district_code, category_code, "
          + String.join(", ", Counts.COLUMNS)
          + ") VALUES (?1, ?2, ?3, ?4"
          + Counts.COLUMNS.stream()
              .map(c -> ", ?" + (Counts.COLUMNS.indexOf(c) + 5))
              .collect(Collectors.joining())
          + ") ON CONFLICT (day, department_code, district_code, category_code) DO UPDATE SET "
          + Counts.COLUMNS.stream()
              .map(c -> c + " = metric_daily." + c + " + EXCLUDED." + c)
              .collect(Collectors.joining(", "));

  private final EntityManager entityManager;
  private final ZoneId zone;

  MetricsProjection(EntityManager entityManager, CityConfig city) {
    this.entityManager = entityManager;
    this.zone = city.zone();
  }

  /** The case went from {@code before} to {@code after}; either is null for no case. */
  public void changed(CaseFacts before, CaseFacts after) {
    if (before == null && after == null || before != null && before.equals(after)) {
      return;
    }
    for (Map.Entry<CaseFacts.DayKey, long[]> row :
        CaseFacts.delta(before, after, zone).entrySet()) {
      CaseFacts.DayKey key = row.getKey();
      Query upsert =
          entityManager
              .createNativeQuery(UPSERT)
              .setParameter(1, key.day())
              .setParameter(2, key.department())
              .setParameter(3, key.district())
              .setParameter(4, key.category());
      long[] n = row.getValue();
      for (int i = 0; i < n.length; i++) {
        upsert.setParameter(i + 5, (int) n[i]);
      }
      upsert.executeUpdate();
    }
  }

  /**
   * Recomputes every counter from the cases' rows (the function of migration V6); answers the
   * number of rows written.
   */
  public long rebuild() {
    return ((Number)
            entityManager
                .createNativeQuery("SELECT metric_daily_rebuild(?1)")
                .setParameter(1, zone.getId())
                .getSingleResult())
        .longValue();
  }
}
