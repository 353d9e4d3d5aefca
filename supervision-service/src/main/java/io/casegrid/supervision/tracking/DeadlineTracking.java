package io.casegrid.supervision.tracking;

import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseResumed;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.Location;
import io.casegrid.events.RequestKind;
import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.kit.inbox.EventInbox;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.supervision.deadline.DeadlineCalculator;
import io.casegrid.supervision.metrics.CaseFacts;
import io.casegrid.supervision.metrics.MetricsProjection;
import io.casegrid.supervision.order.SupervisionOrders;
import io.casegrid.supervision.policy.DeadlinePolicy;
import io.casegrid.supervision.policy.SupervisionRules;
import io.casegrid.supervision.timer.DeadlineTimers;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows cases from intake and dispatch and sets their deadlines when the clock starts, at
 * dispatch. The two topics are not ordered against each other, so either event may come first: each
 * fills in what it knows.
 */
@ApplicationScoped
public class DeadlineTracking {

  private static final Logger LOG = Logger.getLogger(DeadlineTracking.class);
  static final String CONSUMER = "supervision";

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;
  private final SupervisionRules rules;
  private final Outbox outbox;
  private final DeadlineTimers timers;
  private final SupervisionOrders orders;
  private final MetricsProjection metrics;
  private final MergedCases merges;

  DeadlineTracking(
      EventInbox inbox,
      EventCodec codec,
      EntityManager entityManager,
      SupervisionRules rules,
      Outbox outbox,
      DeadlineTimers timers,
      SupervisionOrders orders,
      MetricsProjection metrics,
      MergedCases merges) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
    this.rules = rules;
    this.outbox = outbox;
    this.timers = timers;
    this.orders = orders;
    this.metrics = metrics;
    this.merges = merges;
  }

  @Incoming("intake-cases")
  @Blocking
  public void fromIntake(ConsumerRecords<String, String> records) {
    inbox.consume(CONSUMER, records, this::apply);
  }

  @Incoming("dispatch-cases")
  @Blocking
  public void fromDispatch(ConsumerRecords<String, String> records) {
    inbox.consume(CONSUMER, records, this::apply);
  }

  private void apply(CloudEvent event) {
    Optional<EventType> type = EventType.ofType(event.type());
    if (type.isEmpty()) {
      return;
    }
    CaseEvent payload = codec.payload(event, type.get().payloadClass());
    if (payload instanceof SupervisionOrderAnswered answered) {
      orders.answered(answered);
      return;
    }
    if (payload instanceof CaseMerged merge) {
      // Keyed by the surviving case, but what changes is the merged case's clock and facts.
      merges.merged(merge);
      return;
    }
    // The metrics follow the case's facts: what the event changes in them, it changes in the
    // daily counters, in the same transaction.
    CaseFacts before = facts(payload.caseId());
    switch (type.get()) {
      case CASE_REPORTED -> reported((CaseReported) payload);
      case CALLBACK_RECORDED -> calledBack((CallbackRecorded) payload);
      case CASE_DISPATCHED -> dispatched((CaseDispatched) payload);
      case CASE_SIGNED -> signed((CaseSigned) payload);
      case CASE_RETURNED -> returned((CaseReturned) payload);
      case CASE_REFERRED -> referred((CaseReferred) payload);
      case APPROVAL_DECIDED -> decided((ApprovalDecided) payload);
      case CASE_RESUMED -> resumed((CaseResumed) payload);
      case CASE_RESOLVED -> resolved((CaseResolved) payload);
      case CASE_REOPENED -> reopened((CaseReopened) payload);
      case CASE_CLOSED -> closed((CaseClosed) payload);
      default -> {
        // Requests and co-handling reports change neither the clock nor the metrics.
      }
    }
    metrics.changed(before, facts(payload.caseId()));
  }

  private CaseFacts facts(UUID caseId) {
    CaseDeadline c = entityManager.find(CaseDeadline.class, caseId);
    return c == null ? null : c.facts();
  }

  // The events below follow CaseDispatched on the same partition, so the case is known.
  private void signed(CaseSigned e) {
    known(e.caseId()).ifPresent(c -> c.signedAt = e.signedAt());
  }

  // A return does not move the clock: the case goes back through routing, and its next dispatch
  // follows. It counts for the department that returned it; the next dispatch tells whether it was
  // upheld (placed elsewhere) or refused (sent back).
  private void returned(CaseReturned e) {
    known(e.caseId())
        .ifPresent(
            c -> {
              c.returns++;
              List<CaseFacts.Dispatch> history = c.dispatchHistory();
              int last = history.size() - 1;
              if (last >= 0 && Objects.equals(history.get(last).department(), e.departmentCode())) {
                history.set(last, history.get(last).returned(CaseFacts.Return.PENDING));
                c.dispatchHistory(history);
              } else {
                LOG.warnf(
                    "case %s returned by %s, which it was not dispatched to last",
                    e.caseId(), e.departmentCode());
              }
            });
  }

  // A referral to the asset's owner is no return and restarts no clock: the CaseDispatched that
  // follows moves the case to the owner, which signs for it anew against the same deadlines.
  private void referred(CaseReferred e) {
    known(e.caseId()).ifPresent(c -> c.signedAt = null);
  }

  private void decided(ApprovalDecided e) {
    if (!e.approved()) {
      return;
    }
    known(e.caseId())
        .ifPresent(
            c -> {
              if (e.kind() == RequestKind.EXTENSION && e.until() != null) {
                c.resolveDueAt = e.until();
                c.extended = true;
                c.breachedAt = null;
                c.breachDetectedAt = null;
                timers.schedule(c);
              } else if (e.kind() == RequestKind.PARKING) {
                c.status = CaseProgress.PARKED;
                c.parked = true;
                c.parkedSince = e.decidedAt();
                timers.cancel(c.caseId);
              }
            });
  }

  private void resumed(CaseResumed e) {
    known(e.caseId())
        .filter(c -> c.parkedSince != null && c.resolveDueAt != null && c.resolveUnit != null)
        .ifPresent(
            c -> {
              DeadlineCalculator calculator = rules.current().calculator();
              c.resolveDueAt =
                  calculator.resumed(c.resolveDueAt, c.parkedSince, e.resumedAt(), c.resolveUnit);
              if (c.warningAt != null) {
                c.warningAt =
                    calculator.resumed(c.warningAt, c.parkedSince, e.resumedAt(), c.resolveUnit);
              }
              c.parkedSince = null;
              c.status = CaseProgress.IN_HAND;
              timers.schedule(c);
            });
  }

  private void resolved(CaseResolved e) {
    known(e.caseId())
        .ifPresent(
            c -> {
              c.resolvedAt = e.resolvedAt();
              c.fixes++;
              c.status = CaseProgress.RESOLVED;
              timers.cancel(c.caseId);
            });
  }

  private void reopened(CaseReopened e) {
    known(e.caseId())
        .ifPresent(
            c -> {
              // The deadline stays: rework counts against the time the case was given. A case
              // reopened after closure (a dissatisfied callback) is not closed until it closes
              // again, and that closing decides whether it closed on time.
              c.resolvedAt = null;
              c.closedAt = null;
              c.reworkCount = e.reworkCount();
              c.status = CaseProgress.IN_HAND;
              timers.schedule(c);
            });
  }

  private void closed(CaseClosed e) {
    known(e.caseId())
        .ifPresent(
            c -> {
              c.closedAt = e.closedAt();
              c.status = CaseProgress.CLOSED;
              timers.cancel(c.caseId);
            });
  }

  private Optional<CaseDeadline> known(UUID caseId) {
    Optional<CaseDeadline> c = Optional.ofNullable(entityManager.find(CaseDeadline.class, caseId));
    if (c.isEmpty()) {
      LOG.warnf("event for case %s, which supervision does not know", caseId);
    }
    return c;
  }

  private void reported(CaseReported e) {
    CaseDeadline c = find(e.caseId());
    c.caseNumber = e.caseNumber();
    c.categoryCode = e.categoryCode();
    c.urgency = e.urgency();
    c.reportedAt = e.reportedAt();
    located(c, e.location());
    if (e.closedAtFirstContact()) {
      // No department will handle it: the case is closed, and counts as resolved on the call.
      c.firstContactClosedAt = e.resolvedAtFirstContact().closedAt();
      c.status = CaseProgress.CLOSED;
    }
    persistIfNew(c);
  }

  // A case may be called back several times (the citizen not reached, or reached after a
  // reopening): the metrics count its latest callback. It follows CaseReported on intake's topic.
  private void calledBack(CallbackRecorded e) {
    known(e.caseId())
        .filter(c -> c.callbackAt == null || !e.recordedAt().isBefore(c.callbackAt))
        .ifPresent(
            c -> {
              c.callbackAt = e.recordedAt();
              c.callbackContacted = e.contacted();
              c.callbackResolved = e.resolved();
              c.callbackSatisfaction = e.satisfaction();
            });
  }

  private void dispatched(CaseDispatched e) {
    CaseDeadline c = find(e.caseId());
    c.caseNumber = e.caseNumber();
    c.categoryCode = e.categoryCode();
    c.urgency = e.urgency();
    c.reportedAt = e.reportedAt();
    c.departmentCode = e.departmentCode();
    if (c.status == CaseProgress.REPORTED) {
      c.status = CaseProgress.IN_HAND;
    }
    located(c, e.location());
    c.dispatches++;
    c.dispatchHistory(placed(c.dispatchHistory(), e.departmentCode()));
    if (c.dispatchedAt == null) {
      c.dispatchedAt = e.dispatchedAt();
    }
    c.lastDispatchedAt = e.dispatchedAt();
    persistIfNew(c);
    if (c.clockStartedAt == null && c.status != CaseProgress.MERGED) {
      SupervisionRules.Rules now = rules.current();
      Optional<DeadlinePolicy> policy = now.policies().policyFor(c.categoryCode, c.urgency);
      if (policy.isPresent() && now.calculator() != null) {
        start(c, policy.get(), now.calculator(), e);
        // The timers refer to the case's row: write it first.
        entityManager.flush();
        timers.schedule(c);
      } else {
        LOG.warnf(
            "no deadline policy or calendar for %s/%s: case %s has no deadline",
            c.categoryCode, c.urgency, c.caseNumber);
      }
    }
  }

  private void start(
      CaseDeadline c, DeadlinePolicy policy, DeadlineCalculator calculator, CaseDispatched e) {
    c.clockStartedAt = e.dispatchedAt();
    c.policyReference = policy.reference();
    c.resolveUnit = policy.resolve().unit();
    c.signDueAt = policy.sign().dueFrom(c.clockStartedAt, calculator);
    c.makeSafeDueAt =
        policy.makeSafe() == null ? null : policy.makeSafe().dueFrom(c.clockStartedAt, calculator);
    c.resolveDueAt = policy.resolve().dueFrom(c.clockStartedAt, calculator);
    c.warningAt =
        calculator.warningAt(
            c.clockStartedAt,
            c.resolveDueAt,
            policy.resolve().unit(),
            policy.warningShare().doubleValue());
    outbox.announce(
        new DeadlineSet(
            c.caseId,
            c.departmentCode,
            c.policyReference,
            c.clockStartedAt,
            c.signDueAt,
            c.makeSafeDueAt,
            c.resolveDueAt));
  }

  /**
   * The history with a dispatch to {@code department} added: a return waiting for it is upheld if
   * the case goes to another department, refused if it goes back to the one that returned it.
   */
  private static List<CaseFacts.Dispatch> placed(
      List<CaseFacts.Dispatch> history, String department) {
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
    return history;
  }

  private static void located(CaseDeadline c, Location location) {
    if (location != null) {
      c.districtCode = location.districtCode();
      c.streetCode = location.streetCode();
      c.gridCode = location.gridCode();
    }
  }

  private CaseDeadline find(UUID caseId) {
    CaseDeadline c = entityManager.find(CaseDeadline.class, caseId);
    if (c == null) {
      c = new CaseDeadline();
      c.caseId = caseId;
      if (merges.wasMerged(caseId)) {
        c.status = CaseProgress.MERGED;
      }
    }
    return c;
  }

  // Persisted once filled in: Hibernate takes a new entity's state when it is persisted.
  private void persistIfNew(CaseDeadline c) {
    if (!entityManager.contains(c)) {
      entityManager.persist(c);
    }
  }
}
