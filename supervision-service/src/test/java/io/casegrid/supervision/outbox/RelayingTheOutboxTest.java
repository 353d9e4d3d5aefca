package io.casegrid.supervision.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.DeadlineWarning;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.casegrid.kit.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay hands Kafka what was announced, batch after batch, each case's events in the
 * order they were announced, and its backlog gauge counts down to none.
 */
@QuarkusTest
class RelayingTheOutboxTest {

  private static final EventCodec CODEC = new EventCodec();
  private static TopicProbe supervision;

  @Inject Outbox outbox;
  @Inject MeterRegistry registry;

  @BeforeAll
  static void watch() {
    supervision =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.SUPERVISION_CASES);
  }

  @AfterAll
  static void stopWatching() {
    supervision.close();
  }

  @Test
  void relaysABacklogOfSeveralBatchesInTheOrderItWasAnnounced() {
    UUID caseId = UUID.randomUUID();
    Instant start = Instant.parse("2026-01-05T00:00:00Z");
    // More than two of the relay's batches (500), for one case: one partition, one order.
    List<DeadlineWarning> warnings =
        IntStream.range(0, 1_200)
            .mapToObj(i -> new DeadlineWarning(caseId, "DRAINAGE", start.plusSeconds(i), start))
            .toList();
    QuarkusTransaction.requiringNew().run(() -> outbox.announceAll(warnings));

    String key = caseId.toString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> supervision.records(r -> r.key().equals(key)), l -> l.size() >= 1_200);
    List<Instant> relayed =
        supervision.records(r -> r.key().equals(key)).stream()
            .map(ConsumerRecord::value)
            .map(CODEC::read)
            .map(e -> CODEC.payload(e, DeadlineWarning.class).resolveDueAt())
            .toList();
    assertThat(relayed)
        .containsExactlyElementsOf(warnings.stream().map(w -> w.resolveDueAt()).toList());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> registry.get("casegrid.outbox.backlog").gauge().value(), v -> v == 0);
  }
}
