package io.casegrid.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
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
    Credentials credentials = Credentials.inFile(home.resolve("keys/postgres.properties"), "test");
    try (Postgres first = Postgres.start(home.resolve("pg"), port, true, credentials)) {
      first.ensureDatabase("intake");
      try (Connection c = first.connect("intake");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (v TEXT)");
        s.execute("INSERT INTO kept VALUES ('still here')");
      }
    }
    // The passwords are read back from the file the first start wrote.
    Credentials again = Credentials.inFile(home.resolve("keys/postgres.properties"), "test");
    try (Postgres second = Postgres.start(home.resolve("pg"), port, true, again);
        Connection c = second.connect("intake");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    }
  }

  @Test
  void postgresKilledOutrightRecoversEveryCommittedRow() throws Exception {
    try (Postgres postgres =
        Postgres.start(home.resolve("pg"), FreePorts.next(), true, Credentials.inMemory())) {
      postgres.ensureDatabase("dispatch");
      try (Connection c = postgres.connect("dispatch");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept AS SELECT generate_series(1, 1000) AS n");
      }
      postgres.kill();
      postgres.restart();
      try (Connection c = postgres.connect("dispatch");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1000);
      }
    }
  }

  @Test
  void kafkaBrokerCarriesARecordAndKeepsItAcrossARestart() throws Exception {
    int port = FreePorts.next();
    int controller = FreePorts.next();
    Credentials credentials = Credentials.inFile(home.resolve("keys/kafka.properties"), "test");
    try (KafkaCluster broker =
        KafkaCluster.single(home.resolve("kafka"), port, controller, "256m", credentials)) {
      broker.createTopics(List.of("probe"), 3);
      try (TopicProbe probe = new TopicProbe(broker.adminLogin(), "probe")) {
        probe.send("probe", "case-1", "hello");
      }
    }
    Credentials again = Credentials.inFile(home.resolve("keys/kafka.properties"), "test");
    try (KafkaCluster broker =
            KafkaCluster.single(home.resolve("kafka"), port, controller, "256m", again);
        TopicProbe probe = new TopicProbe(broker.adminLogin(), "probe")) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> !probe.records().isEmpty());
      assertThat(probe.records())
          .extracting(r -> r.key() + "=" + r.value())
          .containsExactly("case-1=hello");
    }
  }
}
