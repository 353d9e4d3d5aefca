package io.casegrid.dispatch.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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

  /** Records an entry in the current transaction. */
  public void record(UUID caseId, Outcome.Entry entry) {
    entityManager
        .createNativeQuery(
            "INSERT INTO case_action (case_id, at, actor, action, department_code, from_state,"
                + " to_state, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .setParameter(1, caseId)
        .setParameter(2, entry.at())
        .setParameter(3, entry.actor())
        .setParameter(4, entry.action())
        .setParameter(5, entry.departmentCode())
        .setParameter(6, entry.from() == null ? null : entry.from().name())
        .setParameter(7, entry.to().name())
        .setParameter(8, entry.reason())
        .executeUpdate();
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
