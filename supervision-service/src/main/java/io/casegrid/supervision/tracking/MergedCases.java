package io.casegrid.supervision.tracking;

import io.casegrid.events.CaseMerged;
import io.casegrid.supervision.metrics.CaseFacts;
import io.casegrid.supervision.metrics.MetricsProjection;
import io.casegrid.supervision.timer.DeadlineTimers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * Follows intake's merges of duplicate reports (合并): a merged case no longer has a deadline to meet
 * — the surviving case carries the work — so its timers stop and its resolve deadline is withdrawn:
 * it is never due to close nor overdue, and still counts as received and dispatched. A merge read
 * before the merged case's own events (they come on other partitions and topics) is remembered, and
 * the case's clock then never starts.
 */
@ApplicationScoped
public class MergedCases {

  private final EntityManager entityManager;
  private final DeadlineTimers timers;
  private final MetricsProjection metrics;

  MergedCases(EntityManager entityManager, DeadlineTimers timers, MetricsProjection metrics) {
    this.entityManager = entityManager;
    this.timers = timers;
    this.metrics = metrics;
  }

  /** Applies a merge, in the transaction that records the event as processed. */
  void merged(CaseMerged merge) {
    if (merge.mergedCaseId() == null) {
      return; // Another reporter joined a case: its clock does not change.
    }
    entityManager
        .createNativeQuery(
            "INSERT INTO case_merge (case_id, surviving_case_id, merged_at) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, merge.mergedCaseId())
        .setParameter(2, merge.caseId())
        .setParameter(3, merge.mergedAt())
        .executeUpdate();
    CaseDeadline c = entityManager.find(CaseDeadline.class, merge.mergedCaseId());
    if (c == null || c.status == CaseProgress.CLOSED || c.status == CaseProgress.MERGED) {
      return;
    }
    CaseFacts before = c.facts();
    c.status = CaseProgress.MERGED;
    c.resolveDueAt = null;
    c.warningAt = null;
    timers.cancel(c.caseId);
    metrics.changed(before, c.facts());
  }

  /** Whether intake merged the case into another. */
  boolean wasMerged(UUID caseId) {
    return !entityManager
        .createNativeQuery("SELECT 1 FROM case_merge WHERE case_id = ?1")
        .setParameter(1, caseId)
        .getResultList()
        .isEmpty();
  }
}
