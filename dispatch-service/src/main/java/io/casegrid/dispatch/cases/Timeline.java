package io.casegrid.dispatch.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The case's timeline: every action kept with who, when, what and why (办理过程). */
@ApplicationScoped
public class Timeline {

  /**
   * One entry as readers see it. {@code action} is an {@link Action}, or one of the entries that
   * move no state: routing's {@code DISPATCH}, a merge's, a co-handler's report, an order's answer.
   */
  public record Entry(
      OffsetDateTime at,
      String actor,
      String action,
      String departmentCode,
      CaseState from,
      CaseState to,
      String reason) {}

  private final EntityManager entityManager;

  Timeline(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * Records entries of a case in the current transaction, in one JDBC batch on {@code connection}
   * (the transaction's): the case's row must be written already, as the entries refer to it.
   */
  void record(Connection connection, UUID caseId, List<Outcome.Entry> entries) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO case_action (case_id, at, actor, action, department_code, from_state,"
                + " to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Outcome.Entry entry : entries) {
        insert.setObject(1, caseId);
        insert.setObject(2, entry.at().atOffset(ZoneOffset.UTC));
        insert.setString(3, entry.actor());
        insert.setString(4, entry.action());
        insert.setString(5, entry.departmentCode());
        insert.setString(6, entry.from() == null ? null : entry.from().name());
        insert.setString(7, entry.to().name());
        insert.setString(8, entry.reason());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @SuppressWarnings("unchecked")
  public List<Entry> of(UUID caseId, ZoneId zone) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT at, actor, action, department_code, from_state, to_state, reason FROM"
                    + " case_action WHERE case_id = ?1 ORDER BY id")
            .setParameter(1, caseId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Entry(
                    toInstant(r[0]).atZone(zone).toOffsetDateTime(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    r[4] == null ? null : CaseState.valueOf((String) r[4]),
                    CaseState.valueOf((String) r[5]),
                    (String) r[6]))
        .toList();
  }

  private static Instant toInstant(Object value) {
    return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }
}
