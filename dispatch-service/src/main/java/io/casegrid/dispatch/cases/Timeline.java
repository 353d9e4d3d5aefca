package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.reference.ReferenceNames;
import io.casegrid.dispatch.routing.RuleReference;
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
import java.util.Map;
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
      String reason,
      ReferenceNames.Name department,
      Routed routed) {}

  /**
   * How routing placed the case (on a {@code DISPATCH} entry, whose reason is the rule reference),
   * with names, so that a reader is told which rule, for which category, sent the case where: the
   * kind of placement, the rule's category, its district (null: the whole city) and the moment it
   * took effect (null: always), the street or community whose territorial office took the case, the
   * department the reference names, or the dispatcher.
   */
  public record Routed(
      RuleReference.Kind kind,
      ReferenceNames.Name category,
      ReferenceNames.Name district,
      Instant effectiveFrom,
      ReferenceNames.Name area,
      ReferenceNames.Name department,
      String dispatcher) {}

  private final EntityManager entityManager;
  private final ReferenceNames names;

  Timeline(EntityManager entityManager, ReferenceNames names) {
    this.entityManager = entityManager;
    this.names = names;
  }

  /**
   * Records entries of a case in the current transaction, in one JDBC batch on {@code connection}
   * (the transaction's): the case's row must be written already, as the entries refer to it.
   */
  void record(Connection connection, UUID caseId, List<Outcome.Entry> entries) throws SQLException {
    record(connection, Map.of(caseId, entries));
  }

  /** As {@link #record(Connection, UUID, List)}, for the entries of several cases, in one batch. */
  void record(Connection connection, Map<UUID, List<Outcome.Entry>> entriesByCase)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO case_action (case_id, at, actor, action, department_code, from_state,"
                + " to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<UUID, List<Outcome.Entry>> ofCase : entriesByCase.entrySet()) {
        for (Outcome.Entry entry : ofCase.getValue()) {
          insert.setObject(1, ofCase.getKey());
          insert.setObject(2, entry.at().atOffset(ZoneOffset.UTC));
          insert.setString(3, entry.actor());
          insert.setString(4, entry.action());
          insert.setString(5, entry.departmentCode());
          insert.setString(6, entry.from() == null ? null : entry.from().name());
          insert.setString(7, entry.to().name());
          insert.setString(8, entry.reason());
          insert.addBatch();
        }
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
                    (String) r[6],
                    names.department((String) r[3]),
                    DispatchCase.DISPATCH.equals(r[2]) ? routed((String) r[6]) : null))
        .toList();
  }

  private Routed routed(String reference) {
    return RuleReference.parse(reference)
        .map(
            r ->
                new Routed(
                    r.kind(),
                    names.category(r.categoryCode()),
                    names.area(r.districtCode()),
                    r.effectiveFrom(),
                    names.area(r.areaCode()),
                    names.department(r.departmentCode()),
                    r.dispatcher()))
        .orElse(null);
  }

  private static Instant toInstant(Object value) {
    return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }
}
