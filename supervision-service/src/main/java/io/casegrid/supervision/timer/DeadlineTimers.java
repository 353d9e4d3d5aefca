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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The warning (预警) and overdue (超期) timers of every open case, kept in PostgreSQL: scheduling
 * writes a row, firing deletes it in the same transaction as the event it announces. A poller fires
 * due timers in batches; memory does not grow with the number of open cases.
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
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;

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
    worker = new Thread(this::fireUntilStopped, "deadline-timers");
    worker.setDaemon(true);
    worker.start();
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    running = false;
    if (worker != null) {
      wakeUps.release();
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

  /** Fires the timers due now, one batch in one transaction; returns how many fired. */
  int fireDueBatch() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              @SuppressWarnings("unchecked")
              List<Object[]> due =
                  entityManager
                      .createNativeQuery(
                          "DELETE FROM deadline_timer WHERE ctid IN (SELECT ctid FROM"
                              + " deadline_timer WHERE fire_at <= ?1 ORDER BY fire_at LIMIT ?2"
                              + " FOR UPDATE SKIP LOCKED) RETURNING case_id, kind, fire_at")
                      .setParameter(1, now)
                      .setParameter(2, config.batchSize())
                      .getResultList();
              for (Object[] timer : due) {
                fire((UUID) timer[0], Kind.valueOf((String) timer[1]), now);
              }
              fired.increment(due.size());
              return due.size();
            });
  }

  // A plain update that leaves the version alone, so firing never conflicts with the consumer
  // following the same case; the case writes only the columns it changes.
  private void fire(UUID caseId, Kind kind, Instant now) {
    Object[] c =
        (Object[])
            entityManager
                .createNativeQuery(
                    "UPDATE case_deadline SET "
                        + (kind == Kind.WARNING ? "warned_at" : "breached_at")
                        + " = ?1 WHERE case_id = ?2 RETURNING department_code, resolve_due_at")
                .setParameter(1, now)
                .setParameter(2, caseId)
                .getSingleResult();
    String department = (String) c[0];
    Instant due = c[1] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) c[1];
    if (kind == Kind.WARNING) {
      outbox.announce(new DeadlineWarning(caseId, department, due, now));
    } else {
      outbox.announce(new DeadlineBreached(caseId, department, due, now));
      orders.issue(caseId, department, now);
      SupervisionRules.Rules current = rules.current();
      accountability.afterBreach(department, now, current.ladder(), current.escalationPeriod());
    }
  }
}
