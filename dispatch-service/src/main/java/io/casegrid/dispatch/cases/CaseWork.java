package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.idempotency.CommandKeys;
import io.casegrid.dispatch.reference.DepartmentDirectory;
import io.casegrid.dispatch.reference.RoutingTable;
import io.casegrid.events.ApprovalRequested;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.RequestKind;
import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What departments, dispatchers and inspectors do to a case, an adapter around it: each command
 * loads the case in its own transaction, lets a department act only on a case it holds, applies a
 * command retried under its key once, makes the move on the case and keeps what the move caused. A
 * concurrent change to the same case makes the later command fail (409). Who the caller is and what
 * their role may do is the resources' to check.
 */
@ApplicationScoped
public class CaseWork {

  private final Cases cases;
  private final CommandKeys keys;
  private final CoHandling coHandling;
  private final RoutingTable routing;
  private final DepartmentDirectory directory;
  private final EntityManager entityManager;

  CaseWork(
      Cases cases,
      CommandKeys keys,
      CoHandling coHandling,
      RoutingTable routing,
      DepartmentDirectory directory,
      EntityManager entityManager) {
    this.cases = cases;
    this.keys = keys;
    this.coHandling = coHandling;
    this.routing = routing;
    this.directory = directory;
    this.entityManager = entityManager;
  }

  @Transactional
  public DispatchCase sign(String department, UUID caseId, Actor actor) {
    return act(caseId, department, Action.SIGN, actor, (c, now) -> c.sign(actor.name(), now))
        .dispatchCase();
  }

  @Transactional
  public DispatchCase resolve(String department, UUID caseId, String result, Actor actor) {
    return act(
            caseId,
            department,
            Action.RESOLVE,
            actor,
            (c, now) -> c.resolve(result, actor.name(), now))
        .dispatchCase();
  }

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
            (c, now) ->
                c.giveBack(
                    reasonCode,
                    reason,
                    suggestedOwner,
                    routing.router(),
                    cases.referredBy(caseId),
                    actor.name(),
                    now))
        .dispatchCase();
  }

  /**
   * Refers the case to its asset's owner; the owner must be a known department other than the
   * referring one. A retried referral is answered with the referral it made.
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
        throw CommandKeys.reused();
      }
      return earlier.get();
    }
    if (ownerCode.equals(department)) {
      throw DomainException.invalidField(
          "own-department", "ownerCode", "is your own department: the case is yours");
    }
    if (!directory.departments().knows(ownerCode)) {
      throw DomainException.invalidField(
          "unknown-department", "ownerCode", "is not a known department");
    }
    Acted acted =
        act(
            caseId,
            department,
            Action.REFER,
            actor,
            (c, now) ->
                c.refer(ownerCode, assetCode, reason, cases.referredBy(caseId), actor.name(), now));
    return acted
        .outcome()
        .event(CaseReferred.class)
        .map(referred -> persist(CaseReferral.of(referred, actor.idempotencyKey())))
        // Without an effect, a concurrent retry with the same key made the referral meanwhile.
        .orElseGet(() -> referralUnder(actor.idempotencyKey()).orElseThrow());
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

  /**
   * The department asks for an extension or to park the case. A retried request is answered with
   * the case's latest request, the one it made.
   */
  @Transactional
  public ApprovalRequest requestApproval(
      String department, UUID caseId, RequestKind kind, String reason, Instant until, Actor actor) {
    Acted acted =
        act(
            caseId,
            department,
            Action.REQUEST_APPROVAL,
            actor,
            (c, now) ->
                c.requestApproval(
                    kind, reason, until, cases.requestPending(caseId), actor.name(), now));
    return acted
        .outcome()
        .event(ApprovalRequested.class)
        .map(requested -> persist(ApprovalRequest.of(requested)))
        .orElseGet(() -> latestRequest(caseId));
  }

  private ApprovalRequest latestRequest(UUID caseId) {
    return entityManager
        .createQuery(
            "FROM ApprovalRequest r WHERE r.caseId = :c ORDER BY r.requestedAt DESC",
            ApprovalRequest.class)
        .setParameter("c", caseId)
        .setMaxResults(1)
        .getSingleResult();
  }

  /** A dispatcher approves or refuses a request. */
  @Transactional
  public ApprovalRequest decide(UUID requestId, boolean approved, String reason, Actor actor) {
    ApprovalRequest request = entityManager.find(ApprovalRequest.class, requestId);
    if (request == null) {
      throw DomainException.notFound("request " + requestId);
    }
    request.requirePending();
    act(
        request.caseId,
        null,
        approved && request.kind == RequestKind.PARKING ? Action.PARK : Action.DECIDE,
        actor,
        (c, now) -> c.decide(request, approved, reason, actor.name(), now));
    return request;
  }

  @Transactional
  public DispatchCase resume(String department, UUID caseId, Actor actor) {
    return act(caseId, department, Action.RESUME, actor, (c, now) -> c.resume(actor.name(), now))
        .dispatchCase();
  }

  @Transactional
  public DispatchCase answerSupervisionOrder(
      String department, UUID caseId, String answer, Actor actor) {
    return act(
            caseId,
            department,
            DispatchCase.ANSWER_SUPERVISION_ORDER,
            actor,
            (c, now) -> c.answerSupervisionOrder(answer, actor.name(), now))
        .dispatchCase();
  }

  /** A dispatcher places a case waiting for arbitration with a known department. */
  @Transactional
  public DispatchCase assign(UUID caseId, String department, String reason, Actor actor) {
    if (!routing.router().knows(department)) {
      throw DomainException.invalidField(
          "unknown-department", "departmentCode", "is not a known department");
    }
    return act(
            caseId,
            null,
            Action.ASSIGN,
            actor,
            (c, now) -> c.assign(department, reason, actor.name(), now))
        .dispatchCase();
  }

  /**
   * The verifier's verdict: closed, or back to the department for rework. {@code mayVerify} refuses
   * a caller who is not the case's verifier (the hotline or the grid's inspector); it is asked of
   * the case this command loads, so that the case is read once.
   */
  @Transactional
  public DispatchCase verify(
      UUID caseId, boolean passed, String reason, Actor actor, Consumer<Verifier> mayVerify) {
    return act(
            caseId,
            c -> mayVerify.accept(c.verifier()),
            (passed ? Action.PASS_VERIFICATION : Action.FAIL_VERIFICATION).name(),
            actor,
            (c, now) ->
                passed
                    ? c.passVerification(reason, actor.name(), now)
                    : c.failVerification(reason, actor.name(), now))
        .dispatchCase();
  }

  /** A co-handler reports its part on its own task into the lead department's case. */
  @Transactional
  public CoHandlingTask reportCoHandling(
      String department, UUID taskId, String report, Actor actor) {
    CoHandlingTask task = coHandling.task(taskId);
    if (!task.departmentCode.equals(department)) {
      throw DomainException.forbidden("not-your-task", "the task is not " + department + "'s");
    }
    DispatchCase c = cases.load(task.caseId);
    cases.keep(c, c.coHandlerReported(task, report, actor.name(), Cases.now()));
    return task;
  }

  private <T> T persist(T entity) {
    entityManager.persist(entity);
    return entity;
  }

  /** A move of a case, made at a moment. */
  private interface Move {
    Outcome make(DispatchCase c, Instant now);
  }

  /** The case a command acted on, and what its move caused (nothing for a retry). */
  private record Acted(DispatchCase dispatchCase, Outcome outcome) {}

  private Acted act(UUID caseId, String department, Action action, Actor actor, Move move) {
    return act(caseId, department, action.name(), actor, move);
  }

  private Acted act(UUID caseId, String department, String command, Actor actor, Move move) {
    return act(caseId, c -> requireHeldBy(c, department), command, actor, move);
  }

  // A dispatcher's command names no department: any case is theirs to act on.
  private static void requireHeldBy(DispatchCase c, String department) {
    if (department != null) {
      c.requireHeldBy(department);
    }
  }

  private Acted act(
      UUID caseId, Consumer<DispatchCase> mayAct, String command, Actor actor, Move move) {
    DispatchCase c = cases.load(caseId);
    // Who may act first: a retried key must not show a case the caller may not act on.
    mayAct.accept(c);
    if (!keys.firstUse(actor.idempotencyKey(), caseId, command)) {
      return new Acted(c, Outcome.none());
    }
    Outcome outcome = move.make(c, Cases.now());
    cases.keep(c, outcome);
    return new Acted(c, outcome);
  }
}
