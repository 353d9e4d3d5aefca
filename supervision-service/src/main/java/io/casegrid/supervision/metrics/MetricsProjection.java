package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Keeps the projection's tables ({@link ProjectedTable}: counters, duration histograms, hotspots,
 * and the counters and histograms per street and grid) in step with the cases: each change of a
 * case's facts adds the difference of its contributions, as upserts that add to the rows, inside
 * the consumer's transaction (where the event's id is recorded as processed), so a row moves
 * exactly once per event.
 */
@ApplicationScoped
public class MetricsProjection {

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
    // One JDBC batch per statement, in one round trip each and without a flush of the session: as
    // native queries, every upsert made Hibernate flush and dirty-check first (a third of
    // supervision's CPU while following a lifecycle). The tables in one order, as the rebuild
    // locks them, and the rows of each sorted, so that neither waits on the other in a cycle.
    Map<String, List<Object[]>> upserts = new LinkedHashMap<>();
    for (ProjectedTable table : ProjectedTable.values()) {
      Map<CaseFacts.Row, long[]> days = CaseFacts.delta(table, before, after, zone);
      days.forEach((row, values) -> add(upserts, table, false, row, values));
      // A case moving within a month (a closing in time moves its due day) leaves the month alone.
      CaseFacts.monthly(days)
          .forEach(
              (row, values) -> {
                if (Arrays.stream(values).anyMatch(v -> v != 0)) {
                  add(upserts, table, true, row, values);
                }
              });
    }
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              for (Map.Entry<String, List<Object[]>> statement : upserts.entrySet()) {
                try (PreparedStatement upsert = connection.prepareStatement(statement.getKey())) {
                  for (Object[] parameters : statement.getValue()) {
                    for (int i = 0; i < parameters.length; i++) {
                      upsert.setObject(i + 1, parameters[i]);
                    }
                    upsert.addBatch();
                  }
                  upsert.executeBatch();
                }
              }
            });
  }

  private static void add(
      Map<String, List<Object[]>> upserts,
      ProjectedTable table,
      boolean monthly,
      CaseFacts.Row row,
      long[] n) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(row.day());
    parameters.addAll(row.codes());
    for (int i = 0; i < table.columns().size(); i++) {
      parameters.add(i < n.length ? n[i] : 0L);
    }
    if (table.histogram()) {
      parameters.add(table.bucketsLiteral(n));
    }
    upserts
        .computeIfAbsent(table.upsert(monthly), sql -> new ArrayList<>())
        .add(parameters.toArray());
  }

  /**
   * Recomputes every table of {@link ProjectedTable} from the cases' rows, counters, histograms and
   * hotspots, per department, district and category and per street and grid: the SQL function
   * {@code metrics_rebuild} of the repeatable migration, which locks them all first so that no
   * consumer's change falls between two of them; answers the number of daily counter rows written.
   */
  public long rebuild() {
    return ((Number)
            entityManager
                .createNativeQuery("SELECT metrics_rebuild(?1)")
                .setParameter(1, zone.getId())
                .getSingleResult())
        .longValue();
  }
}
