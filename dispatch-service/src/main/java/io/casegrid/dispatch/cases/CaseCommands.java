package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.reference.DepartmentDirectory;
import io.casegrid.dispatch.reference.RoutingTable;
import io.casegrid.dispatch.routing.Router;
import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.ApprovalRequested;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseResumed;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.Location;
import io.casegrid.events.RequestKind;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What departments, dispatchers and inspectors do to a case. Each command checks who may act and
 * whether the workflow allows it, changes the case, keeps it in the timeline and announces it, in
 * one transaction; a concurrent change to the same case makes the later command fail with 409.
 */
@ApplicationScoped
public class CaseCommands {

  private static final Logger LOG = Logger.getLogger(CaseCommands.class);

  /** Who acts, and under which idempotency key (null: none). */
  public record Actor(String name, String idempotencyKey) {}

  private final EntityManager entityManager;
  private final Outbox outbox;
  private final Timeline timeline;
  private final RoutingTable routing;
  private final DepartmentDirectory directory;
  private final CoHandling coHandling;

  CaseCommands(
      EntityManager entityManager,
      Outbox outbox,
      Timeline timeline,
      RoutingTable routing,
      DepartmentDirectory directory,
      CoHandling coHandling) {
    this.entityManager = entityManager;
    this.outbox = outbox;
    this.timeline = timeline;
    this.routing = routing;
    this.directory = directory;
    this.coHandling = coHandling;
  }

  @Transactional
  public DispatchCase sign(String department, UUID caseId, Actor actor) {
    return act(
        caseId,
        department,
        Action.SIGN,
        actor,
        null,
        (c, now) -> {
          c.signedAt = now;
          outbox.announce(new CaseSigned(c.caseId, c.departmentCode, actor.name(), now));
        });
  }

  @Transactional
  public DispatchCase resolve(String department, UUID caseId, String result, Actor actor) {
    return act(
        caseId,
        department,
        Action.RESOLVE,
        actor,
        result,
        (c, now) -> {
          withdrawPendingRequest(c.caseId, now);
          c.resolvedAt = now;
          c.result = result;
          outbox.announce(new CaseResolved(c.caseId, c.departmentCode, result, actor.name(), now));
        });
  }

  /**
   * The department says the case is not its own. It goes to the owner the department names, if that
   * is a department that has not returned it yet; else back through routing; and to the dispatchers
   * if routing would only send it to a department that already returned it.
   */
  @Transactional
  public DispatchCase giveBack(
      String department,
      UUID caseId,
      String reasonCode,
      String reason,
      String suggestedOwner,
      Actor actor) {
    return act(
        caseId,
        department,
        Action.RETURN,
        actor,
        reasonCode + ": " + reason,
        (c, now) -> {
          withdrawPendingRequest(c.caseId, now);
          coHandling.cancelOpen(c.caseId, now);
          String returning = c.departmentCode;
          c.returnCount++;
          c.returnedBy = c.returnedBy.isEmpty() ? returning : c.returnedBy + "," + returning;
          c.departmentCode = null;
          c.signedAt = null;
          outbox.announce(
              new CaseReturned(
                  c.caseId,
                  returning,
                  reasonCode,
                  reason,
                  suggestedOwner,
                  actor.name(),
                  now,
                  c.basis));
          reroute(c, suggestedOwner, now);
        });
  }

  /**
   * The department found that the asset of the case is another department's and refers the case to
   * that owner (移交权属单位): straight into the owner's queue, to be signed for anew, without
   * arbitration and without a return counted against anyone; the deadlines stay as they are. The
   * asset is the case's own unless the department names another. A department that gave the case
   * away already (returned or referred it) is no owner to refer to: that dispute is a dispatcher's,
   * through a return. A retried referral is answered with the referral it made.
   */
  @Transactional
  public CaseReferral refer(
      String department,
      UUID caseId,
      String ownerCode,
      String assetCode,
      String reason,
      Actor actor) {
    Optional<CaseReferral> earlier = referralUnder(actor.idempotencyKey());
    if (earlier.isPresent()) {
      if (!earlier.get().caseId.equals(caseId)) {
        throw ProblemException.invalidField(
            "idempotency-key-reused", "Idempotency-Key", "was already used for another command");
      }
      return earlier.get();
    }
    if (ownerCode.equals(department)) {
      throw ProblemException.invalidField(
          "own-department", "ownerCode", "is your own department: the case is yours");
    }
    if (!directory.departments().knows(ownerCode)) {
      throw ProblemException.invalidField(
          "unknown-department", "ownerCode", "is not a known department");
    }
    DispatchCase found = entityManager.find(DispatchCase.class, caseId);
    String asset = assetCode != null ? assetCode : found == null ? null : found.assetCode;
    CaseReferral referral = new CaseReferral();
    act(
        caseId,
        department,
        Action.REFER,
        actor,
        "to " + ownerCode + ", owner of asset " + asset + ": " + reason,
        (c, now) -> {
          if (asset == null) {
            throw ProblemException.invalidField(
                "asset-required", "assetCode", "the case names no asset: say whose asset it is");
          }
          if (gaveAway(c).contains(ownerCode)) {
            throw new ProblemException(
                Response.Status.CONFLICT,
                "owner-disputed",
                ownerCode
                    + " gave case "
                    + c.caseNumber
                    + " away already: return it, and a dispatcher decides");
          }
          withdrawPendingRequest(c.caseId, now);
          coHandling.cancelOpen(c.caseId, now);
          referral.id = UUID.randomUUID();
          referral.caseId = c.caseId;
          referral.departmentCode = c.departmentCode;
          referral.ownerCode = ownerCode;
          referral.assetCode = asset;
          referral.registeredOwnerCode = asset.equals(c.assetCode) ? c.assetOwnerCode : null;
          referral.reason = reason;
          referral.referredBy = actor.name();
          referral.referredAt = now;
          referral.idempotencyKey = actor.idempotencyKey();
          entityManager.persist(referral);
          c.signedAt = null;
          outbox.announce(
              new CaseReferred(
                  c.caseId,
                  referral.departmentCode,
                  ownerCode,
                  asset,
                  referral.registeredOwnerCode,
                  reason,
                  actor.name(),
                  now));
          dispatchTo(
              c,
              ownerCode,
              RoutingBasis.ASSET_OWNER,
              "referral:" + referral.departmentCode + ":" + asset,
              List.of(),
              now);
        });
    // Without an effect, a concurrent retry with the same key made the referral meanwhile.
    return referral.id != null ? referral : referralUnder(actor.idempotencyKey()).orElseThrow();
  }

  private Optional<CaseReferral> referralUnder(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return entityManager
        .createQuery("FROM CaseReferral r WHERE r.idempotencyKey = :k", CaseReferral.class)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  // The departments that gave the case away, returning or referring it: neither routing nor a
  // referral sends it back to them.
  private Set<String> gaveAway(DispatchCase c) {
    Set<String> departments = new HashSet<>(Arrays.asList(c.returnedBy.split(",")));
    departments.addAll(
        entityManager
            .createQuery(
                "SELECT r.departmentCode FROM CaseReferral r WHERE r.caseId = :c", String.class)
            .setParameter("c", c.caseId)
            .getResultList());
    return departments;
  }

  /** The department asks for an extension (with the new date) or to park the case. */
  @Transactional
  public ApprovalRequest requestApproval(
      String department, UUID caseId, RequestKind kind, String reason, Instant until, Actor actor) {
    ApprovalRequest request = new ApprovalRequest();
    act(
        caseId,
        department,
        Action.REQUEST_APPROVAL,
        actor,
        kind + ": " + reason,
        (c, now) -> {
          if (pendingRequest(caseId).isPresent()) {
            throw new ProblemException(
                Response.Status.CONFLICT,
                "request-pending",
                "case " + c.caseNumber + " already has a request waiting for a decision");
          }
          if (kind == RequestKind.EXTENSION && (until == null || !until.isAfter(now))) {
            throw ProblemException.invalidField(
                "extension-date", "until", "an extension needs a new date in the future");
          }
          request.id = UUID.randomUUID();
          request.caseId = caseId;
          request.kind = kind;
          request.status = ApprovalRequest.Status.PENDING;
          request.departmentCode = c.departmentCode;
          request.reason = reason;
          request.until = until;
          request.requestedBy = actor.name();
          request.requestedAt = now;
          entityManager.persist(request);
          outbox.announce(
              new ApprovalRequested(
                  caseId, request.id, kind, c.departmentCode, reason, until, actor.name(), now));
        });
    return request;
  }

  /**
   * A dispatcher approves or refuses a request. An approved extension moves the case's date; an
   * approved parking parks the case.
   */
  @Transactional
  public ApprovalRequest decide(UUID requestId, boolean approved, String reason, Actor actor) {
    ApprovalRequest request = entityManager.find(ApprovalRequest.class, requestId);
    if (request == null) {
      throw ProblemException.notFound("request " + requestId);
    }
    if (request.status != ApprovalRequest.Status.PENDING) {
      throw new ProblemException(
          Response.Status.CONFLICT, "already-decided", "the request is " + request.status);
    }
    Action action = approved && request.kind == RequestKind.PARKING ? Action.PARK : Action.DECIDE;
    act(
        request.caseId,
        null,
        action,
        actor,
        request.kind + (approved ? " approved: " : " refused: ") + reason,
        (c, now) -> {
          request.status =
              approved ? ApprovalRequest.Status.APPROVED : ApprovalRequest.Status.REFUSED;
          request.decidedBy = actor.name();
          request.decisionReason = reason;
          request.decidedAt = now;
          if (approved && request.kind == RequestKind.EXTENSION) {
            c.extendedUntil = request.until;
          }
          outbox.announce(
              new ApprovalDecided(
                  c.caseId,
                  request.id,
                  request.kind,
                  c.departmentCode,
                  approved,
                  reason,
                  request.until,
                  actor.name(),
                  now));
        });
    return request;
  }

  /** The department takes a parked case up again. */
  @Transactional
  public DispatchCase resume(String department, UUID caseId, Actor actor) {
    return act(
        caseId,
        department,
        Action.RESUME,
        actor,
        null,
        (c, now) ->
            outbox.announce(new CaseResumed(c.caseId, c.departmentCode, actor.name(), now)));
  }

  /** The department answers the supervision order on its overdue case (督办回复). */
  @Transactional
  public DispatchCase answerSupervisionOrder(
      String department, UUID caseId, String answer, Actor actor) {
    DispatchCase c = entityManager.find(DispatchCase.class, caseId);
    if (c == null) {
      throw ProblemException.notFound("case " + caseId);
    }
    if (!department.equals(c.departmentCode)) {
      throw new ProblemException(
          Response.Status.FORBIDDEN,
          "not-your-case",
          "case " + c.caseNumber + " is not assigned to " + department);
    }
    if (c.supervisionOrderId == null) {
      throw new ProblemException(
          Response.Status.CONFLICT,
          "no-open-order",
          "case " + c.caseNumber + " has no supervision order to answer");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID order = c.supervisionOrderId;
    timeline.record(
        caseId,
        now,
        actor.name(),
        "ANSWER_SUPERVISION_ORDER",
        department,
        c.state,
        c.state,
        answer);
    c.supervisionOrderId = null;
    c.orderRespondBy = null;
    outbox.announce(
        new SupervisionOrderAnswered(caseId, order, department, answer, actor.name(), now));
    entityManager.flush();
    return c;
  }

  /** A dispatcher places a case waiting for arbitration, with the reason for the decision. */
  @Transactional
  public DispatchCase assign(UUID caseId, String department, String reason, Actor actor) {
    if (!routing.router().knows(department)) {
      throw ProblemException.invalidField(
          "unknown-department", "departmentCode", "is not a known department");
    }
    return act(
        caseId,
        null,
        Action.ASSIGN,
        actor,
        reason,
        (c, now) ->
            dispatchTo(
                c, department, RoutingBasis.MANUAL, "dispatcher:" + actor.name(), List.of(), now));
  }

  /** An inspector's verdict on the repair: closed, or back to the department for rework. */
  @Transactional
  public DispatchCase verify(UUID caseId, boolean passed, String reason, Actor actor) {
    if (passed) {
      return act(
          caseId,
          null,
          Action.PASS_VERIFICATION,
          actor,
          reason,
          (c, now) -> {
            c.closedAt = now;
            outbox.announce(new CaseClosed(c.caseId, c.departmentCode, actor.name(), now));
          });
    }
    return act(
        caseId,
        null,
        Action.FAIL_VERIFICATION,
        actor,
        reason,
        (c, now) -> rework(c, reason, actor, now));
  }

  /**
   * The citizen was dissatisfied when the hotline called back after closure, and intake asks for
   * the case to be reopened: back to the department that closed it, for rework, as after a failed
   * verification. Called by the consumer of intake's topic, once per event: a case dispatch does
   * not know (closed on the call) or that is no longer closed is left as it is.
   */
  @Transactional
  public void reopenAfterCallback(UUID caseId, String reason, String operator) {
    DispatchCase c = entityManager.find(DispatchCase.class, caseId);
    if (c == null || c.state != CaseState.CLOSED) {
      LOG.infof(
          "callback asks to reopen case %s, which is %s: left as it is",
          caseId, c == null ? "unknown to dispatch" : c.state);
      return;
    }
    act(
        caseId,
        null,
        Action.REOPEN_AFTER_CALLBACK,
        new Actor(operator, null),
        reason,
        (d, now) -> {
          d.closedAt = null;
          rework(d, reason, new Actor(operator, null), now);
        });
  }

  private void rework(DispatchCase c, String reason, Actor actor, Instant now) {
    c.reworkCount++;
    c.resolvedAt = null;
    outbox.announce(
        new CaseReopened(c.caseId, c.departmentCode, reason, c.reworkCount, actor.name(), now));
  }

  private Optional<ApprovalRequest> pendingRequest(UUID caseId) {
    return entityManager
        .createQuery(
            "FROM ApprovalRequest r WHERE r.caseId = :c AND r.status = :s", ApprovalRequest.class)
        .setParameter("c", caseId)
        .setParameter("s", ApprovalRequest.Status.PENDING)
        .getResultStream()
        .findFirst();
  }

  // A request about a case that has moved on (resolved, returned) is moot.
  private void withdrawPendingRequest(UUID caseId, Instant now) {
    pendingRequest(caseId)
        .ifPresent(
            r -> {
              r.status = ApprovalRequest.Status.WITHDRAWN;
              r.decidedAt = now;
            });
  }

  private interface Effect {
    void apply(DispatchCase c, Instant now);
  }

  private DispatchCase act(
      UUID caseId, String department, Action action, Actor actor, String reason, Effect effect) {
    DispatchCase c = entityManager.find(DispatchCase.class, caseId);
    if (c == null) {
      throw ProblemException.notFound("case " + caseId);
    }
    // Ownership first: a retried key must not show another department's case.
    if (department != null && !department.equals(c.departmentCode)) {
      throw new ProblemException(
          Response.Status.FORBIDDEN,
          "not-your-case",
          "case " + c.caseNumber + " is not assigned to " + department);
    }
    if (alreadyApplied(actor.idempotencyKey(), caseId, action)) {
      return c;
    }
    CaseState from = c.state;
    CaseState to =
        Workflow.next(from, action)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Response.Status.CONFLICT,
                        "illegal-transition",
                        "cannot "
                            + action
                            + " a case that is "
                            + from
                            + "; allowed: "
                            + Workflow.allowed(from)));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    timeline.record(caseId, now, actor.name(), action.name(), c.departmentCode, from, to, reason);
    c.state = to;
    effect.apply(c, now);
    // Flush now so that a concurrent change surfaces here, as 409, not at commit.
    entityManager.flush();
    return c;
  }

  // A retried command (same key, same case and action) has one effect; a key reused for another
  // command is refused.
  private boolean alreadyApplied(String key, UUID caseId, Action action) {
    if (key == null) {
      return false;
    }
    int inserted =
        entityManager
            .createNativeQuery(
                "INSERT INTO command_key (idempotency_key, case_id, action) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT DO NOTHING")
            .setParameter(1, key)
            .setParameter(2, caseId)
            .setParameter(3, action.name())
            .executeUpdate();
    if (inserted == 1) {
      return false;
    }
    Object[] earlier =
        (Object[])
            entityManager
                .createNativeQuery(
                    "SELECT case_id, action FROM command_key WHERE idempotency_key = ?1")
                .setParameter(1, key)
                .getSingleResult();
    if (!caseId.equals(earlier[0]) || !action.name().equals(earlier[1])) {
      throw ProblemException.invalidField(
          "idempotency-key-reused", "Idempotency-Key", "was already used for another command");
    }
    return true;
  }

  private void reroute(DispatchCase c, String suggestedOwner, Instant now) {
    Router router = routing.router();
    Set<String> gaveAway = gaveAway(c);
    if (suggestedOwner != null
        && router.knows(suggestedOwner)
        && !gaveAway.contains(suggestedOwner)) {
      rerouteTo(c, suggestedOwner, RoutingBasis.NAMED_ON_RETURN, "named-on-return", List.of(), now);
      return;
    }
    Router.Decision decision =
        router.route(
            new Router.CaseFacts(c.categoryCode, c.districtCode, c.streetCode, c.assetOwnerCode),
            now);
    Optional<String> next = decision.departmentCode().filter(d -> !gaveAway.contains(d));
    if (next.isPresent()) {
      rerouteTo(
          c, next.get(), decision.basis(), decision.ruleReference(), decision.coHandlers(), now);
    } else {
      c.basis = RoutingBasis.MANUAL;
      c.ruleReference = "returned-by:" + c.returnedBy;
    }
  }

  private void rerouteTo(
      DispatchCase c,
      String department,
      RoutingBasis basis,
      String reference,
      List<String> coHandlers,
      Instant now) {
    CaseState to = Workflow.next(c.state, Action.REROUTE).orElseThrow();
    timeline.record(
        c.caseId, now, "routing", Action.REROUTE.name(), department, c.state, to, reference);
    c.state = to;
    dispatchTo(c, department, basis, reference, coHandlers, now);
  }

  private void dispatchTo(
      DispatchCase c,
      String department,
      RoutingBasis basis,
      String reference,
      List<String> coHandlers,
      Instant now) {
    coHandling.open(c.caseId, coHandlers, now);
    c.departmentCode = department;
    c.basis = basis;
    c.ruleReference = reference;
    c.dispatchedAt = now;
    outbox.announce(
        new CaseDispatched(
            c.caseId,
            c.caseNumber,
            department,
            basis,
            reference,
            c.categoryCode,
            c.urgency,
            c.gridCode == null
                ? null
                : new Location(c.districtCode, c.streetCode, c.communityCode, c.gridCode),
            c.reportedAt,
            now,
            coHandlers));
  }
}
