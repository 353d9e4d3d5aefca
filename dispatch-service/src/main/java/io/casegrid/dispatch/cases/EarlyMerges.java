package io.casegrid.dispatch.cases;

import io.casegrid.events.CaseMerged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Intake's merges (合并), kept for a merged case whose report dispatch has not read yet: the merge
 * and the report may lie on different partitions, and the report must then not be routed.
 */
@ApplicationScoped
public class EarlyMerges {

  /** A merge kept for the merged case's report. */
  public record Merge(String survivingCaseNumber, String mergedBy, Instant mergedAt) {}

  private final EntityManager entityManager;

  EarlyMerges(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Keeps the merge of {@code merge.mergedCaseId()}, once. */
  public void remember(CaseMerged merge) {
    entityManager
        .createNativeQuery(
            "INSERT INTO case_merge (case_id, surviving_case_id, surviving_case_number,"
                + " merged_by, merged_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
        .setParameter(1, merge.mergedCaseId())
        .setParameter(2, merge.caseId())
        .setParameter(3, merge.caseNumber())
        .setParameter(4, merge.actor())
        .setParameter(5, merge.mergedAt())
        .executeUpdate();
  }

  /**
   * The merge of a case read before its report, if there was one. Plain JDBC: a native query would
   * first flush the session, dirty-checking every case the batch had routed; merges are written by
   * statements only, so the flush could not change what this reads.
   */
  public Optional<Merge> of(UUID caseId) {
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT surviving_case_number, merged_by, merged_at FROM case_merge WHERE"
                          + " case_id = ?")) {
                select.setObject(1, caseId);
                try (ResultSet row = select.executeQuery()) {
                  return row.next()
                      ? Optional.of(
                          new Merge(
                              row.getString(1),
                              row.getString(2),
                              row.getObject(3, OffsetDateTime.class).toInstant()))
                      : Optional.<Merge>empty();
                }
              }
            });
  }
}
