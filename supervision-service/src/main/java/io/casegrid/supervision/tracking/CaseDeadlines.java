package io.casegrid.supervision.tracking;

import io.casegrid.events.CaseMerged;
import io.casegrid.kit.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Where the cases supervision follows are kept: their rows ({@code case_deadline}), the merges that
 * came before a merged case's own events ({@code case_merge}), and their durable timers ({@code
 * deadline_timer}), one row per timer that is to fire.
 */
@ApplicationScoped
public class CaseDeadlines {

  /** The two timers of a case. */
  enum Kind {
    WARNING,
    OVERDUE
  }

  /** Timers were set or moved: the poller may have something due sooner than it thought. */
  public record TimersMoved() {}

  /** A case whose warning, overdue timer or both fell due; the case is locked until commit. */
  public record Due(CaseDeadline deadline, boolean warning, boolean overdue, Instant fireAt) {}

  private final EntityManager entityManager;
  private final Event<TimersMoved> timersMoved;

  CaseDeadlines(EntityManager entityManager, Event<TimersMoved> timersMoved) {
    this.entityManager = entityManager;
    this.timersMoved = timersMoved;
  }

  public Optional<CaseDeadline> find(UUID caseId) {
    return Optional.ofNullable(entityManager.find(CaseDeadline.class, caseId));
  }

  /**
   * The cases of a consumer's batch that supervision follows, by id, in one statement (the batch's
   * events then find them in the session rather than a statement each).
   */
  Map<UUID, CaseDeadline> findAll(Collection<UUID> caseIds) {
    Map<UUID, CaseDeadline> found = new HashMap<>();
    if (!caseIds.isEmpty()) {
      entityManager
          .createQuery("FROM CaseDeadline c WHERE c.caseId IN :ids", CaseDeadline.class)
          .setParameter("ids", caseIds)
          .getResultList()
          .forEach(c -> found.put(c.caseId(), c));
    }
    return found;
  }

  /** A case not followed yet, not stored until {@link #save}d. */
  CaseDeadline open(UUID caseId, boolean merged) {
    return CaseDeadline.of(caseId, merged);
  }

  /**
   * Stores the case if it is new, and its timers if the transition moved them from {@code before}:
   * a timer row per timer that is to fire.
   */
  void save(CaseDeadline c, CaseDeadline.Timers before) {
    boolean created = !entityManager.contains(c);
    if (created) {
      entityManager.persist(c);
    }
    CaseDeadline.Timers timers = c.timers();
    if (timers.equals(before)) {
      return;
    }
    if (created) {
      entityManager.flush(); // The timers refer to the case's row.
    }
    entityManager.unwrap(Session.class).doWork(connection -> replaceTimers(connection, c, timers));
    timersMoved.fire(new TimersMoved());
  }

  // Plain JDBC, the inserts in one batch: as native queries (7 % of supervision's samples while
  // following lifecycles), each statement was a round trip and made Hibernate flush and dirty-check
  // the consumer's batch first. Timers are written by statements only, never held as entities, so
  // the flush could not change what these statements touch.
  private static void replaceTimers(
      Connection connection, CaseDeadline c, CaseDeadline.Timers timers) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM deadline_timer WHERE case_id = ?")) {
      delete.setObject(1, c.caseId());
      delete.executeUpdate();
    }
    Map<Kind, Instant> due = new EnumMap<>(Kind.class);
    if (timers.warning() != null) {
      due.put(Kind.WARNING, timers.warning());
    }
    if (timers.overdue() != null) {
      due.put(Kind.OVERDUE, timers.overdue());
    }
    if (due.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO deadline_timer (case_id, kind, fire_at) VALUES (?, ?, ?)")) {
      for (Map.Entry<Kind, Instant> timer : due.entrySet()) {
        insert.setObject(1, c.caseId());
        insert.setString(2, timer.getKey().name());
        insert.setObject(3, timer.getValue().atOffset(ZoneOffset.UTC));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Keeps a merge of intake's (合并), so that a merge read before the merged case's own events (they
   * come on other partitions and topics) still keeps its clock from starting when they arrive.
   */
  void recordMerge(CaseMerged merge) {
    entityManager
        .createNativeQuery(
            "INSERT INTO case_merge (case_id, surviving_case_id, merged_at) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, merge.mergedCaseId())
        .setParameter(2, merge.caseId())
        .setParameter(3, merge.mergedAt())
        .executeUpdate();
  }

  /**
   * Those of the cases that intake merged into another before supervision followed them (see {@link
   * #recordMerge}), in one statement for a consumer's batch. Plain JDBC: a native query would first
   * flush the session, dirty-checking every case the batch had loaded (a quarter of supervision's
   * CPU while following lifecycles). Merges are written by statements, never held as entities, so
   * the flush could not change what this reads.
   */
  Set<UUID> mergedAmong(Collection<UUID> caseIds) {
    if (caseIds.isEmpty()) {
      return new HashSet<>();
    }
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement merged =
                  connection.prepareStatement(
                      "SELECT case_id FROM case_merge WHERE case_id = ANY(?)")) {
                merged.setArray(1, connection.createArrayOf("uuid", caseIds.toArray()));
                Set<UUID> ids = new HashSet<>();
                try (ResultSet rows = merged.executeQuery()) {
                  while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                  }
                }
                return ids;
              }
            });
  }

  /**
   * Takes the timers due at {@code now}, at most {@code batchSize}, and the cases they belong to,
   * locked until commit in the order of their ids (so that workers firing side by side never wait
   * on each other in a cycle); the timers' rows are gone once the transaction commits. Timers taken
   * by another worker or instance are passed over. Each case is read as its timers see it ({@link
   * CaseDeadline#asItsTimersSeeIt}); write what they mark with {@link #marked}.
   */
  public List<Due> takeDue(Instant now, int batchSize) {
    // Plain JDBC: loading a thousand cases as entities, for Hibernate to hydrate and dirty-check
    // every column of each at the flush, cost more than the statements.
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(connection -> takeDue(connection, now, batchSize));
  }

  private static List<Due> takeDue(Connection connection, Instant now, int batchSize)
      throws SQLException {
    Map<UUID, List<Kind>> kinds = new LinkedHashMap<>();
    // When the case's earliest timer of the batch was due, to tell how late it fired.
    Map<UUID, Instant> fireAt = new HashMap<>();
    try (PreparedStatement take =
        connection.prepareStatement(
            """
            DELETE FROM deadline_timer WHERE ctid IN (
              SELECT ctid FROM deadline_timer WHERE fire_at <= ?
              ORDER BY fire_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING case_id, kind, fire_at
            """)) {
      take.setObject(1, now.atOffset(ZoneOffset.UTC));
      take.setInt(2, batchSize);
      try (ResultSet taken = take.executeQuery()) {
        while (taken.next()) {
          UUID caseId = taken.getObject(1, UUID.class);
          kinds
              .computeIfAbsent(caseId, id -> new ArrayList<>())
              .add(Kind.valueOf(taken.getString(2)));
          fireAt.merge(caseId, instant(taken, 3), (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    if (kinds.isEmpty()) {
      return List.of();
    }
    List<Due> due = new ArrayList<>(kinds.size());
    try (PreparedStatement lock =
        connection.prepareStatement(
            "SELECT case_id, department_code, resolve_due_at, warned_at, breached_at"
                + " FROM case_deadline WHERE case_id = ANY(?) ORDER BY case_id FOR UPDATE")) {
      lock.setArray(1, connection.createArrayOf("uuid", kinds.keySet().toArray()));
      try (ResultSet cases = lock.executeQuery()) {
        while (cases.next()) {
          CaseDeadline c =
              CaseDeadline.asItsTimersSeeIt(
                  cases.getObject(1, UUID.class),
                  cases.getString(2),
                  instant(cases, 3),
                  instant(cases, 4),
                  instant(cases, 5));
          List<Kind> fell = kinds.get(c.caseId());
          due.add(
              new Due(
                  c,
                  fell.contains(Kind.WARNING),
                  fell.contains(Kind.OVERDUE),
                  fireAt.get(c.caseId())));
        }
      }
    }
    return due;
  }

  /**
   * Writes what the timers marked on the cases {@link #takeDue} took (warned, breached, when the
   * breach was found), in one statement. Like the entity's updates of these marks, it leaves the
   * version alone: the case's consumer and its timers never refuse each other's changes.
   */
  public void marked(List<CaseDeadline> cases) {
    if (!cases.isEmpty()) {
      entityManager.unwrap(Session.class).doWork(connection -> writeMarks(connection, cases));
    }
  }

  private static void writeMarks(Connection connection, List<CaseDeadline> cases)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            """
            UPDATE case_deadline c SET warned_at = m.warned_at,
              breached_at = m.breached_at, breach_detected_at = m.breach_detected_at
            FROM unnest(?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])
              AS m (case_id, warned_at, breached_at, breach_detected_at)
            WHERE c.case_id = m.case_id
            """)) {
      update.setArray(1, SqlArrays.of(connection, "uuid", cases, CaseDeadline::caseId));
      update.setArray(2, SqlArrays.instants(connection, cases, c -> c.warnedAt));
      update.setArray(3, SqlArrays.instants(connection, cases, c -> c.breachedAt));
      update.setArray(4, SqlArrays.instants(connection, cases, c -> c.breachDetectedAt));
      update.executeUpdate();
    }
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
