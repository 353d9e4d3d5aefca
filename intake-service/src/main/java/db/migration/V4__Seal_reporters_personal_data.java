package db.migration;

import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.intake.personal.PersonalDataConfig;
import io.casegrid.intake.personal.SealedReporter;
import io.smallrye.config.SmallRyeConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jboss.logging.Logger;

/**
 * Seals the name and phone of every case registered before they were kept sealed, and empties the
 * plaintext columns, in batches. It runs in the application because only the application has the
 * key; Flyway runs it once, in one transaction, before V5 removes the plaintext columns.
 */
// In the package of the SQL migrations' location, where Quarkus looks for Java migrations too; and
// "implements JavaMigration" again, since Quarkus finds them among the implementors it has indexed,
// and Flyway's BaseJavaMigration is not in its index.
public class V4__Seal_reporters_personal_data extends BaseJavaMigration implements JavaMigration {

  private static final Logger LOG = Logger.getLogger(V4__Seal_reporters_personal_data.class);
  private static final int BATCH = 500;

  private final PersonalDataCipher cipher;

  /** As Flyway makes it: with the keys of the service's configuration. */
  public V4__Seal_reporters_personal_data() {
    this(null);
  }

  /** With the given keys (tests). */
  public V4__Seal_reporters_personal_data(PersonalDataCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    PersonalDataCipher keys = cipher != null ? cipher : configuredCipher();
    Connection connection = context.getConnection();
    long sealed = 0;
    UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
    boolean first = true;
    while (true) {
      int inBatch = 0;
      try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, reporter_anonymous, reporter_name, reporter_phone FROM case_record"
                      + " WHERE (reporter_name IS NOT NULL OR reporter_phone IS NOT NULL)"
                      + (first ? "" : " AND id > ?")
                      + " ORDER BY id LIMIT "
                      + BATCH);
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE case_record SET reporter_key_id = ?, reporter_name_sealed = ?,"
                      + " reporter_phone_sealed = ?, reporter_phone_index = ?,"
                      + " reporter_name = NULL, reporter_phone = NULL WHERE id = ?")) {
        if (!first) {
          select.setObject(1, after);
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            UUID id = rows.getObject("id", UUID.class);
            // An anonymous report keeps nothing, should a plaintext value have slipped in.
            SealedReporter seal =
                rows.getBoolean("reporter_anonymous")
                    ? null
                    : SealedReporter.seal(
                        keys,
                        id,
                        rows.getString("reporter_name"),
                        rows.getString("reporter_phone"));
            update.setString(1, seal == null ? null : seal.keyId());
            setBytes(update, 2, seal == null ? null : seal.nameSealed());
            setBytes(update, 3, seal == null ? null : seal.phoneSealed());
            setBytes(update, 4, seal == null ? null : seal.phoneIndex());
            update.setObject(5, id);
            update.addBatch();
            after = id;
            inBatch++;
          }
        }
        if (inBatch > 0) {
          update.executeBatch();
        }
      }
      first = false;
      sealed += inBatch;
      if (inBatch < BATCH) {
        break;
      }
    }
    LOG.infof("sealed the personal data of %d earlier cases", sealed);
  }

  private static void setBytes(PreparedStatement statement, int index, byte[] value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BINARY);
    } else {
      statement.setBytes(index, value);
    }
  }

  private static PersonalDataCipher configuredCipher() {
    return ConfigProvider.getConfig()
        .unwrap(SmallRyeConfig.class)
        .getConfigMapping(PersonalDataConfig.class)
        .cipher();
  }
}
