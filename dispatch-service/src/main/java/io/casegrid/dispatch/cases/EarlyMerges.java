package io.casegrid.dispatch.cases;

import io.casegrid.events.CaseMerged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
   * The merges of those of the cases that were read before their reports, by case: one statement
   * for a consumer batch's reports. Plain JDBC: a native query would first flush the session;
   * merges are written by statements only, so a flush could not change what this reads.
   */
  public Map<UUID, Merge> of(Collection<UUID> caseIds) {
    if (caseIds.isEmpty()) {
      return new HashMap<>();
    }
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT case_id, surviving_case_number, merged_by, merged_at FROM case_merge"
                          + " WHERE case_id = ANY(?)")) {
                select.setArray(1, connection.createArrayOf("uuid", caseIds.toArray()));
                Map<UUID, Merge> merges = new HashMap<>();
                try (ResultSet row = select.executeQuery()) {
                  while (row.next()) {
                    merges.put(
                        row.getObject(1, UUID.class),
                        new Merge(
                            row.getString(2),
                            row.getString(3),
                            row.getObject(4, OffsetDateTime.class).toInstant()));
                  }
                }
                return merges;
              }
            });
  }

  /** The merge {@link #remember} keeps for the merged case. */
  public static Merge of(CaseMerged merge) {
    return new Merge(merge.caseNumber(), merge.actor(), merge.mergedAt());
  }
}
