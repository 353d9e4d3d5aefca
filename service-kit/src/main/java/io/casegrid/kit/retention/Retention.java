package io.casegrid.kit.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes old bookkeeping (processed-event ids, dead letters, and what services add) in small
 * batches, so tables that grow with every message stay bounded. Several instances may run it at
 * once: each batch deletes what is old at that moment, and deleting twice is harmless.
 */
@ApplicationScoped
public class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class);

  private final EntityManager entityManager;
  private final RetentionConfig config;
  private final List<RetentionRule> rules = new ArrayList<>();
  private final MeterRegistry registry;
  private ScheduledExecutorService scheduler;

  Retention(
      EntityManager entityManager,
      RetentionConfig config,
      Instance<RetentionRule> serviceRules,
      MeterRegistry registry) {
    this.entityManager = entityManager;
    this.config = config;
    this.registry = registry;
    rules.add(new RetentionRule("processed_event", "processed_at", config.processedEvents()));
    rules.add(new RetentionRule("dead_letter", "failed_at", config.deadLetters()));
    serviceRules.forEach(rules::add);
  }

  void start(@Observes StartupEvent startup) {
    if (!config.enabled()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "retention");
              t.setDaemon(true);
              return t;
            });
    long every = config.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void runSafely() {
    try {
      runOnce(Instant.now());
    } catch (RuntimeException e) {
      // The next run tries again; bookkeeping that stays a little longer harms nothing.
      LOG.warn("retention run failed", e);
    }
  }

  /** Deletes, for every rule, the rows older than its age as of {@code now}; returns how many. */
  public long runOnce(Instant now) {
    long total = 0;
    for (RetentionRule rule : rules) {
      Instant cutoff = now.minus(rule.maxAge());
      long deleted = 0;
      int batch;
      do {
        batch =
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        entityManager
                            .createNativeQuery(
                                "DELETE FROM "
                                    + rule.table()
                                    + " WHERE ctid IN (SELECT ctid FROM "
                                    + rule.table()
                                    + " WHERE "
                                    + rule.timeColumn()
                                    + " < ?1 LIMIT ?2)")
                            .setParameter(1, cutoff)
                            .setParameter(2, config.batchSize())
                            .executeUpdate());
        deleted += batch;
      } while (batch == config.batchSize());
      if (deleted > 0) {
        Counter.builder("casegrid.retention.deleted")
            .description("Rows deleted by the retention job")
            .tag("table", rule.table())
            .register(registry)
            .increment(deleted);
        LOG.infof("retention deleted %d rows of %s older than %s", deleted, rule.table(), cutoff);
      }
      total += deleted;
    }
    return total;
  }
}
