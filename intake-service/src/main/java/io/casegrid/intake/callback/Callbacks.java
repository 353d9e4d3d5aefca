package io.casegrid.intake.callback;

import io.casegrid.events.CallbackRecorded;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.Cases;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The hotline's callbacks to citizens after closure (回访): the case decides whether it may be called
 * back and whether a dissatisfied citizen reopens it ({@link CaseRecord#callBack}); the callback is
 * kept here with the operator's comment, and announced as {@code CallbackRecorded}, in one
 * transaction.
 */
@ApplicationScoped
public class Callbacks {

  private final EntityManager entityManager;
  private final Cases cases;
  private final Outbox outbox;
  private final CallbackConfig config;
  private final CityConfig city;

  Callbacks(
      EntityManager entityManager,
      Cases cases,
      Outbox outbox,
      CallbackConfig config,
      CityConfig city) {
    this.entityManager = entityManager;
    this.cases = cases;
    this.outbox = outbox;
    this.config = config;
    this.city = city;
  }

  @Transactional
  public CallbackView record(UUID caseId, RecordCallback request, String operator) {
    // Locked: two operators calling back at once are taken one after the other, so that one
    // dissatisfied citizen reopens the case once.
    CaseRecord c =
        cases.locked(caseId).orElseThrow(() -> DomainException.notFound("case " + caseId));
    CallbackRecorded recorded =
        c.callBack(
            UUID.randomUUID(),
            new CaseRecord.CallbackOutcome(
                request.contacted(), request.resolved(), request.satisfaction()),
            config.reopenWhenDissatisfied(),
            operator,
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    CaseCallback callback = CaseCallback.of(recorded, request.comment());
    entityManager.persist(callback);
    outbox.announce(recorded);
    return CallbackView.of(callback, city.zone(), UnaryOperator.identity());
  }

  /** A case's callbacks, the first first, their comments as {@code freeText} shows them. */
  @Transactional
  public List<CallbackView> of(UUID caseId, UnaryOperator<String> freeText) {
    cases.get(caseId);
    return entityManager
        .createQuery(
            "FROM CaseCallback WHERE caseId = :c ORDER BY recordedAt, id", CaseCallback.class)
        .setParameter("c", caseId)
        .getResultStream()
        .map(cb -> CallbackView.of(cb, city.zone(), freeText))
        .toList();
  }
}
