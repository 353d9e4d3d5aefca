package io.casegrid.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServersTest {

  @TempDir Path home;

  @Test
  void postgresKeepsItsRowsAcrossARestartOnTheSameDataDirectory() throws Exception {
    int port = FreePorts.next();
    try (Postgres first = Postgres.start(home.resolve("pg"), port, true)) {
      first.ensureDatabase("intake");
      try (Connection c = DriverManager.getConnection(first.jdbcUrl("intake"), Postgres.USER, "");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (v TEXT)");
        s.execute("INSERT INTO kept VALUES ('still here')");
      }
    }
    try (Postgres second = Postgres.start(home.resolve("pg"), port, true);
        Connection c = DriverManager.getConnection(second.jdbcUrl("intake"), Postgres.USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    }
  }

  @Test
  void kafkaBrokerCarriesARecordAndKeepsItAcrossARestart() throws Exception {
    int port = FreePorts.next();
    int controller = FreePorts.next();
    try (KafkaBroker broker = KafkaBroker.start(home.resolve("kafka"), port, controller, "256m")) {
      broker.createTopics(List.of("probe"), 3);
      try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), "probe")) {
        probe.send("probe", "case-1", "hello");
      }
    }
    try (KafkaBroker again = KafkaBroker.start(home.resolve("kafka"), port, controller, "256m");
        TopicProbe probe = new TopicProbe(again.bootstrapServers(), "probe")) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> !probe.records().isEmpty());
      assertThat(probe.records())
          .extracting(r -> r.key() + "=" + r.value())
          .containsExactly("case-1=hello");
    }
  }
}
