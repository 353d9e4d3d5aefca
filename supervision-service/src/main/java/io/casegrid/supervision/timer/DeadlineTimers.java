package io.casegrid.supervision.timer;

import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineWarning;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.supervision.accountability.Accountability;
import io.casegrid.supervision.order.SupervisionOrders;
import io.casegrid.supervision.policy.SupervisionRules;
import io.casegrid.supervision.tracking.CaseDeadline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The warning (预警) and overdue (超期) timers of every open case, kept in PostgreSQL: scheduling
 * writes a row, firing deletes it in the same transaction as the event it announces. A poller fires
 * due timers in batches, several workers side by side (each batch's rows locked with SKIP LOCKED,
 * as between instances); memory does not grow with the number of open cases.
 */
@ApplicationScoped
public class DeadlineTimers {

  /** The two timers of a case. */
  public enum Kind {
    WARNING,
    OVERDUE
  }

  private static final Logger LOG = Logger.getLogger(DeadlineTimers.class);

  private final EntityManager entityManager;
  private final Outbox outbox;
  private final SupervisionOrders orders;
  private final Accountability accountability;
  private final SupervisionRules rules;
  private final TimerConfig config;
  private final Counter fired;
  private final Timer detectionLag;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private final List<Thread> workers = new ArrayList<>();

  DeadlineTimers(
      EntityManager entityManager,
      Outbox outbox,
      SupervisionOrders orders,
      Accountability accountability,
      SupervisionRules rules,
      TimerConfig config,
      MeterRegistry registry) {
    this.entityManager = entityManager;
    this.outbox = outbox;
    this.orders = orders;
    this.accountability = accountability;
    this.rules = rules;
    this.config = config;
    this.fired =
        Counter.builder("casegrid.timers.fired")
            .description("Deadline timers fired (warnings and overdue)")
            .register(registry);
    this.detectionLag =
        Timer.builder("casegrid.deadlines.breach.detection.lag")
            .description(
                "How long after its deadline a breach was found: near the poll interval, unless"
                    + " the timers were held up or supervision was down")
            .register(registry);
  }

  /** Sets (or moves) the case's timers to its current warning and resolve deadlines. */
  public void schedule(CaseDeadline c) {
    cancel(c.caseId);
    insert(c.caseId, Kind.WARNING, c.warnedAt == null ? c.warningAt : null);
    insert(c.caseId, Kind.OVERDUE, c.breachedAt == null ? c.resolveDueAt : null);
    wakeUps.release();
  }

  /** The clock stopped (parked, resolved, closed): nothing is due until it runs again. */
  public void cancel(UUID caseId) {
    entityManager
        .createNativeQuery("DELETE FROM deadline_timer WHERE case_id = ?1")
        .setParameter(1, caseId)
        .executeUpdate();
  }

  private void insert(UUID caseId, Kind kind, Instant fireAt) {
    if (fireAt == null) {
      return;
    }
    entityManager
        .createNativeQuery(
            "INSERT INTO deadline_timer (case_id, kind, fire_at) VALUES (?1, ?2, ?3)")
        .setParameter(1, caseId)
        .setParameter(2, kind.name())
        .setParameter(3, fireAt)
        .executeUpdate();
  }

  void start(@Observes StartupEvent startup) {
    if (!config.enabled()) {
      return;
    }
    running = true;
    for (int i = 0; i < config.workers(); i++) {
      Thread worker = new Thread(this::fireUntilStopped, "deadline-timers-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    running = false;
    wakeUps.release(workers.size());
    for (Thread worker : workers) {
      worker.join(10_000);
    }
  }

  private void fireUntilStopped() {
    while (running) {
      try {
        if (fireDueBatch() < config.batchSize()) {
          wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeUps.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("firing deadline timers failed, will retry: %s", e.toString());
        try {
          Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Fires the timers due now, one batch in one transaction; returns how many fired. A breach is
   * dated at its deadline, however late it is found (after an outage, say): how late is measured.
   */
  int fireDueBatch() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              List<Due> due = takeDue(now);
              SupervisionRules.Rules current = rules.current();
              Map<UUID, String> overdue = new LinkedHashMap<>();
              Map<String, List<Instant>> breaches = new TreeMap<>();
              int count = 0;
              for (Due c : due) {
                if (c.warning()) {
                  outbox.announce(new DeadlineWarning(c.caseId(), c.department(), c.due(), now));
                  count++;
                }
                if (c.overdue()) {
                  outbox.announce(
                      new DeadlineBreached(c.caseId(), c.department(), c.due(), c.due()));
                  overdue.put(c.caseId(), c.department());
                  if (c.department() != null) {
                    breaches.computeIfAbsent(c.department(), d -> new ArrayList<>()).add(c.due());
                  }
                  detectionLag.record(Duration.between(c.due(), now));
                  count++;
                }
              }
              orders.issueAll(overdue, now);
              breaches.forEach(
                  (department, at) ->
                      accountability.afterBreaches(
                          department, at, now, current.ladder(), current.escalationPeriod()));
              fired.increment(count);
              return count;
            });
  }

  /** A case whose warning, overdue timer or both fell due in this batch. */
  private record Due(
      UUID caseId, boolean warning, boolean overdue, String department, Instant due) {}

  // One statement takes the batch's timers and marks their cases: a case whose two timers fell due
  // together (after downtime) is updated once, as PostgreSQL updates a row only once a statement.
  // The marks leave the version alone, so firing never conflicts with the consumer of the case.
  @SuppressWarnings("unchecked")
  private List<Due> takeDue(Instant now) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                WITH taken AS (
                  DELETE FROM deadline_timer WHERE ctid IN (
                    SELECT ctid FROM deadline_timer WHERE fire_at <= ?1
                    ORDER BY fire_at LIMIT ?2 FOR UPDATE SKIP LOCKED)
                  RETURNING case_id, kind),
                cases AS (
                  SELECT case_id, bool_or(kind = 'WARNING') AS warning,
                         bool_or(kind = 'OVERDUE') AS overdue
                  FROM taken GROUP BY case_id)
                UPDATE case_deadline d SET
                  warned_at = CASE WHEN cases.warning THEN ?1 ELSE d.warned_at END,
                  breached_at = CASE WHEN cases.overdue THEN d.resolve_due_at
                                     ELSE d.breached_at END,
                  breach_detected_at = CASE WHEN cases.overdue THEN ?1
                                            ELSE d.breach_detected_at END
                FROM cases WHERE d.case_id = cases.case_id
                RETURNING d.case_id, cases.warning, cases.overdue, d.department_code,
                          d.resolve_due_at
                """)
            .setParameter(1, now)
            .setParameter(2, config.batchSize())
            .getResultList();
    List<Due> due = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      due.add(
          new Due(
              (UUID) row[0],
              (Boolean) row[1],
              (Boolean) row[2],
              (String) row[3],
              row[4] instanceof OffsetDateTime o ? o.toInstant() : (Instant) row[4]));
    }
    return due;
  }
}
