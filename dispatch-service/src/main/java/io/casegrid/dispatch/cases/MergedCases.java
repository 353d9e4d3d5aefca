package io.casegrid.dispatch.cases;

import io.casegrid.events.CaseMerged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Follows intake's merges of duplicate reports (合并): a merged case leaves its department's queue
 * (state MERGED, a timeline entry, its pending requests withdrawn and its co-handling cancelled),
 * and the surviving case's timeline says that more people reported it. Intake decided the merge;
 * dispatch announces nothing, and supervision stops the merged case's clock from the same event.
 */
@ApplicationScoped
public class MergedCases {

  /** The timeline's action for a case closed as merged into another. */
  static final String MERGE = "MERGE";

  /** The timeline's action for a case that another report joined. */
  static final String DUPLICATE_JOINED = "DUPLICATE_JOINED";

  private static final Logger LOG = Logger.getLogger(MergedCases.class);

  private final EntityManager entityManager;
  private final Timeline timeline;
  private final CoHandling coHandling;

  MergedCases(EntityManager entityManager, Timeline timeline, CoHandling coHandling) {
    this.entityManager = entityManager;
    this.timeline = timeline;
    this.coHandling = coHandling;
  }

  /** Applies a merge; called by the consumer of intake's topic, once per event. */
  public void merged(CaseMerged merge) {
    if (merge.mergedCaseId() != null) {
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
      DispatchCase merged = entityManager.find(DispatchCase.class, merge.mergedCaseId());
      if (merged != null) {
        close(merged, merge);
      }
    }
    DispatchCase surviving = entityManager.find(DispatchCase.class, merge.caseId());
    if (surviving != null) {
      timeline.record(
          surviving.caseId,
          merge.mergedAt(),
          merge.actor(),
          DUPLICATE_JOINED,
          surviving.departmentCode,
          surviving.state,
          surviving.state,
          (merge.mergedCaseId() == null
                  ? "another reporter joined the case"
                  : "case " + merge.mergedCaseNumber() + " was merged into it")
              + "; reporters now: "
              + merge.reporterCount());
    }
  }

  /**
   * Keeps a case out of the queues if intake merged it before dispatch read its report: it is kept
   * as MERGED, unrouted. Returns whether it was.
   */
  public boolean keptOut(DispatchCase reported) {
    @SuppressWarnings("unchecked")
    List<Object[]> merge =
        entityManager
            .createNativeQuery(
                "SELECT surviving_case_number, merged_by, merged_at FROM case_merge WHERE"
                    + " case_id = ?1")
            .setParameter(1, reported.caseId)
            .getResultList();
    if (merge.isEmpty()) {
      return false;
    }
    reported.state = CaseState.MERGED;
    entityManager.persist(reported);
    Object at = merge.get(0)[2];
    timeline.record(
        reported.caseId,
        at instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) at,
        (String) merge.get(0)[1],
        MERGE,
        null,
        null,
        CaseState.MERGED,
        "merged into case " + merge.get(0)[0] + " before it was routed");
    return true;
  }

  private void close(DispatchCase c, CaseMerged merge) {
    if (c.state == CaseState.CLOSED || c.state == CaseState.MERGED) {
      LOG.infof("case %s merged into %s is %s: left as it is", c.caseId, merge.caseId(), c.state);
      return;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    CaseState from = c.state;
    c.state = CaseState.MERGED;
    timeline.record(
        c.caseId,
        merge.mergedAt(),
        merge.actor(),
        MERGE,
        c.departmentCode,
        from,
        CaseState.MERGED,
        "merged into case " + merge.caseNumber());
    withdrawPendingRequests(c.caseId, now);
    coHandling.cancelOpen(c.caseId, now);
  }

  private void withdrawPendingRequests(UUID caseId, Instant now) {
    entityManager
        .createQuery(
            "UPDATE ApprovalRequest r SET r.status = :withdrawn, r.decidedAt = :now WHERE"
                + " r.caseId = :c AND r.status = :pending")
        .setParameter("withdrawn", ApprovalRequest.Status.WITHDRAWN)
        .setParameter("now", now)
        .setParameter("c", caseId)
        .setParameter("pending", ApprovalRequest.Status.PENDING)
        .executeUpdate();
  }
}
