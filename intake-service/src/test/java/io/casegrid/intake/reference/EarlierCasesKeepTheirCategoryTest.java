package io.casegrid.intake.reference;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V4__Seal_reporters_personal_data;
import io.casegrid.embedded.Postgres;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.intake.personal.PersonalDataCipher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A database from before catalogue versions is upgraded: its catalogue becomes version 1 and every
 * earlier case is filed under it. Real PostgreSQL, a database of its own.
 */
class EarlierCasesKeepTheirCategoryTest {

  private static final String DATABASE = "intake_before_catalogue_versions";

  private static FluentConfiguration flyway(String url) {
    return Flyway.configure()
        .dataSource(
            url, DATABASE, TestInfrastructure.shared().postgres().login(DATABASE).password())
        .locations("classpath:db/migration", "classpath:db/kit")
        .javaMigrationClassProvider(List::of)
        .javaMigrations(
            new V4__Seal_reporters_personal_data(
                PersonalDataCipher.withKey(PersonalDataCipher.generateKey())));
  }

  @Test
  void filesEveryEarlierCaseUnderTheFirstVersionOfTheCatalogue() throws Exception {
    Postgres postgres = TestInfrastructure.shared().postgres();
    postgres.ensureDatabase(DATABASE);
    String url = postgres.jdbcUrl(DATABASE);
    flyway(url).target("8").load().migrate();
    try (Connection db = postgres.connect(DATABASE);
        Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO category (code, name, kind, default_urgency) VALUES"
              + " ('E0101', '暴露垃圾', 'EVENT', 'NORMAL'), ('0102', '污水井盖', 'COMPONENT', 'URGENT')");
      s.execute(
          "INSERT INTO case_record (id, case_number, kind, channel, category_code, urgency,"
              + " description, reporter_anonymous, callback_consent, status, reported_at) VALUES"
              + " (gen_random_uuid(), '202611230000001', 'COMPLAINT', 'HOTLINE', 'E0101',"
              + " 'NORMAL', '垃圾', true, false, 'REGISTERED', now())");
    }

    flyway(url).load().migrate();

    try (Connection db = postgres.connect(DATABASE);
        Statement s = db.createStatement()) {
      assertThat(column(s, "SELECT version || ':' || categories FROM category_version"))
          .containsExactly("1:2");
      assertThat(column(s, "SELECT code || ' ' || name FROM category_revision ORDER BY code"))
          .containsExactly("0102 污水井盖", "E0101 暴露垃圾");
      assertThat(column(s, "SELECT category_version::text FROM case_record")).containsExactly("1");
    }
  }

  private static List<String> column(Statement s, String sql) throws Exception {
    List<String> values = new java.util.ArrayList<>();
    try (ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
