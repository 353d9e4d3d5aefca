package io.casegrid.supervision.tracking;

import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseResumed;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.DeadlineWarning;
import io.casegrid.events.Location;
import io.casegrid.events.RequestKind;
import io.casegrid.events.Satisfaction;
import io.casegrid.events.Urgency;
import io.casegrid.supervision.deadline.DeadlineCalculator;
import io.casegrid.supervision.deadline.DeadlineUnit;
import io.casegrid.supervision.metrics.CaseFacts;
import io.casegrid.supervision.policy.DeadlinePolicy;
import io.casegrid.supervision.policy.SupervisionRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.OptimisticLock;
import org.jboss.logging.Logger;

/**
 * A case as supervision watches it: its clock and deadlines (时限), and the facts its metrics need.
 * The service's aggregate: intake's and dispatch's events move its clock ({@link #apply}), its
 * timers warn of its deadline and declare it passed ({@link #warn}, {@link #breach}), and each
 * transition answers the events it causes, for its adapter to announce. Only its own methods change
 * it. Updates write only the columns that changed, and the timers' marks leave the version alone,
 * so a timer firing and the consumer of the case never overwrite or refuse each other's changes.
 */
@Entity
@DynamicUpdate
@Table(name = "case_deadline")
public class CaseDeadline {

  private static final Logger LOG = Logger.getLogger(CaseDeadline.class);

  // A campaign case whose policy set no warning is warned at this share of its time.
  private static final double DEFAULT_WARNING_SHARE = 0.8;

  /** When the case's timers fire, as its clock stands; null where a timer has nothing to do. */
  public record Timers(Instant warning, Instant overdue) {

    static final Timers NONE = new Timers(null, null);
  }

  @Id
  @Column(name = "case_id")
  UUID caseId;

  @Column(name = "case_number")
  String caseNumber;

  @Column(name = "category_code")
  String categoryCode;

  @Enumerated(EnumType.STRING)
  Urgency urgency;

  @Column(name = "department_code")
  String departmentCode;

  @Column(name = "district_code")
  String districtCode;

  @Column(name = "street_code")
  String streetCode;

  @Column(name = "grid_code")
  String gridCode;

  @Column(name = "reported_at")
  Instant reportedAt;

  @Column(name = "clock_started_at")
  Instant clockStartedAt;

  @Column(name = "policy_reference")
  String policyReference;

  @Column(name = "sign_due_at")
  Instant signDueAt;

  @Column(name = "make_safe_due_at")
  Instant makeSafeDueAt;

  @Column(name = "resolve_due_at")
  Instant resolveDueAt;

  @Column(name = "warning_at")
  Instant warningAt;

  /** The rectification campaign that found the defect, whose limit replaces the policy's. */
  @Column(name = "campaign_id")
  UUID campaignId;

  @Column(name = "campaign_working_days")
  Integer campaignWorkingDays;

  @Column(name = "campaign_rectify_by")
  LocalDate campaignRectifyBy;

  /** Where the case stands as supervision follows it. */
  @Enumerated(EnumType.STRING)
  CaseProgress status = CaseProgress.REPORTED;

  /** How the resolve limit is counted, to move the deadline the same way. */
  @Enumerated(EnumType.STRING)
  @Column(name = "resolve_unit")
  DeadlineUnit resolveUnit;

  @Column(name = "signed_at")
  Instant signedAt;

  @Column(name = "parked_since")
  Instant parkedSince;

  @Column(name = "resolved_at")
  Instant resolvedAt;

  @Column(name = "closed_at")
  Instant closedAt;

  /** Whether an approved extension moved the deadline (counts in the extension rate). */
  boolean extended;

  @Column(name = "rework_count")
  int reworkCount;

  /** When the warning fired (预警), if it did. */
  @Column(name = "warned_at")
  @OptimisticLock(excluded = true)
  Instant warnedAt;

  /** When the deadline passed unresolved (超期), if it did: the deadline itself. */
  @Column(name = "breached_at")
  @OptimisticLock(excluded = true)
  Instant breachedAt;

  /** When the timers found the breach: later than the breach if they ran late. */
  @Column(name = "breach_detected_at")
  @OptimisticLock(excluded = true)
  Instant breachDetectedAt;

  /** The first dispatch, whether or not a policy started a clock. */
  @Column(name = "dispatched_at")
  Instant dispatchedAt;

  /** The latest dispatch; null for cases dispatched before it was kept (their first is used). */
  @Column(name = "last_dispatched_at")
  Instant lastDispatchedAt;

  /** Dispatches, re-dispatches after returns included. */
  int dispatches;

  /** Returns as not the department's own (退单). */
  int returns;

  /** The department of each dispatch, in order. */
  @Column(name = "dispatch_departments")
  String[] dispatchDepartments = {};

  /** What became of each dispatch: a {@link CaseFacts.Return}, by name. */
  @Column(name = "dispatch_returns")
  String[] dispatchReturns = {};

  /** Reports of the work done (处理反馈), one per attempt. */
  int fixes;

  /** Whether the case was ever parked with approval (挂账). */
  boolean parked;

  /** When the hotline closed the case on the call (首接办结), if it did. */
  @Column(name = "first_contact_closed_at")
  Instant firstContactClosedAt;

  /** The latest callback after closure (回访): when, and what the citizen said. */
  @Column(name = "callback_at")
  Instant callbackAt;

  @Column(name = "callback_contacted")
  Boolean callbackContacted;

  @Column(name = "callback_resolved")
  Boolean callbackResolved;

  @Enumerated(EnumType.STRING)
  @Column(name = "callback_satisfaction")
  Satisfaction callbackSatisfaction;

  @Version long version;

  protected CaseDeadline() {
    // For JPA.
  }

  /**
   * A case supervision has not followed yet. One intake merged into another (合并) has no deadline to
   * meet: its clock never starts.
   */
  static CaseDeadline of(UUID caseId, boolean merged) {
    CaseDeadline c = new CaseDeadline();
    c.caseId = caseId;
    c.status = merged ? CaseProgress.MERGED : CaseProgress.REPORTED;
    return c;
  }

  /**
   * The case as far as its timers decide on it, read from its row without loading it as an entity
   * (a storm of deadlines takes thousands a second): its department, its deadline and the marks its
   * timers left. Only {@link #warn} and {@link #breach} may be asked of it; what they mark is
   * written back by {@link CaseDeadlines#marked}.
   */
  static CaseDeadline asItsTimersSeeIt(
      UUID caseId,
      String departmentCode,
      Instant resolveDueAt,
      Instant warnedAt,
      Instant breachedAt) {
    CaseDeadline c = new CaseDeadline();
    c.caseId = caseId;
    c.departmentCode = departmentCode;
    c.resolveDueAt = resolveDueAt;
    c.warnedAt = warnedAt;
    c.breachedAt = breachedAt;
    return c;
  }

  /**
   * Whether supervision starts following a case it does not know from this event: intake's report
   * or dispatch's dispatch, which may come in either order; the others follow them.
   */
  static boolean opensCase(CaseEvent event) {
    return event instanceof CaseReported || event instanceof CaseDispatched;
  }

  public UUID caseId() {
    return caseId;
  }

  /**
   * Applies an event of intake's or dispatch's to the case's clock and facts, with the rules in
   * force; answers the events it causes: {@link DeadlineSet} when its clock starts.
   */
  public List<CaseEvent> apply(CaseEvent event, SupervisionRules.Rules rules) {
    if (event instanceof CaseReported e) {
      return reported(e, rules.calculator());
    } else if (event instanceof CallbackRecorded e) {
      calledBack(e);
    } else if (event instanceof CaseDispatched e) {
      return dispatched(e, rules);
    } else if (event instanceof CaseSigned e) {
      signedAt = e.signedAt();
    } else if (event instanceof CaseReturned e) {
      returned(e);
    } else if (event instanceof CaseReferred) {
      // A referral to the asset's owner is no return and restarts no clock: the CaseDispatched
      // that follows moves the case to the owner, which signs for it anew against the same
      // deadlines.
      signedAt = null;
    } else if (event instanceof ApprovalDecided e) {
      decided(e);
    } else if (event instanceof CaseResumed e) {
      resumed(e, rules.calculator());
    } else if (event instanceof CaseResolved e) {
      resolvedAt = e.resolvedAt();
      fixes++;
      status = CaseProgress.RESOLVED;
    } else if (event instanceof CaseReopened e) {
      reopened(e);
    } else if (event instanceof CaseClosed e) {
      closedAt = e.closedAt();
      status = CaseProgress.CLOSED;
    }
    // Requests and co-handling reports change neither the clock nor the facts.
    return List.of();
  }

  /**
   * Intake merged the case into another about the same problem (合并): the surviving case carries the
   * work, so this one has no deadline left to meet. It still counts as received and dispatched. A
   * closed case stays as it was.
   */
  void mergedIntoAnother() {
    if (status == CaseProgress.CLOSED || status == CaseProgress.MERGED) {
      return;
    }
    status = CaseProgress.MERGED;
    resolveDueAt = null;
    warningAt = null;
  }

  /** The warning timer fell due (预警): the case is warned, once. */
  public Optional<DeadlineWarning> warn(Instant now) {
    if (warnedAt != null || resolveDueAt == null) {
      return Optional.empty();
    }
    warnedAt = now;
    return Optional.of(new DeadlineWarning(caseId, departmentCode, resolveDueAt, warnedAt));
  }

  /**
   * The overdue timer fell due (超期): the case breached its deadline, once. The breach is dated at
   * the deadline however late it is found (after an outage, say); when it was found is kept apart.
   */
  public Optional<DeadlineBreached> breach(Instant now) {
    if (breachedAt != null || resolveDueAt == null) {
      return Optional.empty();
    }
    breachedAt = resolveDueAt;
    breachDetectedAt = now;
    return Optional.of(new DeadlineBreached(caseId, departmentCode, resolveDueAt, breachedAt));
  }

  /**
   * When its timers fire: while it is in hand, at its warning and its deadline, each until it
   * fired; never while it is parked, reported handled, closed or merged.
   */
  public Timers timers() {
    if (status != CaseProgress.IN_HAND) {
      return Timers.NONE;
    }
    return new Timers(
        warnedAt == null ? warningAt : null, breachedAt == null ? resolveDueAt : null);
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

  private List<CaseEvent> reported(CaseReported e, DeadlineCalculator calculator) {
    caseNumber = e.caseNumber();
    categoryCode = e.categoryCode();
    urgency = e.urgency();
    reportedAt = e.reportedAt();
    located(e.location());
    if (e.closedAtFirstContact()) {
      // No department will handle it: the case is closed, and counts as resolved on the call.
      firstContactClosedAt = e.resolvedAtFirstContact().closedAt();
      status = CaseProgress.CLOSED;
    }
    if (e.campaign() == null || campaignId != null) {
      return List.of();
    }
    campaignId = e.campaign().campaignId();
    campaignWorkingDays = e.campaign().rectificationWorkingDays();
    campaignRectifyBy = e.campaign().rectifyBy();
    // The dispatch may have come first (another topic) and started the clock by the policy.
    if (clockStartedAt == null || calculator == null || status == CaseProgress.MERGED) {
      return List.of();
    }
    underCampaignLimit(calculator, warningShareOfPolicy());
    return List.of(deadlineSet());
  }

  // The campaign's limit replaces the policy's resolve limit; signing and making safe keep the
  // policy's, which are about the danger, not the campaign.
  private void underCampaignLimit(DeadlineCalculator calculator, double warningShare) {
    Instant byDays =
        calculator.dueAt(clockStartedAt, campaignWorkingDays, DeadlineUnit.WORKING_DAYS);
    Instant lastDay = campaignRectifyBy.plusDays(1).atStartOfDay(calculator.zone()).toInstant();
    resolveDueAt = byDays.isBefore(lastDay) ? byDays : lastDay;
    resolveUnit = DeadlineUnit.WORKING_DAYS;
    policyReference = "campaign:" + campaignId;
    warningAt = calculator.warningAt(clockStartedAt, resolveDueAt, resolveUnit, warningShare);
  }

  // The share of the time after which the policy warned, applied to the campaign's limit.
  private double warningShareOfPolicy() {
    Duration all = Duration.between(clockStartedAt, resolveDueAt);
    return warningAt == null || all.isZero() || all.isNegative()
        ? DEFAULT_WARNING_SHARE
        : (double) Duration.between(clockStartedAt, warningAt).toMillis() / all.toMillis();
  }

  // A case may be called back several times (the citizen not reached, or reached after a
  // reopening): the metrics count its latest callback.
  private void calledBack(CallbackRecorded e) {
    if (callbackAt != null && e.recordedAt().isBefore(callbackAt)) {
      return;
    }
    callbackAt = e.recordedAt();
    callbackContacted = e.contacted();
    callbackResolved = e.resolved();
    callbackSatisfaction = e.satisfaction();
  }

  // Self-contained, so it may come before the report. The clock starts at the first dispatch; a
  // dispatch after a return or a referral moves the case to its new department with its deadlines.
  private List<CaseEvent> dispatched(CaseDispatched e, SupervisionRules.Rules rules) {
    caseNumber = e.caseNumber();
    categoryCode = e.categoryCode();
    urgency = e.urgency();
    reportedAt = e.reportedAt();
    departmentCode = e.departmentCode();
    if (status == CaseProgress.REPORTED) {
      status = CaseProgress.IN_HAND;
    }
    located(e.location());
    dispatches++;
    placedWith(e.departmentCode());
    if (dispatchedAt == null) {
      dispatchedAt = e.dispatchedAt();
    }
    lastDispatchedAt = e.dispatchedAt();
    if (clockStartedAt != null || status == CaseProgress.MERGED) {
      return List.of();
    }
    Optional<DeadlinePolicy> policy = rules.policies().policyFor(categoryCode, urgency);
    if (policy.isEmpty() || rules.calculator() == null) {
      LOG.warnf(
          "no deadline policy or calendar for %s/%s: case %s has no deadline",
          categoryCode, urgency, caseNumber);
      return List.of();
    }
    return List.of(startClock(e.dispatchedAt(), policy.get(), rules.calculator()));
  }

  private DeadlineSet startClock(Instant at, DeadlinePolicy policy, DeadlineCalculator calculator) {
    clockStartedAt = at;
    policyReference = policy.reference();
    resolveUnit = policy.resolve().unit();
    signDueAt = policy.sign().dueFrom(at, calculator);
    makeSafeDueAt = policy.makeSafe() == null ? null : policy.makeSafe().dueFrom(at, calculator);
    resolveDueAt = policy.resolve().dueFrom(at, calculator);
    warningAt =
        calculator.warningAt(at, resolveDueAt, resolveUnit, policy.warningShare().doubleValue());
    if (campaignId != null) {
      underCampaignLimit(calculator, policy.warningShare().doubleValue());
    }
    return deadlineSet();
  }

  private DeadlineSet deadlineSet() {
    return new DeadlineSet(
        caseId,
        departmentCode,
        policyReference,
        clockStartedAt,
        signDueAt,
        makeSafeDueAt,
        resolveDueAt);
  }

  // A return does not move the clock: the case goes back through routing, and its next dispatch
  // follows. It counts for the department that returned it; the next dispatch tells whether it was
  // upheld (placed elsewhere) or refused (sent back).
  private void returned(CaseReturned e) {
    returns++;
    List<CaseFacts.Dispatch> history = dispatchHistory();
    int last = history.size() - 1;
    if (last < 0 || !Objects.equals(history.get(last).department(), e.departmentCode())) {
      LOG.warnf(
          "case %s returned by %s, which it was not dispatched to last",
          caseId, e.departmentCode());
      return;
    }
    history.set(last, history.get(last).returned(CaseFacts.Return.PENDING));
    dispatchHistory(history);
  }

  // A return waiting for this dispatch is upheld if the case goes to another department, refused
  // if it goes back to the one that returned it.
  private void placedWith(String department) {
    List<CaseFacts.Dispatch> history = dispatchHistory();
    int last = history.size() - 1;
    if (last >= 0 && history.get(last).returned() == CaseFacts.Return.PENDING) {
      CaseFacts.Dispatch returned = history.get(last);
      history.set(
          last,
          returned.returned(
              Objects.equals(returned.department(), department)
                  ? CaseFacts.Return.REFUSED
                  : CaseFacts.Return.UPHELD));
    }
    history.add(new CaseFacts.Dispatch(department, CaseFacts.Return.NONE));
    dispatchHistory(history);
  }

  private void decided(ApprovalDecided e) {
    if (!e.approved()) {
      return;
    }
    if (e.kind() == RequestKind.EXTENSION && e.until() != null) {
      resolveDueAt = e.until();
      extended = true;
      breachedAt = null;
      breachDetectedAt = null;
    } else if (e.kind() == RequestKind.PARKING) {
      status = CaseProgress.PARKED;
      parked = true;
      parkedSince = e.decidedAt();
    }
  }

  // The time that was left when the case was parked is given back, counted as the limit is.
  private void resumed(CaseResumed e, DeadlineCalculator calculator) {
    if (parkedSince == null || resolveDueAt == null || resolveUnit == null) {
      return;
    }
    resolveDueAt = calculator.resumed(resolveDueAt, parkedSince, e.resumedAt(), resolveUnit);
    if (warningAt != null) {
      warningAt = calculator.resumed(warningAt, parkedSince, e.resumedAt(), resolveUnit);
    }
    parkedSince = null;
    status = CaseProgress.IN_HAND;
  }

  private void reopened(CaseReopened e) {
    // The deadline stays: rework counts against the time the case was given. A case reopened after
    // closure (a dissatisfied callback) is not closed until it closes again, and that closing
    // decides whether it closed on time.
    resolvedAt = null;
    closedAt = null;
    reworkCount = e.reworkCount();
    status = CaseProgress.IN_HAND;
  }

  private void located(Location location) {
    if (location != null) {
      districtCode = location.districtCode();
      streetCode = location.streetCode();
      gridCode = location.gridCode();
    }
  }

  private List<CaseFacts.Dispatch> dispatchHistory() {
    List<CaseFacts.Dispatch> history = new ArrayList<>(dispatchDepartments.length);
    for (int i = 0; i < dispatchDepartments.length; i++) {
      history.add(
          new CaseFacts.Dispatch(
              dispatchDepartments[i], CaseFacts.Return.valueOf(dispatchReturns[i])));
    }
    return history;
  }

  private void dispatchHistory(List<CaseFacts.Dispatch> history) {
    dispatchDepartments =
        history.stream().map(CaseFacts.Dispatch::department).toArray(String[]::new);
    dispatchReturns = history.stream().map(d -> d.returned().name()).toArray(String[]::new);
  }
}
