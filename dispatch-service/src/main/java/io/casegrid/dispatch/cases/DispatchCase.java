package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.routing.Router;
import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.ApprovalRequested;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseResumed;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.Channel;
import io.casegrid.events.CoHandlingReported;
import io.casegrid.events.Location;
import io.casegrid.events.RequestKind;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.events.Urgency;
import io.casegrid.kit.domain.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A case as dispatch keeps it (派遣中的案件): where it went, why, and its state in the department's
 * queue. It owns its moves: each asks {@link Workflow} whether the move is legal, refuses with a
 * {@link DomainException} and unchanged if not, else changes the case and returns the {@link
 * Outcome} (timeline entries and events) for its adapter to keep and announce.
 *
 * <p>Updates write only the columns that changed, so the deadlines that supervision sets in the
 * background are never overwritten by a command that read the case before they arrived.
 */
@Entity
@DynamicUpdate
@Table(name = "dispatch_case")
public class DispatchCase {

  /** The actor of routing's own moves in the timeline. */
  static final String ROUTING = "routing";

  /** The timeline's action for routing a case just reported. */
  static final String DISPATCH = "DISPATCH";

  /** The timeline's action for a case closed as merged into another (合并). */
  static final String MERGE = "MERGE";

  /** The timeline's action for a case that another report joined. */
  static final String DUPLICATE_JOINED = "DUPLICATE_JOINED";

  static final String ANSWER_SUPERVISION_ORDER = "ANSWER_SUPERVISION_ORDER";
  static final String CO_HANDLING_REPORT = "CO_HANDLING_REPORT";

  @Id
  @Column(name = "case_id")
  private UUID caseId;

  @Column(name = "case_number")
  private String caseNumber;

  @Column(name = "category_code")
  private String categoryCode;

  @Enumerated(EnumType.STRING)
  private Urgency urgency;

  private String description;

  @Column(name = "district_code")
  private String districtCode;

  @Column(name = "street_code")
  private String streetCode;

  @Column(name = "community_code")
  private String communityCode;

  @Column(name = "grid_code")
  private String gridCode;

  @Column(name = "asset_code")
  private String assetCode;

  @Column(name = "asset_owner_code")
  private String assetOwnerCode;

  @Column(name = "department_code")
  private String departmentCode;

  @Enumerated(EnumType.STRING)
  private Channel channel;

  /** Who verifies the repair: the hotline (citizens' cases) or the grid's inspector. */
  @Enumerated(EnumType.STRING)
  private Verifier verifier;

  @Enumerated(EnumType.STRING)
  private CaseState state;

  @Enumerated(EnumType.STRING)
  private RoutingBasis basis;

  @Column(name = "rule_reference")
  private String ruleReference;

  @Column(name = "reported_at")
  private Instant reportedAt;

  @Column(name = "dispatched_at")
  private Instant dispatchedAt;

  @Column(name = "signed_at")
  private Instant signedAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  /** What the department reports it did. */
  private String result;

  @Column(name = "rework_count")
  private int reworkCount;

  @Column(name = "return_count")
  private int returnCount;

  /** The departments that returned the case, comma-separated: routing does not send it back. */
  @Column(name = "returned_by")
  private String returnedBy = "";

  // Deadlines, overdue and supervision orders are supervision's, written by DeadlineFollower.

  /** When the department must sign for it, as supervision set it. */
  @Column(name = "sign_due_at")
  private Instant signDueAt;

  /** When it must be resolved, as supervision set it (an approved extension moves it). */
  @Column(name = "resolve_due_at")
  private Instant resolveDueAt;

  /** Since when the case is overdue, as supervision declared it. */
  @Column(name = "overdue_since")
  private Instant overdueSince;

  /** The open supervision order (督办单) on the case, if any, and when it must be answered. */
  @Column(name = "supervision_order_id")
  private UUID supervisionOrderId;

  @Column(name = "order_respond_by")
  private Instant orderRespondBy;

  /** The new date of an approved extension. */
  @Column(name = "extended_until")
  private Instant extendedUntil;

  @Version private long version;

  /**
   * The row as it was last read or written: what the next write compares with (see {@link Row}).
   */
  @Transient private Row stored;

  protected DispatchCase() {}

  /** A case intake registered, not routed yet. */
  public static DispatchCase reported(CaseReported reported) {
    DispatchCase c = new DispatchCase();
    c.caseId = reported.caseId();
    c.caseNumber = reported.caseNumber();
    c.categoryCode = reported.categoryCode();
    c.urgency = reported.urgency();
    c.description = reported.description();
    Location at = reported.location();
    if (at != null) {
      c.districtCode = at.districtCode();
      c.streetCode = at.streetCode();
      c.communityCode = at.communityCode();
      c.gridCode = at.gridCode();
    }
    c.channel = reported.channel();
    c.verifier = Verifier.of(reported.channel());
    c.assetCode = reported.assetCode();
    c.assetOwnerCode = reported.assetOwnerCode();
    c.reportedAt = reported.reportedAt();
    return c;
  }

  // Routing and the dispatchers' placing.

  /**
   * Routes a case just reported (派遣): to the department the router names, with its co-handlers, or
   * to the dispatchers' arbitration queue where no rule places it.
   */
  public Outcome route(Router router, Instant now) {
    Router.Decision decision = router.route(facts(), now);
    Outcome outcome = new Outcome(now);
    if (decision.departmentCode().isEmpty()) {
      basis = decision.basis();
      ruleReference = decision.ruleReference();
      state = CaseState.AWAITING_ARBITRATION;
      return outcome.entry(
          new Outcome.Entry(now, ROUTING, DISPATCH, null, null, state, ruleReference));
    }
    state = CaseState.DISPATCHED;
    String department = decision.departmentCode().get();
    outcome.entry(
        new Outcome.Entry(
            now, ROUTING, DISPATCH, department, null, state, decision.ruleReference()));
    return dispatchTo(
        outcome,
        department,
        decision.basis(),
        decision.ruleReference(),
        decision.coHandlers(),
        now);
  }

  /** A dispatcher places a case waiting for arbitration (人工派遣), with the reason. */
  public Outcome assign(String department, String reason, String actor, Instant now) {
    Outcome outcome = move(Action.ASSIGN, actor, reason, now);
    return dispatchTo(
        outcome, department, RoutingBasis.MANUAL, "dispatcher:" + actor, List.of(), now);
  }

  // The one place a case is placed with a department and CaseDispatched built: after routing, a
  // dispatcher's assignment, a return routed on, and a referral to the asset's owner.
  private Outcome dispatchTo(
      Outcome outcome,
      String department,
      RoutingBasis basis,
      String reference,
      List<String> coHandlers,
      Instant now) {
    this.departmentCode = department;
    this.basis = basis;
    this.ruleReference = reference;
    this.dispatchedAt = now;
    return outcome
        .openCoHandling(coHandlers)
        .announce(
            new CaseDispatched(
                caseId,
                caseNumber,
                department,
                basis,
                reference,
                categoryCode,
                urgency,
                location(),
                reportedAt,
                now,
                coHandlers));
  }

  // The department's work.

  /** Refuses a department that does not hold the case (403): it may not act on it. */
  public void requireHeldBy(String department) {
    if (!department.equals(departmentCode)) {
      throw DomainException.forbidden(
          "not-your-case", "case " + caseNumber + " is not assigned to " + department);
    }
  }

  /** The department signs for the case (签收). */
  public Outcome sign(String actor, Instant now) {
    Outcome outcome = move(Action.SIGN, actor, null, now);
    signedAt = now;
    return outcome.announce(new CaseSigned(caseId, departmentCode, actor, now));
  }

  /** The department reports it handled (处理反馈); a pending request is moot then. */
  public Outcome resolve(String result, String actor, Instant now) {
    Outcome outcome = move(Action.RESOLVE, actor, result, now).endPendingRequest();
    resolvedAt = now;
    this.result = result;
    return outcome.announce(new CaseResolved(caseId, departmentCode, result, actor, now));
  }

  /**
   * The department says the case is not its own (退单). It goes to the owner the department names, if
   * that is a department that has not given the case away yet; else back through routing; and to
   * the dispatchers if routing would only send it to a department that gave it away.
   *
   * @param referredBy the departments that referred the case on before (see {@link CaseReferral})
   */
  public Outcome giveBack(
      String reasonCode,
      String reason,
      String suggestedOwner,
      Router router,
      Set<String> referredBy,
      String actor,
      Instant now) {
    Outcome outcome =
        move(Action.RETURN, actor, reasonCode + ": " + reason, now)
            .endPendingRequest()
            .endCoHandling();
    String returning = departmentCode;
    returnCount++;
    returnedBy = returnedBy.isEmpty() ? returning : returnedBy + "," + returning;
    departmentCode = null;
    signedAt = null;
    outcome.announce(
        new CaseReturned(caseId, returning, reasonCode, reason, suggestedOwner, actor, now, basis));
    Set<String> gaveAway = gaveAway(referredBy);
    if (suggestedOwner != null
        && router.knows(suggestedOwner)
        && !gaveAway.contains(suggestedOwner)) {
      return rerouteTo(
          outcome, suggestedOwner, RoutingBasis.NAMED_ON_RETURN, "named-on-return", List.of());
    }
    Router.Decision decision = router.route(facts(), now);
    Optional<String> next = decision.departmentCode().filter(d -> !gaveAway.contains(d));
    if (next.isPresent()) {
      return rerouteTo(
          outcome, next.get(), decision.basis(), decision.ruleReference(), decision.coHandlers());
    }
    basis = RoutingBasis.MANUAL;
    ruleReference = "returned-by:" + returnedBy;
    return outcome;
  }

  private Outcome rerouteTo(
      Outcome outcome,
      String department,
      RoutingBasis basis,
      String reference,
      List<String> coHandlers) {
    CaseState to = allowed(Action.REROUTE);
    outcome.entry(
        new Outcome.Entry(
            outcome.at(), ROUTING, Action.REROUTE.name(), department, state, to, reference));
    state = to;
    return dispatchTo(outcome, department, basis, reference, coHandlers, outcome.at());
  }

  /**
   * The department found the case's asset to be another department's and refers the case to that
   * owner (移交权属单位): straight into the owner's queue, to be signed for anew, without arbitration and
   * without a return counted against anyone; the deadlines stay as they are. The asset is the
   * case's own unless the department names another. A department that gave the case away already
   * (returned or referred it) is no owner to refer to: that dispute is a dispatcher's, through a
   * return.
   */
  public Outcome refer(
      String ownerCode,
      String assetCode,
      String reason,
      Set<String> referredBy,
      String actor,
      Instant now) {
    allowed(Action.REFER);
    String asset = assetCode != null ? assetCode : this.assetCode;
    if (asset == null) {
      throw DomainException.invalidField(
          "asset-required", "assetCode", "the case names no asset: say whose asset it is");
    }
    if (gaveAway(referredBy).contains(ownerCode)) {
      throw DomainException.conflict(
          "owner-disputed",
          ownerCode
              + " gave case "
              + caseNumber
              + " away already: return it, and a dispatcher decides");
    }
    String referring = departmentCode;
    Outcome outcome =
        move(
                Action.REFER,
                actor,
                "to " + ownerCode + ", owner of asset " + asset + ": " + reason,
                now)
            .endPendingRequest()
            .endCoHandling();
    signedAt = null;
    outcome.announce(
        new CaseReferred(
            caseId,
            referring,
            ownerCode,
            asset,
            asset.equals(this.assetCode) ? assetOwnerCode : null,
            reason,
            actor,
            now));
    return dispatchTo(
        outcome,
        ownerCode,
        RoutingBasis.ASSET_OWNER,
        "referral:" + referring + ":" + asset,
        List.of(),
        now);
  }

  // The departments that gave the case away, returning or referring it: neither routing nor a
  // referral sends it back to them.
  private Set<String> gaveAway(Set<String> referredBy) {
    Set<String> departments = new HashSet<>(Arrays.asList(returnedBy.split(",")));
    departments.addAll(referredBy);
    return departments;
  }

  /**
   * The department asks for an extension (延期, with the new date) or to park the case (挂账); one
   * request at a time.
   */
  public Outcome requestApproval(
      RequestKind kind,
      String reason,
      Instant until,
      boolean requestPending,
      String actor,
      Instant now) {
    allowed(Action.REQUEST_APPROVAL);
    if (requestPending) {
      throw DomainException.conflict(
          "request-pending",
          "case " + caseNumber + " already has a request waiting for a decision");
    }
    if (kind == RequestKind.EXTENSION && (until == null || !until.isAfter(now))) {
      throw DomainException.invalidField(
          "extension-date", "until", "an extension needs a new date in the future");
    }
    return move(Action.REQUEST_APPROVAL, actor, kind + ": " + reason, now)
        .announce(
            new ApprovalRequested(
                caseId, UUID.randomUUID(), kind, departmentCode, reason, until, actor, now));
  }

  /**
   * A dispatcher approves or refuses the department's request. An approved extension moves the
   * case's date; an approved parking parks the case, its clock stopped.
   */
  public Outcome decide(
      ApprovalRequest request, boolean approved, String reason, String actor, Instant now) {
    request.requirePending();
    Action action = approved && request.kind == RequestKind.PARKING ? Action.PARK : Action.DECIDE;
    Outcome outcome =
        move(action, actor, request.kind + (approved ? " approved: " : " refused: ") + reason, now);
    request.decide(approved, reason, actor, now);
    if (approved && request.kind == RequestKind.EXTENSION) {
      extendedUntil = request.until;
    }
    return outcome.announce(
        new ApprovalDecided(
            caseId,
            request.id,
            request.kind,
            departmentCode,
            approved,
            reason,
            request.until,
            actor,
            now));
  }

  /** The department takes a parked case up again (恢复办理). */
  public Outcome resume(String actor, Instant now) {
    return move(Action.RESUME, actor, null, now)
        .announce(new CaseResumed(caseId, departmentCode, actor, now));
  }

  /** The department answers the supervision order on its overdue case (督办回复). */
  public Outcome answerSupervisionOrder(String answer, String actor, Instant now) {
    if (supervisionOrderId == null) {
      throw DomainException.conflict(
          "no-open-order", "case " + caseNumber + " has no supervision order to answer");
    }
    UUID order = supervisionOrderId;
    supervisionOrderId = null;
    orderRespondBy = null;
    return new Outcome(now)
        .entry(
            new Outcome.Entry(
                now, actor, ANSWER_SUPERVISION_ORDER, departmentCode, state, state, answer))
        .announce(new SupervisionOrderAnswered(caseId, order, departmentCode, answer, actor, now));
  }

  /** A co-handler reports its part (协办反馈) into the case's timeline, which its lead keeps. */
  public Outcome coHandlerReported(CoHandlingTask task, String report, String actor, Instant now) {
    task.report(report, actor, now);
    return new Outcome(now)
        .entry(
            new Outcome.Entry(
                now, actor, CO_HANDLING_REPORT, task.departmentCode, state, state, report))
        .announce(
            new CoHandlingReported(
                caseId, task.id, task.departmentCode, departmentCode, report, actor, now));
  }

  // Verification and rework.

  /** An inspector (or the hotline) confirms the repair (核查通过): the case is closed (结案). */
  public Outcome passVerification(String reason, String actor, Instant now) {
    Outcome outcome = move(Action.PASS_VERIFICATION, actor, reason, now);
    closedAt = now;
    return outcome.announce(new CaseClosed(caseId, departmentCode, actor, now));
  }

  /** The repair is not done: back to the department that resolved it, for rework (返工). */
  public Outcome failVerification(String reason, String actor, Instant now) {
    return rework(move(Action.FAIL_VERIFICATION, actor, reason, now), reason, actor);
  }

  /**
   * The citizen was dissatisfied when the hotline called back after closure, and intake asks for
   * the case to be reopened: back to the department that closed it, as after a failed verification.
   */
  public Outcome reopenAfterCallback(String reason, String operator, Instant now) {
    Outcome outcome = move(Action.REOPEN_AFTER_CALLBACK, operator, reason, now);
    closedAt = null;
    return rework(outcome, reason, operator);
  }

  private Outcome rework(Outcome outcome, String reason, String actor) {
    reworkCount++;
    resolvedAt = null;
    return outcome.announce(
        new CaseReopened(caseId, departmentCode, reason, reworkCount, actor, outcome.at()));
  }

  // Intake's merges of duplicate reports (合并).

  /**
   * Intake merged this case into another: it leaves every queue (state MERGED, from which nothing
   * moves it), its pending request is withdrawn and its co-handling ended. A case closed or merged
   * already is left as it is (an empty outcome). Intake decided the merge: nothing is announced.
   */
  public Outcome mergedInto(CaseMerged merge, Instant now) {
    if (state == CaseState.CLOSED || state == CaseState.MERGED) {
      return new Outcome(now);
    }
    CaseState from = state;
    state = CaseState.MERGED;
    return new Outcome(now)
        .entry(
            new Outcome.Entry(
                merge.mergedAt(),
                merge.actor(),
                MERGE,
                departmentCode,
                from,
                state,
                "merged into case " + merge.caseNumber()))
        .endPendingRequest()
        .endCoHandling();
  }

  /**
   * Keeps a case that intake merged before dispatch read its report out of the queues: MERGED,
   * unrouted.
   */
  public Outcome mergedBeforeRouting(
      String survivingCaseNumber, String mergedBy, Instant mergedAt) {
    state = CaseState.MERGED;
    return new Outcome(mergedAt)
        .entry(
            new Outcome.Entry(
                mergedAt,
                mergedBy,
                MERGE,
                null,
                null,
                state,
                "merged into case " + survivingCaseNumber + " before it was routed"));
  }

  /** Another report joined this case (a duplicate merged into it, or a caller added to it). */
  public Outcome joinedBy(CaseMerged merge) {
    return new Outcome(merge.mergedAt())
        .entry(
            new Outcome.Entry(
                merge.mergedAt(),
                merge.actor(),
                DUPLICATE_JOINED,
                departmentCode,
                state,
                state,
                (merge.mergedCaseId() == null
                        ? "another reporter joined the case"
                        : "case " + merge.mergedCaseNumber() + " was merged into it")
                    + "; reporters now: "
                    + merge.reporterCount()));
  }

  // The workflow's rule.

  /** Whether the workflow allows the action in the case's state. */
  public boolean allows(Action action) {
    return Workflow.next(state, action).isPresent();
  }

  // The state the action leads to, or a refusal (409) naming what is allowed instead.
  private CaseState allowed(Action action) {
    CaseState from = state;
    return Workflow.next(from, action)
        .orElseThrow(
            () ->
                DomainException.conflict(
                    "illegal-transition",
                    "cannot "
                        + action
                        + " a case that is "
                        + from
                        + "; allowed: "
                        + Workflow.allowed(from)));
  }

  // The action's move, kept in the timeline with the department that held the case before it.
  private Outcome move(Action action, String actor, String reason, Instant now) {
    CaseState to = allowed(action);
    Outcome outcome =
        new Outcome(now)
            .entry(new Outcome.Entry(now, actor, action.name(), departmentCode, state, to, reason));
    state = to;
    return outcome;
  }

  // The community too: a rule may send the case to its community's territorial office (属地).
  private Router.CaseFacts facts() {
    return new Router.CaseFacts(
        categoryCode, districtCode, streetCode, communityCode, assetOwnerCode);
  }

  private Location location() {
    return gridCode == null
        ? null
        : new Location(districtCode, streetCode, communityCode, gridCode);
  }

  // The case as its row keeps it.

  /**
   * The case as its row in {@code dispatch_case} holds it, every column, for {@link CaseRows} to
   * read and write with plain statements: a command then neither loads an entity nor has a session
   * dirty-check it, and writes only the columns its move changed, as Hibernate would.
   */
  record Row(
      UUID caseId,
      String caseNumber,
      String categoryCode,
      Urgency urgency,
      String description,
      String districtCode,
      String streetCode,
      String communityCode,
      String gridCode,
      String assetCode,
      String assetOwnerCode,
      String departmentCode,
      Channel channel,
      Verifier verifier,
      CaseState state,
      RoutingBasis basis,
      String ruleReference,
      Instant reportedAt,
      Instant dispatchedAt,
      Instant signedAt,
      Instant resolvedAt,
      Instant closedAt,
      String result,
      int reworkCount,
      int returnCount,
      String returnedBy,
      Instant signDueAt,
      Instant resolveDueAt,
      Instant overdueSince,
      UUID supervisionOrderId,
      Instant orderRespondBy,
      Instant extendedUntil,
      long version) {}

  /** The case its row holds, which remembers that row for the next write. */
  static DispatchCase of(Row row) {
    DispatchCase c = new DispatchCase();
    c.caseId = row.caseId();
    c.caseNumber = row.caseNumber();
    c.categoryCode = row.categoryCode();
    c.urgency = row.urgency();
    c.description = row.description();
    c.districtCode = row.districtCode();
    c.streetCode = row.streetCode();
    c.communityCode = row.communityCode();
    c.gridCode = row.gridCode();
    c.assetCode = row.assetCode();
    c.assetOwnerCode = row.assetOwnerCode();
    c.departmentCode = row.departmentCode();
    c.channel = row.channel();
    c.verifier = row.verifier();
    c.state = row.state();
    c.basis = row.basis();
    c.ruleReference = row.ruleReference();
    c.reportedAt = row.reportedAt();
    c.dispatchedAt = row.dispatchedAt();
    c.signedAt = row.signedAt();
    c.resolvedAt = row.resolvedAt();
    c.closedAt = row.closedAt();
    c.result = row.result();
    c.reworkCount = row.reworkCount();
    c.returnCount = row.returnCount();
    c.returnedBy = row.returnedBy();
    c.signDueAt = row.signDueAt();
    c.resolveDueAt = row.resolveDueAt();
    c.overdueSince = row.overdueSince();
    c.supervisionOrderId = row.supervisionOrderId();
    c.orderRespondBy = row.orderRespondBy();
    c.extendedUntil = row.extendedUntil();
    c.version = row.version();
    c.stored = row;
    return c;
  }

  /** The row the case's state makes now. */
  Row row() {
    return new Row(
        caseId,
        caseNumber,
        categoryCode,
        urgency,
        description,
        districtCode,
        streetCode,
        communityCode,
        gridCode,
        assetCode,
        assetOwnerCode,
        departmentCode,
        channel,
        verifier,
        state,
        basis,
        ruleReference,
        reportedAt,
        dispatchedAt,
        signedAt,
        resolvedAt,
        closedAt,
        result,
        reworkCount,
        returnCount,
        returnedBy,
        signDueAt,
        resolveDueAt,
        overdueSince,
        supervisionOrderId,
        orderRespondBy,
        extendedUntil,
        version);
  }

  /** The row as it was read or last written; empty for a case not read through its row. */
  Optional<Row> stored() {
    return Optional.ofNullable(stored);
  }

  /** The case's row was written with the case's state now, as {@code version}. */
  void storedAs(long version) {
    this.version = version;
    this.stored = row();
  }

  // What readers see.

  public UUID caseId() {
    return caseId;
  }

  public String caseNumber() {
    return caseNumber;
  }

  public String categoryCode() {
    return categoryCode;
  }

  public Urgency urgency() {
    return urgency;
  }

  public String description() {
    return description;
  }

  public String gridCode() {
    return gridCode;
  }

  public String assetCode() {
    return assetCode;
  }

  /** The department that leads the case; none while it waits for arbitration. */
  public String departmentCode() {
    return departmentCode;
  }

  public CaseState state() {
    return state;
  }

  public Verifier verifier() {
    return verifier;
  }

  public RoutingBasis basis() {
    return basis;
  }

  public String ruleReference() {
    return ruleReference;
  }

  public Instant reportedAt() {
    return reportedAt;
  }

  public Instant dispatchedAt() {
    return dispatchedAt;
  }

  public Instant signedAt() {
    return signedAt;
  }

  public Instant resolvedAt() {
    return resolvedAt;
  }

  public Instant closedAt() {
    return closedAt;
  }

  public String result() {
    return result;
  }

  public int reworkCount() {
    return reworkCount;
  }

  public int returnCount() {
    return returnCount;
  }

  public Instant signDueAt() {
    return signDueAt;
  }

  public Instant resolveDueAt() {
    return resolveDueAt;
  }

  public Instant overdueSince() {
    return overdueSince;
  }

  public UUID supervisionOrderId() {
    return supervisionOrderId;
  }

  public Instant orderRespondBy() {
    return orderRespondBy;
  }

  public Instant extendedUntil() {
    return extendedUntil;
  }
}
