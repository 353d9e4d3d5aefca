package io.casegrid.dispatch.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.kit.retention.Retention;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Processed-event ids, dead letters and idempotency keys do not grow without end. */
@QuarkusTest
class KeepingBookkeepingBoundedTest {

  @Inject Retention retention;
  @Inject EntityManager entityManager;

  private void insert(String sql, Object... parameters) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              var query = entityManager.createNativeQuery(sql);
              for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
              }
              query.executeUpdate();
            });
  }

  private long count(String sql, Object parameter) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(sql)
                            .setParameter(1, parameter)
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void deletesWhatIsOlderThanItsRetentionAndKeepsTheRest() {
    Instant now = Instant.now();
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    insert(
        "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('test', ?1, ?2)",
        old,
        now.minus(Duration.ofDays(31)));
    insert(
        "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('test', ?1, ?2)",
        recent,
        now.minus(Duration.ofDays(29)));
    insert(
        "INSERT INTO command_key (idempotency_key, case_id, action, created_at)"
            + " VALUES (?1, ?2, 'SIGN', ?3)",
        "old-" + old,
        old,
        now.minus(Duration.ofDays(8)));
    insert(
        "INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, error, failed_at)"
            + " VALUES ('test', ?1, 0, 0, 'test', ?2)",
        "retention-" + old,
        now.minus(Duration.ofDays(91)));

    assertThat(retention.runOnce(now)).isGreaterThanOrEqualTo(3);

    assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ?1", old)).isZero();
    assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ?1", recent))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM command_key WHERE idempotency_key = ?1", "old-" + old))
        .isZero();
    assertThat(count("SELECT count(*) FROM dead_letter WHERE topic = ?1", "retention-" + old))
        .isZero();
  }
}
