package io.casegrid.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL as every profile runs it: a password for every role, and each service's role reaches
 * its own database only, and is no superuser.
 */
class SecuredPostgresTest {

  private static Postgres postgres;

  @TempDir Path home;

  @BeforeAll
  static void twoServicesDatabases() {
    postgres = TestInfrastructure.shared().postgres();
    postgres.ensureDatabase("intake");
    postgres.ensureDatabase("dispatch");
  }

  @Test
  void aServicesRoleCannotConnectToAnotherServicesDatabase() throws Exception {
    Postgres.Login intake = postgres.login("intake");
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                        postgres.jdbcUrl("dispatch"), intake.user(), intake.password())
                    .close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no pg_hba.conf entry");
    try (Connection own = postgres.connect("intake");
        Statement s = own.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT has_database_privilege('intake', 'dispatch', 'CONNECT'),"
                    + " has_database_privilege('intake', 'intake', 'CONNECT')")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("CONNECT to dispatch's database").isFalse();
      assertThat(rs.getBoolean(2)).as("CONNECT to its own").isTrue();
    }
  }

  @Test
  void noRoleConnectsWithoutItsPassword() {
    assertThatThrownBy(
            () -> DriverManager.getConnection(postgres.jdbcUrl("intake"), "intake", "").close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(postgres.jdbcUrl("intake"), "intake", "guessed")
                    .close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
    assertThatThrownBy(
            () -> DriverManager.getConnection(postgres.jdbcUrl("intake"), "postgres", "").close())
        .as("nor the superuser")
        .isInstanceOf(SQLException.class);
  }

  @Test
  void aServicesRoleOwnsItsDatabaseAndIsNoSuperuser() throws Exception {
    try (Connection c = postgres.connect("dispatch");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolbypassrls,"
                    + " pg_get_userbyid(d.datdba) FROM pg_roles r, pg_database d"
                    + " WHERE r.rolname = current_user AND d.datname = current_database()")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("superuser").isFalse();
      assertThat(rs.getBoolean(2)).as("creates databases").isFalse();
      assertThat(rs.getBoolean(3)).as("creates roles").isFalse();
      assertThat(rs.getBoolean(4)).as("bypasses row security").isFalse();
      assertThat(rs.getString(5)).as("owner of the database").isEqualTo("dispatch");
    }
  }

  @Test
  void anEarlierDataDirectoryThatTrustedEveryoneIsSecuredAndHandedToTheServicesRoles()
      throws Exception {
    Path data = home.resolve("pg");
    int port = FreePorts.next();
    // As the stack ran before: every local user trusted, the tables the superuser's.
    try (EmbeddedPostgres earlier =
            EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        Connection c = earlier.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE intake");
      try (Connection db = earlier.getDatabase("postgres", "intake").getConnection();
          Statement t = db.createStatement()) {
        t.execute("CREATE TABLE case_record (id BIGSERIAL PRIMARY KEY, number TEXT)");
        t.execute("INSERT INTO case_record (number) VALUES ('2026000001')");
      }
    }
    try (Postgres secured = Postgres.start(data, port, true, Credentials.inMemory())) {
      secured.ensureDatabase("intake");
      try (Connection c = secured.connect("intake");
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO case_record (number) VALUES ('2026000002')");
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM case_record")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(2);
        }
      }
      assertThatThrownBy(
              () -> DriverManager.getConnection(secured.jdbcUrl("intake"), "postgres", "").close())
          .as("the superuser is trusted no longer")
          .isInstanceOf(SQLException.class);
    }
  }
}
