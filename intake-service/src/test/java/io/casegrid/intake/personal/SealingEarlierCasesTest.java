package io.casegrid.intake.personal;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V4__Seal_reporters_personal_data;
import io.casegrid.embedded.Postgres;
import io.casegrid.embedded.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A database from before personal data was sealed, with names and phones in clear, is upgraded:
 * every value sealed, the plaintext gone. Real PostgreSQL, a database of its own.
 */
class SealingEarlierCasesTest {

  private static final String DATABASE = "intake_before_sealing";

  private final PersonalDataCipher cipher =
      PersonalDataCipher.withKey(PersonalDataCipher.generateKey());

  private static String url() {
    Postgres postgres = TestInfrastructure.shared().postgres();
    postgres.ensureDatabase(DATABASE);
    return postgres.jdbcUrl(DATABASE);
  }

  // The SQL migrations from their locations, and V4 only as the test gives it, with its key.
  private static FluentConfiguration flyway(String url) {
    return Flyway.configure()
        .dataSource(
            url, DATABASE, TestInfrastructure.shared().postgres().login(DATABASE).password())
        .locations("classpath:db/migration", "classpath:db/kit")
        .javaMigrationClassProvider(List::of);
  }

  private static void insertCase(
      Connection db, UUID id, String name, String phone, boolean anonymous) throws Exception {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO case_record (id, case_number, kind, channel, category_code, urgency,"
                + " description, reporter_name, reporter_phone, reporter_anonymous,"
                + " callback_consent, status, reported_at)"
                + " VALUES (?, ?, 'COMPLAINT', 'HOTLINE', 'E0101', 'NORMAL', '垃圾', ?, ?, ?,"
                + " false, 'REGISTERED', now())")) {
      insert.setObject(1, id);
      insert.setString(2, id.toString());
      insert.setString(3, name);
      insert.setString(4, phone);
      insert.setBoolean(5, anonymous);
      insert.executeUpdate();
    }
  }

  @Test
  void sealsEveryEarlierNameAndPhoneAndDropsThePlaintextColumns() throws Exception {
    String url = url();
    flyway(url).target("3").load().migrate();
    UUID named = UUID.randomUUID();
    UUID nameOnly = UUID.randomUUID();
    UUID anonymous = UUID.randomUUID();
    List<UUID> many = new ArrayList<>();
    try (Connection db = TestInfrastructure.shared().postgres().connect(DATABASE);
        Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO category (code, name, kind, default_urgency)"
              + " VALUES ('E0101', '垃圾', 'EVENT', 'NORMAL')");
      insertCase(db, named, "李四", "13912345678", false);
      insertCase(db, nameOnly, "周七", null, false);
      insertCase(db, anonymous, null, null, true);
      // More than one batch.
      for (int i = 0; i < 1200; i++) {
        UUID id = UUID.randomUUID();
        many.add(id);
        insertCase(db, id, "市民" + i, "1370000" + String.format("%04d", i), false);
      }
    }

    flyway(url).javaMigrations(new V4__Seal_reporters_personal_data(cipher)).load().migrate();

    try (Connection db = TestInfrastructure.shared().postgres().connect(DATABASE)) {
      assertThat(sealed(db, named).open(cipher, named))
          .isEqualTo(new SealedReporter.Reporter("李四", "13912345678"));
      assertThat(sealed(db, named).phoneIndex()).isEqualTo(cipher.phoneIndex("13912345678"));
      assertThat(sealed(db, nameOnly).open(cipher, nameOnly))
          .isEqualTo(new SealedReporter.Reporter("周七", null));
      assertThat(sealed(db, nameOnly).phoneIndex()).isNull();
      assertThat(sealed(db, anonymous)).isNull();
      UUID last = many.get(many.size() - 1);
      assertThat(sealed(db, last).open(cipher, last).name()).isEqualTo("市民1199");
      try (Statement s = db.createStatement();
          ResultSet rows =
              s.executeQuery(
                  "SELECT count(*) FROM case_record WHERE reporter_key_id = '"
                      + cipher.currentKeyId()
                      + "'")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(2 + 1200);
      }
      try (Statement s = db.createStatement();
          ResultSet columns =
              s.executeQuery(
                  "SELECT count(*) FROM information_schema.columns WHERE table_name ="
                      + " 'case_record' AND column_name IN ('reporter_name', 'reporter_phone')")) {
        columns.next();
        assertThat(columns.getLong(1)).isZero();
      }
    }
  }

  private static SealedReporter sealed(Connection db, UUID id) throws Exception {
    try (PreparedStatement select =
        db.prepareStatement(
            "SELECT reporter_key_id, reporter_name_sealed, reporter_phone_sealed,"
                + " reporter_phone_index FROM case_record WHERE id = ?")) {
      select.setObject(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        String keyId = row.getString(1);
        return keyId == null
            ? null
            : new SealedReporter(keyId, row.getBytes(2), row.getBytes(3), row.getBytes(4));
      }
    }
  }
}
