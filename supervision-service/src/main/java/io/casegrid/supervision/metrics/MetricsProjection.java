package io.casegrid.supervision.metrics;

import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * Keeps the projection's tables ({@link ProjectedTable}: counters, duration histograms, hotspots,
 * and the counters and histograms per street and grid) in step with the cases: each change of a
 * case's facts adds the difference of its contributions, as upserts that add to the rows, inside
 * the consumer's transaction (where the event's id is recorded as processed), so a row moves
 * exactly once per event.
 *
 * <p>A transaction's changes are summed per row and written once, by {@link #write}, before it
 * commits: written per event, a batch locked its rows in the order of its events, and two
 * consumers' batches (intake's and dispatch's topics, or two instances) waited on each other in a
 * cycle until one was aborted; written together, every transaction locks its rows in one order.
 */
@ApplicationScoped
public class MetricsProjection {

  // The transaction's resource holding its changes not yet written.
  private static final Object PENDING = new Object();

  private final EntityManager entityManager;
  private final TransactionSynchronizationRegistry transactions;
  private final ZoneId zone;

  MetricsProjection(
      EntityManager entityManager,
      TransactionSynchronizationRegistry transactions,
      CityConfig city) {
    this.entityManager = entityManager;
    this.transactions = transactions;
    this.zone = city.zone();
  }

  /**
   * The case went from {@code before} to {@code after}; either is null for no case. The change is
   * written by {@link #write}, which the transaction must call before it commits.
   */
  public void changed(CaseFacts before, CaseFacts after) {
    if (before == null && after == null || before != null && before.equals(after)) {
      return;
    }
    Pending pending = pending();
    for (ProjectedTable table : ProjectedTable.values()) {
      Map<CaseFacts.Row, long[]> days = CaseFacts.delta(table, before, after, zone);
      days.forEach((row, values) -> CaseFacts.add(pending.rows(table, false), row, values, 1));
      CaseFacts.monthly(days)
          .forEach((row, values) -> CaseFacts.add(pending.rows(table, true), row, values, 1));
    }
  }

  /**
   * Writes the transaction's changes: the cases' own rows first (Hibernate's flush), then the
   * tables in one order, as the rebuild locks them, and the rows of each sorted.
   */
  public void write() {
    Pending pending = (Pending) transactions.getResource(PENDING);
    if (pending == null || pending.isEmpty()) {
      return;
    }
    entityManager.flush();
    // One JDBC batch per statement, in one round trip each: as native queries, every upsert made
    // Hibernate flush and dirty-check first.
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              for (Map.Entry<Target, Map<CaseFacts.Row, long[]>> rows : pending.rows.entrySet()) {
                if (!rows.getValue().isEmpty()) {
                  upsert(connection, rows.getKey(), rows.getValue());
                }
              }
            });
    pending.clear();
  }

  private Pending pending() {
    Pending pending = (Pending) transactions.getResource(PENDING);
    if (pending == null) {
      pending = new Pending();
      transactions.putResource(PENDING, pending);
      transactions.registerInterposedSynchronization(pending);
    }
    return pending;
  }

  private static void upsert(Connection connection, Target target, Map<CaseFacts.Row, long[]> rows)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(target.table().upsert(target.monthly()))) {
      for (Map.Entry<CaseFacts.Row, long[]> row : rows.entrySet()) {
        // Changes that cancel out: a case moving within a month (a closing in time moves its due
        // day) leaves the month alone.
        if (Arrays.stream(row.getValue()).anyMatch(v -> v != 0)) {
          Object[] parameters = parameters(target.table(), row.getKey(), row.getValue());
          for (int i = 0; i < parameters.length; i++) {
            upsert.setObject(i + 1, parameters[i]);
          }
          upsert.addBatch();
        }
      }
      upsert.executeBatch();
    }
  }

  private static Object[] parameters(ProjectedTable table, CaseFacts.Row row, long[] n) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(row.day());
    parameters.addAll(row.codes());
    for (int i = 0; i < table.columns().size(); i++) {
      parameters.add(i < n.length ? n[i] : 0L);
    }
    if (table.histogram()) {
      parameters.add(table.bucketsLiteral(n));
    }
    return parameters.toArray();
  }

  /** One of the projection's tables, daily or monthly: one upsert. */
  private record Target(ProjectedTable table, boolean monthly) {}

  /**
   * A transaction's changes not yet written, summed per table and row; the tables in their order,
   * the rows of each sorted. Its transaction cannot commit while any are left: a change never
   * written would be lost without a word.
   */
  private static final class Pending implements Synchronization {

    private final Map<Target, Map<CaseFacts.Row, long[]>> rows = new LinkedHashMap<>();

    Pending() {
      for (ProjectedTable table : ProjectedTable.values()) {
        rows.put(new Target(table, false), new TreeMap<>());
        rows.put(new Target(table, true), new TreeMap<>());
      }
    }

    Map<CaseFacts.Row, long[]> rows(ProjectedTable table, boolean monthly) {
      return rows.get(new Target(table, monthly));
    }

    boolean isEmpty() {
      return rows.values().stream().allMatch(Map::isEmpty);
    }

    void clear() {
      rows.values().forEach(Map::clear);
    }

    @Override
    public void beforeCompletion() {
      if (!isEmpty()) {
        throw new IllegalStateException(
            "metric changes were never written: MetricsProjection.write() was not called");
      }
    }

    @Override
    public void afterCompletion(int status) {}
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
