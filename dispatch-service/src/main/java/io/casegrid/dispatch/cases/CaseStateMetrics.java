package io.casegrid.dispatch.cases;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes how many cases are in each state, for dashboards and alerts. Counted with one query at
 * most every few seconds, however often the metrics are scraped.
 */
@Startup
@ApplicationScoped
public class CaseStateMetrics {

  private static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private final EntityManager entityManager;
  private Map<CaseState, Long> counts = new EnumMap<>(CaseState.class);
  private long countedAt;

  CaseStateMetrics(EntityManager entityManager, MeterRegistry registry) {
    this.entityManager = entityManager;
    for (CaseState state : CaseState.values()) {
      Gauge.builder("casegrid.cases", this, metrics -> metrics.count(state))
          .description("Cases in dispatch, by state")
          .tag("state", state.name())
          .register(registry);
    }
  }

  private synchronized double count(CaseState state) {
    long now = System.nanoTime();
    if (countedAt == 0 || now - countedAt > FRESH_FOR.toNanos()) {
      counts = QuarkusTransaction.requiringNew().call(this::countByState);
      countedAt = now;
    }
    return counts.getOrDefault(state, 0L);
  }

  private Map<CaseState, Long> countByState() {
    Map<CaseState, Long> result = new EnumMap<>(CaseState.class);
    List<Object[]> rows =
        entityManager
            .createQuery(
                "SELECT c.state, count(c) FROM DispatchCase c GROUP BY c.state", Object[].class)
            .getResultList();
    for (Object[] row : rows) {
      result.put((CaseState) row[0], (Long) row[1]);
    }
    return result;
  }
}
