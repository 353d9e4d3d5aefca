package io.casegrid.supervision.tracking;

import io.casegrid.events.Satisfaction;
import io.casegrid.events.Urgency;
import io.casegrid.supervision.deadline.DeadlineUnit;
import io.casegrid.supervision.metrics.CaseFacts;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A case as supervision watches it: its clock and deadlines (时限). Updates write only the columns
 * that changed, so the timers' marks (warned, breached) are never overwritten.
 */
@Entity
@DynamicUpdate
@Table(name = "case_deadline")
public class CaseDeadline extends PanacheEntityBase {

  @Id
  @Column(name = "case_id")
  public UUID caseId;

  @Column(name = "case_number")
  public String caseNumber;

  @Column(name = "category_code")
  public String categoryCode;

  @Enumerated(EnumType.STRING)
  public Urgency urgency;

  @Column(name = "department_code")
  public String departmentCode;

  @Column(name = "district_code")
  public String districtCode;

  @Column(name = "grid_code")
  public String gridCode;

  @Column(name = "reported_at")
  public Instant reportedAt;

  @Column(name = "clock_started_at")
  public Instant clockStartedAt;

  @Column(name = "policy_reference")
  public String policyReference;

  @Column(name = "sign_due_at")
  public Instant signDueAt;

  @Column(name = "make_safe_due_at")
  public Instant makeSafeDueAt;

  @Column(name = "resolve_due_at")
  public Instant resolveDueAt;

  @Column(name = "warning_at")
  public Instant warningAt;

  /** Where the case stands as supervision follows it. */
  @Enumerated(EnumType.STRING)
  public CaseProgress status = CaseProgress.REPORTED;

  /** How the resolve limit is counted, to move the deadline the same way. */
  @Enumerated(EnumType.STRING)
  @Column(name = "resolve_unit")
  public DeadlineUnit resolveUnit;

  @Column(name = "signed_at")
  public Instant signedAt;

  @Column(name = "parked_since")
  public Instant parkedSince;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  @Column(name = "closed_at")
  public Instant closedAt;

  /** Whether an approved extension moved the deadline (counts in the extension rate). */
  public boolean extended;

  @Column(name = "rework_count")
  public int reworkCount;

  /** When the warning fired (预警), if it did. */
  @Column(name = "warned_at")
  public Instant warnedAt;

  /** When the deadline passed unresolved (超期), if it did: the deadline itself. */
  @Column(name = "breached_at")
  public Instant breachedAt;

  /** When the timers found the breach: later than the breach if they ran late. */
  @Column(name = "breach_detected_at")
  public Instant breachDetectedAt;

  @Column(name = "street_code")
  public String streetCode;

  /** The first dispatch, whether or not a policy started a clock. */
  @Column(name = "dispatched_at")
  public Instant dispatchedAt;

  /** Dispatches, re-dispatches after returns included. */
  public int dispatches;

  /** Returns as not the department's own (退单). */
  public int returns;

  /** The department of each dispatch, in order. */
  @Column(name = "dispatch_departments")
  public String[] dispatchDepartments = {};

  /** What became of each dispatch: a {@link CaseFacts.Return}, by name. */
  @Column(name = "dispatch_returns")
  public String[] dispatchReturns = {};

  /** Reports of the work done (处理反馈), one per attempt. */
  public int fixes;

  /** Whether the case was ever parked with approval (挂账). */
  public boolean parked;

  /** The latest dispatch; null for cases dispatched before it was kept (their first is used). */
  @Column(name = "last_dispatched_at")
  public Instant lastDispatchedAt;

  /** When the hotline closed the case on the call (首接办结), if it did. */
  @Column(name = "first_contact_closed_at")
  public Instant firstContactClosedAt;

  /** The latest callback after closure (回访): when, and what the citizen said. */
  @Column(name = "callback_at")
  public Instant callbackAt;

  @Column(name = "callback_contacted")
  public Boolean callbackContacted;

  @Column(name = "callback_resolved")
  public Boolean callbackResolved;

  @Enumerated(EnumType.STRING)
  @Column(name = "callback_satisfaction")
  public Satisfaction callbackSatisfaction;

  @Version public long version;

  /** The case's dispatches, in order, with what became of each. */
  public List<CaseFacts.Dispatch> dispatchHistory() {
    List<CaseFacts.Dispatch> history = new ArrayList<>(dispatchDepartments.length);
    for (int i = 0; i < dispatchDepartments.length; i++) {
      history.add(
          new CaseFacts.Dispatch(
              dispatchDepartments[i], CaseFacts.Return.valueOf(dispatchReturns[i])));
    }
    return history;
  }

  /** Keeps the case's dispatches, with what became of each. */
  public void dispatchHistory(List<CaseFacts.Dispatch> history) {
    dispatchDepartments =
        history.stream().map(CaseFacts.Dispatch::department).toArray(String[]::new);
    dispatchReturns = history.stream().map(d -> d.returned().name()).toArray(String[]::new);
  }

  /** What the metrics need of this case, as it is now. */
  public CaseFacts facts() {
    return new CaseFacts(
        departmentCode,
        districtCode,
        streetCode,
        gridCode,
        categoryCode,
        reportedAt,
        firstContactClosedAt != null,
        dispatchedAt,
        lastDispatchedAt,
        dispatchHistory(),
        extended,
        parked,
        fixes,
        reworkCount,
        signedAt,
        signDueAt,
        resolveDueAt,
        closedAt,
        callbackAt == null
            ? null
            : new CaseFacts.Callback(
                callbackAt,
                Boolean.TRUE.equals(callbackContacted),
                callbackResolved,
                callbackSatisfaction));
  }
}
