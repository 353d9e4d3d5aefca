package io.casegrid.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.ChildJvm;
import io.casegrid.embedded.FreePorts;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two instances of dispatch share one database and one consumer group. They split the work, and
 * when one of them crashes the other finishes it: every case is dispatched exactly once, and its
 * event is announced once (Kafka may carry a repeat of the same event, which consumers drop).
 */
class TwoDispatchInstancesIT {

  private static final int CASES = 300;
  private final LocalStack system = RunningSystem.stack();
  private final EventCodec codec = new EventCodec();

  @Test
  void twoInstancesDispatchEveryCaseExactlyOnceEvenWhenOneCrashes() throws Exception {
    int secondPort = FreePorts.next();
    ChildJvm second = system.startExtraInstance("dispatch", secondPort);
    Set<String> filed = new HashSet<>();
    try (TopicProbe dispatched =
        new TopicProbe(system.kafka().adminLogin(), Topics.DISPATCH_CASES)) {
      for (int i = 0; i < CASES; i++) {
        if (i == CASES / 3) {
          // The second instance must have taken its share before it crashes.
          await().atMost(Duration.ofSeconds(60)).until(() -> applied(secondPort) > 0);
          second.kill();
        }
        filed.add(fileCase(i));
      }

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> keysOf(dispatched.records()).containsAll(filed));

      List<ConsumerRecord<String, String>> records =
          dispatched.records(r -> filed.contains(r.key()));
      Set<UUID> eventIds =
          records.stream()
              .map(r -> codec.read(r.value()))
              .map(CloudEvent::id)
              .collect(Collectors.toSet());
      assertThat(eventIds).as("one CaseDispatched event per case").hasSize(CASES);
      assertThat(count("SELECT count(*) FROM dispatch_case WHERE case_id::text = ANY(?)", filed))
          .isEqualTo(CASES);
      assertThat(
              count(
                  "SELECT count(DISTINCT case_id) FROM dispatch_case WHERE case_id::text = ANY(?)",
                  filed))
          .isEqualTo(CASES);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count("SELECT count(*) FROM outbox_event", null) == 0);
    }
  }

  private String fileCase(int i) {
    return RunningSystem.as("operator1")
        .baseUri(system.url("intake"))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind",
                "COMPLAINT",
                "channel",
                "APP",
                "categoryCode",
                "E0101",
                "description",
                "暴露垃圾 #" + i,
                "position",
                Map.of("latitude", 30.215 + (i % 50) * 0.001, "longitude", 120.0865),
                "reporter",
                Map.of("anonymous", true, "callbackConsent", false)))
        .post("/api/cases")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static double applied(int port) {
    return given()
        .baseUri("http://127.0.0.1:" + port)
        .get("/q/metrics")
        .asString()
        .lines()
        .filter(l -> l.startsWith("casegrid_inbox_applied_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static Set<String> keysOf(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
  }

  private long count(String sql, Set<String> ids) throws SQLException {
    try (Connection c = system.postgres().connect("dispatch")) {
      if (ids == null) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(sql)) {
          rs.next();
          return rs.getLong(1);
        }
      }
      try (var ps = c.prepareStatement(sql)) {
        ps.setArray(1, c.createArrayOf("text", ids.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }
  }
}
