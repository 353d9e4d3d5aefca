package io.casegrid.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.Postgres;
import io.casegrid.embedded.TestInfrastructure;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A city that ran supervision at migration V10 upgrades: its database, cases and projection
 * included, is migrated by the migrations of this build, as the service does when it starts. The
 * functions of the metrics projection are repeatable migrations, rewritten after the versioned
 * ones, and the projection is rebuilt by them.
 */
class MigratingAnInstallationTest {

  private static final String ZONE = "Asia/Shanghai";
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)(_\\d+)?__.*\\.sql");
  private static String url;

  @BeforeAll
  static void anInstallationAtV10WithItsCases() throws SQLException, IOException {
    Postgres postgres = TestInfrastructure.shared().postgres();
    String database = "supervision_v10_" + Long.toHexString(System.nanoTime());
    postgres.ensureDatabase(database);
    url = postgres.jdbcUrl(database);
    Path upToV10 = versionsUpTo(10);
    try {
      MigrateResult v10 =
          flyway().locations("filesystem:" + upToV10, "classpath:db/kit").load().migrate();
      assertThat(v10.targetSchemaVersion).isEqualTo("10");
    } finally {
      TestInfrastructure.deleteRecursively(upToV10);
    }
    sql(
        // A case WATER returned and got back (dispatched twice), signed, closed after its deadline,
        // and breached: found two hours late.
        """
        INSERT INTO case_deadline (case_id, case_number, category_code, urgency, department_code,
          district_code, street_code, grid_code, reported_at, clock_started_at, dispatched_at,
          last_dispatched_at, dispatches, returns, policy_reference, sign_due_at, resolve_due_at,
          warning_at, status, resolve_unit, signed_at, resolved_at, closed_at, fixes, breached_at)
        VALUES ('6f1c0a7e-0000-4000-8000-000000000001', '202610090000001', '0101', 'URGENT',
          'WATER', '339901', '339901001', '339901001001001', '2026-10-09T01:55:00Z',
          '2026-10-09T02:00:00Z', '2026-10-09T02:00:00Z', '2026-10-09T02:30:00Z', 2, 1,
          '0101/URGENT', '2026-10-09T02:30:00Z', '2026-10-09T08:00:00Z', '2026-10-09T06:48:00Z',
          'CLOSED', 'NATURAL_HOURS', '2026-10-09T02:40:00Z', '2026-10-09T09:00:00Z',
          '2026-10-09T10:00:00Z', 1, '2026-10-09T10:00:00Z')
        """,
        // Its projection as V10 kept it, then lost: the upgrade must give it back.
        "SELECT metric_daily_rebuild('" + ZONE + "')",
        "SELECT metric_monthly_from_daily(), area_metric_rebuild('" + ZONE + "')",
        "DELETE FROM metric_daily",
        "DELETE FROM area_metric_monthly");
  }

  @Test
  void upgradesItKeepingItsCasesAndRebuildingTheProjectionWithTheFunctionsAsTheyStandNow()
      throws SQLException {
    MigrateResult upgrade = flyway().load().migrate();

    assertThat(upgrade.success).isTrue();
    assertThat(upgrade.migrations)
        .extracting(m -> m.version.isEmpty() ? "R " + m.description : "V" + m.version)
        .contains("V11", "V12", "R metrics projection functions");
    // The case is kept; the breach is dated at its deadline and its finding kept apart (V11).
    assertThat(
            row(
                "SELECT case_number, dispatches, returns, breached_at = resolve_due_at,"
                    + " breach_detected_at = closed_at FROM case_deadline"))
        .containsExactly("202610090000001", 2, 1, true, true);
    // Which department returned it was not recorded: its dispatches stay with WATER, the return
    // upheld, as the accurate-dispatch rate counted it (V12).
    assertThat(
            row(
                "SELECT array_to_string(dispatch_departments, ','),"
                    + " array_to_string(dispatch_returns, ',') FROM case_deadline"))
        .containsExactly("WATER,WATER", "UPHELD,NONE");
    // The projection is what the functions of this build compute from the case.
    assertThat(
            row(
                "SELECT dispatched, dispatches, returned, returns_upheld, returns_refused, signed,"
                    + " signed_on_time, due, closed, closed_on_time FROM metric_daily"
                    + " WHERE department_code = 'WATER'"))
        .containsExactly(1, 2, 1, 1, 0, 1, 0, 1, 1, 0);
    assertThat(
            row(
                "SELECT sum(due), sum(closed) FROM area_metric_monthly WHERE level = 'STREET'"
                    + " AND street_code = '339901001'"))
        .containsExactly(1L, 1L);
    assertThat(row("SELECT metrics_rebuild('" + ZONE + "')")).containsExactly(1L);

    // Started again unchanged, the service migrates nothing.
    assertThat(flyway().load().migrate().migrationsExecuted).isZero();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
    // As the service's application.properties configures Flyway.
    return Flyway.configure()
        .dataSource(url, Postgres.USER, "")
        .locations("classpath:db/migration", "classpath:db/kit")
        .placeholders(Map.of("city_zone", ZONE));
  }

  /**
   * The versioned migrations of this build up to {@code version}, alone in a folder: an
   * installation at that version never ran the repeatable ones, which Flyway runs whatever the
   * target.
   */
  private static Path versionsUpTo(int version) {
    try {
      Path all = Path.of(MigratingAnInstallationTest.class.getResource("/db/migration").toURI());
      Path some = Files.createTempDirectory("supervision-migrations-");
      try (Stream<Path> files = Files.list(all)) {
        for (Path file : files.toList()) {
          Matcher v = VERSIONED.matcher(file.getFileName().toString());
          if (v.matches() && Integer.parseInt(v.group(1)) <= version) {
            Files.copy(file, some.resolve(file.getFileName()));
          }
        }
      }
      return some;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("could not read the migrations", e);
    }
  }

  private static void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, Postgres.USER, "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static List<Object> row(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, Postgres.USER, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      assertThat(r.next()).as(query).isTrue();
      List<Object> values = new ArrayList<>();
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        values.add(r.getObject(i));
      }
      return values;
    }
  }
}
