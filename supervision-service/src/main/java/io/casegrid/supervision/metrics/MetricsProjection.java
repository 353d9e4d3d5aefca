package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Keeps {@code metric_daily} in step with the cases: each change of a case's facts adds the
 * difference of its contributions, as an upsert that adds to the counters, inside the consumer's
 * transaction (where the event's id is recorded as processed), so a counter moves exactly once per
 * event.
 */
@ApplicationScoped
public class MetricsProjection {

  static final String UPSERT_DAILY = upsert("metric_daily", "day");
  static final String UPSERT_MONTHLY = upsert("metric_monthly", "month");

  private static String upsert(String table, String period) {
    return "INSERT INTO "
        + table
        + " ("
        + period
        + ", department_code, district_code, category_code, "
        + String.join(", ", Counts.COLUMNS)
        + ") VALUES (?1, ?2, ?3, ?4"
        + Counts.COLUMNS.stream()
            .map(c -> ", ?" + (Counts.COLUMNS.indexOf(c) + 5))
            .collect(Collectors.joining())
        + ") ON CONFLICT ("
        + period
        + ", department_code, district_code, category_code) DO UPDATE SET "
        + Counts.COLUMNS.stream()
            .map(c -> c + " = " + table + "." + c + " + EXCLUDED." + c)
            .collect(Collectors.joining(", "));
  }

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
    Map<CaseFacts.DayKey, long[]> days = CaseFacts.delta(before, after, zone);
    Map<CaseFacts.DayKey, long[]> months = new TreeMap<>();
    for (Map.Entry<CaseFacts.DayKey, long[]> row : days.entrySet()) {
      CaseFacts.DayKey d = row.getKey();
      long[] m =
          months.computeIfAbsent(
              new CaseFacts.DayKey(
                  d.day().withDayOfMonth(1), d.department(), d.district(), d.category()),
              k -> new long[Counts.COLUMNS.size()]);
      for (int i = 0; i < m.length; i++) {
        m[i] += row.getValue()[i];
      }
    }
    days.forEach((key, n) -> upsert(UPSERT_DAILY, key, n));
    // A case moving within a month (a closing in time moves its due day) leaves the month alone.
    months.forEach(
        (key, n) -> {
          if (Arrays.stream(n).anyMatch(v -> v != 0)) {
            upsert(UPSERT_MONTHLY, key, n);
          }
        });
  }

  private void upsert(String sql, CaseFacts.DayKey key, long[] n) {
    Query upsert =
        entityManager
            .createNativeQuery(sql)
            .setParameter(1, key.day())
            .setParameter(2, key.department())
            .setParameter(3, key.district())
            .setParameter(4, key.category());
    for (int i = 0; i < n.length; i++) {
      upsert.setParameter(i + 5, (int) n[i]);
    }
    upsert.executeUpdate();
  }

  /**
   * Recomputes every counter from the cases' rows (the functions of migrations V6 and V7); answers
   * the number of daily rows written.
   */
  public long rebuild() {
    long rows =
        ((Number)
                entityManager
                    .createNativeQuery("SELECT metric_daily_rebuild(?1)")
                    .setParameter(1, zone.getId())
                    .getSingleResult())
            .longValue();
    entityManager.createNativeQuery("SELECT metric_monthly_from_daily()").getSingleResult();
    return rows;
  }
}
