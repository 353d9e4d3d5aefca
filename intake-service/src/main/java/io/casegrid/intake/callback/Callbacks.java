package io.casegrid.intake.callback;

import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.Satisfaction;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The hotline's callbacks to citizens after closure (回访): kept here and announced as {@code
 * CallbackRecorded}, in one transaction. Only a closed case is called back, as intake knows its
 * status from dispatch's events; a dissatisfied citizen reopens a case a department closed when the
 * configuration says so.
 */
@ApplicationScoped
public class Callbacks {

  private static final Set<CaseStatus> CLOSED =
      Set.of(CaseStatus.CLOSED, CaseStatus.CLOSED_AT_FIRST_CONTACT);

  private final EntityManager entityManager;
  private final Outbox outbox;
  private final CallbackConfig config;
  private final CityConfig city;

  Callbacks(EntityManager entityManager, Outbox outbox, CallbackConfig config, CityConfig city) {
    this.entityManager = entityManager;
    this.outbox = outbox;
    this.config = config;
    this.city = city;
  }

  @Transactional
  public CallbackView record(UUID caseId, RecordCallback request, String operator) {
    // Locked: two operators calling back at once are taken one after the other, so that one
    // dissatisfied citizen reopens the case once.
    CaseRecord c = entityManager.find(CaseRecord.class, caseId, LockModeType.PESSIMISTIC_WRITE);
    if (c == null) {
      throw ProblemException.notFound("case " + caseId);
    }
    if (!CLOSED.contains(c.status)) {
      throw new ProblemException(
          Response.Status.CONFLICT,
          "case-not-closed",
          "case " + c.caseNumber + " is " + c.status + "; only a closed case is called back");
    }
    if (c.reporterAnonymous || !c.callbackConsent) {
      throw new ProblemException(
          Response.Status.CONFLICT,
          "no-callback-consent",
          "the reporter of case " + c.caseNumber + " did not agree to be called back");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    boolean contacted = request.contacted();
    CaseCallback callback = new CaseCallback();
    callback.id = UUID.randomUUID();
    callback.caseId = c.id;
    callback.contacted = contacted;
    callback.resolved = contacted ? request.resolved() : null;
    callback.satisfaction = contacted ? request.satisfaction() : null;
    callback.comment = request.comment() == null ? null : request.comment().strip();
    callback.departmentCode = c.status == CaseStatus.CLOSED ? c.departmentCode : null;
    // A case closed on the call has no department to send it back to.
    callback.reopenRequested =
        config.reopenWhenDissatisfied()
            && callback.satisfaction == Satisfaction.DISSATISFIED
            && callback.departmentCode != null;
    callback.recordedBy = operator;
    callback.recordedAt = now;
    entityManager.persist(callback);
    if (callback.reopenRequested) {
      c.status = CaseStatus.REOPEN_REQUESTED;
      c.statusChangedAt = now;
    }
    outbox.announce(
        new CallbackRecorded(
            c.id,
            callback.id,
            c.caseNumber,
            callback.contacted,
            callback.resolved,
            callback.satisfaction,
            callback.reopenRequested,
            callback.departmentCode,
            operator,
            now));
    return CallbackView.of(callback, city.zone(), UnaryOperator.identity());
  }

  /** A case's callbacks, the first first, their comments as {@code freeText} shows them. */
  @Transactional
  public List<CallbackView> of(UUID caseId, UnaryOperator<String> freeText) {
    if (entityManager.find(CaseRecord.class, caseId) == null) {
      throw ProblemException.notFound("case " + caseId);
    }
    return entityManager
        .createQuery(
            "FROM CaseCallback WHERE caseId = :c ORDER BY recordedAt, id", CaseCallback.class)
        .setParameter("c", caseId)
        .getResultStream()
        .map(cb -> CallbackView.of(cb, city.zone(), freeText))
        .toList();
  }
}
