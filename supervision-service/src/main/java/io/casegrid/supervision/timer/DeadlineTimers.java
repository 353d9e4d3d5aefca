package io.casegrid.supervision.timer;

import io.casegrid.events.ContractEvent;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineWarning;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.supervision.accountability.Accountability;
import io.casegrid.supervision.order.SupervisionOrders;
import io.casegrid.supervision.policy.SupervisionRules;
import io.casegrid.supervision.tracking.CaseDeadline;
import io.casegrid.supervision.tracking.CaseDeadlines;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Fires the warning (预警) and overdue (超期) timers that {@link CaseDeadlines} keeps in PostgreSQL: an
 * adapter around {@link CaseDeadline}. A poller takes the timers due in batches, several workers
 * side by side (each batch's rows locked with SKIP LOCKED, as between instances); for each case it
 * lets the case warn or breach, climbs the escalation ladder, issues the overdue cases' supervision
 * orders and announces through the outbox what the case answers, each breach carrying its order, in
 * the transaction that takes the timers, so each fires once. Memory does not grow with the number
 * of open cases.
 */
@ApplicationScoped
public class DeadlineTimers {

  private static final Logger LOG = Logger.getLogger(DeadlineTimers.class);

  private final CaseDeadlines deadlines;
  private final Outbox outbox;
  private final SupervisionOrders orders;
  private final Accountability accountability;
  private final SupervisionRules rules;
  private final TimerConfig config;
  private final Counter fired;
  private final Timer lateness;
  private final Timer detectionLag;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private final List<Thread> workers = new ArrayList<>();

  DeadlineTimers(
      CaseDeadlines deadlines,
      Outbox outbox,
      SupervisionOrders orders,
      Accountability accountability,
      SupervisionRules rules,
      TimerConfig config,
      MeterRegistry registry) {
    this.deadlines = deadlines;
    this.outbox = outbox;
    this.orders = orders;
    this.accountability = accountability;
    this.rules = rules;
    this.config = config;
    this.fired =
        Counter.builder("casegrid.timers.fired")
            .description("Deadline timers fired (warnings and overdue)")
            .register(registry);
    // How long after its time a timer fired: the poll interval when all is well, more when the
    // service was down or cannot keep up (alerted on in deploy/kubernetes/monitoring).
    this.lateness =
        Timer.builder("casegrid.timers.lateness")
            .description("How long after its time each deadline timer fired")
            .register(registry);
    this.detectionLag =
        Timer.builder("casegrid.deadlines.breach.detection.lag")
            .description(
                "How long after its deadline a breach was found: near the poll interval, unless"
                    + " the timers were held up or supervision was down")
            .register(registry);
  }

  // A timer set for now or soon need not wait for the next poll.
  void wakeUp(@Observes CaseDeadlines.TimersMoved moved) {
    wakeUps.release();
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
   * Fires the timers due now, one batch in one transaction; answers how many were taken. A breach
   * is dated at its deadline, however late it is found (after an outage, say): how late is
   * measured. Warnings and breaches change none of the facts the metrics count (a breach counts
   * through the case's deadline, not the mark), so the metrics are not touched here.
   */
  int fireDueBatch() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              List<CaseDeadlines.Due> due = deadlines.takeDue(now, config.batchSize());
              List<ContractEvent> announced = new ArrayList<>();
              List<DeadlineBreached> breaches = new ArrayList<>();
              List<CaseDeadline> marked = new ArrayList<>();
              int taken = 0;
              for (CaseDeadlines.Due d : due) {
                CaseDeadline c = d.deadline();
                lateness.record(Duration.between(d.fireAt(), now));
                boolean changed = false;
                if (d.warning()) {
                  taken++;
                  Optional<DeadlineWarning> warning = c.warn(now);
                  warning.ifPresent(announced::add);
                  changed = warning.isPresent();
                }
                if (d.overdue()) {
                  taken++;
                  Optional<DeadlineBreached> breach = c.breach(now);
                  breach.ifPresent(breaches::add);
                  changed |= breach.isPresent();
                }
                if (changed) {
                  marked.add(c);
                }
              }
              // The marks first: the ladder counts the department's breaches from the rows.
              deadlines.marked(marked);
              // The ladder next: each order names the step its department has reached. Each
              // breach is announced once, carrying its order.
              SupervisionRules.Rules current = rules.current();
              climbTheLadder(breaches, current);
              announced.addAll(
                  orders.issueAll(
                      breaches, now, accountability.stepsReached(current.escalationPeriod())));
              outbox.announceAll(announced);
              breaches.forEach(b -> detectionLag.record(Duration.between(b.breachedAt(), now)));
              fired.increment(taken);
              return taken;
            });
  }

  // Departments in their natural order: the ladder locks each in turn.
  private void climbTheLadder(List<DeadlineBreached> breaches, SupervisionRules.Rules current) {
    Map<String, List<Instant>> byDepartment = new TreeMap<>();
    for (DeadlineBreached b : breaches) {
      if (b.departmentCode() != null) {
        byDepartment
            .computeIfAbsent(b.departmentCode(), d -> new ArrayList<>())
            .add(b.breachedAt());
      }
    }
    byDepartment.forEach(
        (department, at) ->
            accountability.afterBreaches(
                department, at, current.ladder(), current.escalationPeriod()));
  }
}
