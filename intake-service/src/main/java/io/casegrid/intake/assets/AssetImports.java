package io.casegrid.intake.assets;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.casegrid.citypackage.assets.AssetColumns;
import io.casegrid.citypackage.assets.AssetFile;
import io.casegrid.citypackage.assets.AssetRules;
import io.casegrid.citypackage.assets.CsvAssetFile;
import io.casegrid.citypackage.assets.GeoJsonAssetFile;
import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.retention.RetentionRule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Imports of the asset register (资产台账) from files of millions of rows, in CSV or GeoJSON. The
 * upload is written to a file of its own (never held in memory), checked to be an asset file of its
 * format, and imported in the background, a batch of rows per transaction: each row is checked
 * ({@link AssetRules}), good rows are upserted by their code (re-importing moves an asset or
 * changes its owner), and rejected ones are counted and the first of them kept with their line or
 * feature and why. A rejected row never stops the others; only a file that stops being readable
 * does, and then the rows before it are kept.
 */
@ApplicationScoped
public class AssetImports {

  private static final Logger LOG = Logger.getLogger(AssetImports.class);
  private static final int LISTED = 50;

  /** The file formats. */
  public enum Format {
    CSV,
    GEOJSON
  }

  /** Where an import stands. */
  public enum State {
    RUNNING,
    DONE,
    FAILED
  }

  private final EntityManager entityManager;
  private final ReferenceCache reference;
  private final AssetImportConfig config;
  private final CityConfig city;
  private final Semaphore running;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "asset-import");
            thread.setDaemon(true);
            return thread;
          });

  AssetImports(
      EntityManager entityManager,
      ReferenceCache reference,
      AssetImportConfig config,
      CityConfig city) {
    this.entityManager = entityManager;
    this.reference = reference;
    this.config = config;
    this.city = city;
    this.running = new Semaphore(config.maxRunning());
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  @Produces
  RetentionRule finishedImports() {
    return new RetentionRule("asset_import", "started_at", config.keep());
  }

  /**
   * Takes the file, checks that it is an asset file of {@code format}, and imports it in the
   * background; the answer is the import as it starts.
   */
  public AssetImportView start(
      Format format, AssetColumns columns, InputStream body, String startedBy) {
    if (!running.tryAcquire()) {
      throw new Busy(
          config.maxRunning() + " imports are running; start this one when one has ended");
    }
    Path spool = null;
    boolean started = false;
    try {
      spool = spool();
      long bytes = copy(body, spool);
      if (bytes == 0) {
        throw notAnAssetFile("the file is empty");
      }
      try (AssetFile file = open(format, columns, spool)) {
        // Opening reads the CSV header, or GeoJSON up to its features.
      } catch (AssetFile.NotAnAssetFile e) {
        throw notAnAssetFile(e.getMessage());
      }
      UUID id = UUID.randomUUID();
      QuarkusTransaction.requiringNew()
          .run(() -> work(c -> insertImport(c, id, format, startedBy, bytes)));
      Path file = spool;
      workers.execute(() -> run(id, format, columns, file));
      started = true;
      return view(id).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!started) {
        delete(spool);
        running.release();
      }
    }
  }

  /** An import, with its first rejected rows. */
  public Optional<AssetImportView> view(UUID id) {
    return read(
        c -> {
          List<AssetImportView> found = select(c, "WHERE id = ?", id);
          return found.isEmpty()
              ? Optional.<AssetImportView>empty()
              : Optional.of(withRejections(c, found.get(0)));
        });
  }

  /** The latest imports, newest first, without their rejected rows. */
  public List<AssetImportView> latest() {
    return read(c -> select(c, "ORDER BY started_at DESC LIMIT " + LISTED, null));
  }

  // Reads imports as they stand, those whose instance stopped shown as failed.
  private <T> T read(Work<T> reading) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                work(
                    c -> {
                      markStale(c);
                      return reading.on(c);
                    }));
  }

  // --- the import itself, on a worker thread ---

  private void run(UUID id, Format format, AssetColumns columns, Path spool) {
    Batch batch = new Batch(id);
    String failure = null;
    try (AssetFile file = open(format, columns, spool)) {
      AssetRules.Reference rules = rules();
      AssetFile.Item item;
      while ((item = file.next()) != null) {
        batch.add(
            item instanceof AssetFile.Row row
                ? AssetRules.check(row, rules)
                : AssetRules.unreadable((AssetFile.Unreadable) item));
        if (batch.size() >= config.batchSize()) {
          batch.flush();
        }
      }
      batch.flush();
    } catch (IOException | AssetFile.NotAnAssetFile e) {
      // The file stopped being readable: keep the rows read before.
      failure = unreadable(format, batch, e);
      try {
        batch.flush();
      } catch (RuntimeException f) {
        failure = unexpected(id, f);
      }
    } catch (RuntimeException e) {
      failure = unexpected(id, e);
    }
    try {
      finish(id, failure == null ? State.DONE : State.FAILED, failure);
    } finally {
      delete(spool);
      running.release();
    }
  }

  private static String unexpected(UUID id, RuntimeException e) {
    LOG.errorf(e, "asset import %s failed", id);
    return "an unexpected error stopped the import; see the service's log";
  }

  private static String unreadable(Format format, Batch batch, Exception e) {
    String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return format == Format.GEOJSON
        ? "the GeoJSON cannot be read after " + batch.read + " features: " + why
        : "the CSV cannot be read after " + batch.read + " rows: " + why;
  }

  private AssetRules.Reference rules() {
    ReferenceCache.Snapshot now = QuarkusTransaction.requiringNew().call(reference::current);
    return new AssetRules.Reference() {
      @Override
      public boolean isComponentCategory(String code) {
        return now.category(code).filter(c -> c.kind() == CategoryKind.COMPONENT).isPresent();
      }

      @Override
      public boolean isDepartment(String code) {
        return now.isDepartment(code);
      }

      @Override
      public boolean inSomeGrid(double latitude, double longitude) {
        return now.locate(latitude, longitude).isPresent();
      }
    };
  }

  /** The rows of one transaction. */
  private final class Batch {
    final UUID importId;
    final List<AssetRules.Asset> assets = new ArrayList<>();
    final List<AssetRules.Rejection> rejections = new ArrayList<>();
    long read;
    long rejectedBefore;

    Batch(UUID importId) {
      this.importId = importId;
    }

    void add(AssetRules.Outcome outcome) {
      read++;
      if (outcome instanceof AssetRules.Asset asset) {
        assets.add(asset);
      } else {
        rejections.add((AssetRules.Rejection) outcome);
      }
    }

    int size() {
      return assets.size() + rejections.size();
    }

    void flush() {
      if (size() == 0) {
        return;
      }
      QuarkusTransaction.requiringNew().run(() -> work(this::write));
      rejectedBefore += rejections.size();
      assets.clear();
      rejections.clear();
    }

    // Upserts the good rows, keeps the first rejected ones, and counts: in one transaction, so the
    // counts are always those of the rows written.
    private int write(Connection c) throws SQLException {
      int stored = 0;
      try (PreparedStatement upsert =
          c.prepareStatement(
              "INSERT INTO asset (code, category_code, latitude, longitude,"
                  + " owner_department_code, address, import_job_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (code) DO UPDATE SET category_code = excluded.category_code,"
                  + " latitude = excluded.latitude, longitude = excluded.longitude,"
                  + " owner_department_code = excluded.owner_department_code,"
                  + " address = excluded.address, import_job_id = excluded.import_job_id"
                  // A code this import wrote already is a duplicate within the file: no update.
                  + " WHERE asset.import_job_id IS DISTINCT FROM excluded.import_job_id")) {
        for (AssetRules.Asset a : assets) {
          upsert.setString(1, a.code());
          upsert.setString(2, a.categoryCode());
          upsert.setDouble(3, a.latitude());
          upsert.setDouble(4, a.longitude());
          upsert.setString(5, a.ownerDepartmentCode());
          upsert.setString(6, a.address());
          upsert.setObject(7, importId);
          upsert.addBatch();
        }
        int[] counts = assets.isEmpty() ? new int[0] : upsert.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 1) {
            stored++;
          } else if (counts[i] == 0) {
            rejections.add(AssetRules.duplicate(assets.get(i)));
          } else {
            // Duplicates are told by the row count of each statement (0: not written).
            throw new IllegalStateException(
                "the JDBC driver reported no row counts; reWriteBatchedInserts must be off");
          }
        }
      }
      rejections.sort(Comparator.comparingLong(AssetRules.Rejection::position));
      long room = Math.max(0, config.rejectionsKept() - rejectedBefore);
      try (PreparedStatement keep =
          c.prepareStatement(
              "INSERT INTO asset_import_rejection (import_id, position, code, field, reason)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        for (AssetRules.Rejection r :
            rejections.subList(0, (int) Math.min(room, rejections.size()))) {
          keep.setObject(1, importId);
          keep.setLong(2, r.position());
          keep.setString(3, r.code());
          keep.setString(4, r.field());
          keep.setString(5, r.reason());
          keep.addBatch();
        }
        keep.executeBatch();
      }
      try (PreparedStatement progress =
          c.prepareStatement(
              "UPDATE asset_import SET rows_read = ?, rows_stored = rows_stored + ?,"
                  + " rows_rejected = rows_rejected + ?, updated_at = ? WHERE id = ?")) {
        progress.setLong(1, read);
        progress.setLong(2, stored);
        progress.setLong(3, rejections.size());
        progress.setTimestamp(4, Timestamp.from(Instant.now()));
        progress.setObject(5, importId);
        progress.executeUpdate();
      }
      return stored;
    }
  }

  private void finish(UUID id, State state, String failure) {
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  work(
                      c -> {
                        try (PreparedStatement s =
                            c.prepareStatement(
                                "UPDATE asset_import SET state = ?, failure = ?, finished_at = ?,"
                                    + " updated_at = ? WHERE id = ?")) {
                          Timestamp now = Timestamp.from(Instant.now());
                          s.setString(1, state.name());
                          s.setString(2, failure);
                          s.setTimestamp(3, now);
                          s.setTimestamp(4, now);
                          s.setObject(5, id);
                          return s.executeUpdate();
                        }
                      }));
    } catch (RuntimeException e) {
      // It will show as failed once stale.
      LOG.errorf(e, "could not record the end of asset import %s", id);
    }
  }

  // --- the file ---

  private Path spool() throws IOException {
    Path folder = config.spoolDirectory().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    Files.createDirectories(folder);
    Path file = Files.createTempFile(folder, "casegrid-asset-import-", ".upload");
    file.toFile().deleteOnExit();
    return file;
  }

  // Copies the body to the spool; a body that breaks off is the client's problem (400), a full
  // disk is ours.
  private static long copy(InputStream body, Path spool) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(spool)) {
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException e) {
          throw new DomainException(
              DomainException.Refusal.MALFORMED,
              "upload-broken-off",
              "the file could not be read to its end: " + e.getMessage());
        }
        if (n < 0) {
          return total;
        }
        out.write(buffer, 0, n);
        total += n;
      }
    }
  }

  private static AssetFile open(Format format, AssetColumns columns, Path spool)
      throws IOException, AssetFile.NotAnAssetFile {
    InputStream in = new BufferedInputStream(Files.newInputStream(spool), 64 * 1024);
    try {
      return format == Format.CSV
          ? new CsvAssetFile(in, columns)
          : new GeoJsonAssetFile(in, columns);
    } catch (IOException | AssetFile.NotAnAssetFile | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static void delete(Path spool) {
    if (spool == null) {
      return;
    }
    try {
      Files.deleteIfExists(spool);
    } catch (IOException e) {
      LOG.warnf("could not delete the uploaded file %s: %s", spool, e.getMessage());
    }
  }

  private static DomainException notAnAssetFile(String why) {
    return new DomainException(DomainException.Refusal.MALFORMED, "not-an-asset-file", why);
  }

  /** As many imports as may run at once are running: the next waits till one has ended. */
  public static class Busy extends RuntimeException {
    Busy(String message) {
      super(message);
    }
  }

  // --- the table ---

  /** A piece of JDBC work in the current transaction. */
  private interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private <T> T work(Work<T> work) {
    return entityManager.unwrap(Session.class).doReturningWork(work::on);
  }

  private static int insertImport(
      Connection c, UUID id, Format format, String startedBy, long bytes) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO asset_import (id, format, state, started_by, started_at, updated_at,"
                + " bytes) VALUES (?, ?, 'RUNNING', ?, ?, ?, ?)")) {
      Timestamp now = Timestamp.from(Instant.now());
      s.setObject(1, id);
      s.setString(2, format.name());
      s.setString(3, startedBy);
      s.setTimestamp(4, now);
      s.setTimestamp(5, now);
      s.setLong(6, bytes);
      return s.executeUpdate();
    }
  }

  // An import whose instance stopped reports no progress any more: show it as failed.
  private int markStale(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE asset_import SET state = 'FAILED', failure = ?, finished_at = updated_at"
                + " WHERE state = 'RUNNING' AND updated_at < ?")) {
      s.setString(
          1,
          "stopped without finishing: no progress for "
              + config.staleAfter().toMinutes()
              + " minutes (the instance running it ended); import the file again");
      s.setTimestamp(2, Timestamp.from(Instant.now().minus(config.staleAfter())));
      return s.executeUpdate();
    }
  }

  private List<AssetImportView> select(Connection c, String where, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, format, state, started_by, started_at, finished_at, bytes, rows_read,"
                + " rows_stored, rows_rejected, failure FROM asset_import "
                + where)) {
      if (id != null) {
        s.setObject(1, id);
      }
      List<AssetImportView> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Instant startedAt = r.getTimestamp(5).toInstant();
          Timestamp finished = r.getTimestamp(6);
          Instant finishedAt = finished == null ? null : finished.toInstant();
          long rowsRead = r.getLong(8);
          double seconds =
              Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt)
                      .toMillis()
                  / 1000.0;
          found.add(
              new AssetImportView(
                  r.getObject(1, UUID.class),
                  Format.valueOf(r.getString(2)),
                  State.valueOf(r.getString(3)),
                  r.getString(4),
                  zoned(startedAt),
                  zoned(finishedAt),
                  r.getLong(7),
                  rowsRead,
                  r.getLong(9),
                  r.getLong(10),
                  seconds > 0 ? Math.round(rowsRead / seconds * 10) / 10.0 : 0,
                  r.getString(11),
                  List.of()));
        }
      }
      return found;
    }
  }

  private AssetImportView withRejections(Connection c, AssetImportView v) throws SQLException {
    List<AssetImportView.RejectedRow> rows = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT position, code, field, reason FROM asset_import_rejection"
                + " WHERE import_id = ? ORDER BY position")) {
      s.setObject(1, v.id());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long position = r.getLong(1);
          boolean csv = v.format() == Format.CSV;
          rows.add(
              new AssetImportView.RejectedRow(
                  csv ? position : null,
                  csv ? null : position,
                  r.getString(2),
                  r.getString(3),
                  r.getString(4)));
        }
      }
    }
    return new AssetImportView(
        v.id(),
        v.format(),
        v.state(),
        v.startedBy(),
        v.startedAt(),
        v.finishedAt(),
        v.bytes(),
        v.rowsRead(),
        v.rowsStored(),
        v.rowsRejected(),
        v.rowsPerSecond(),
        v.failure(),
        rows);
  }

  private OffsetDateTime zoned(Instant instant) {
    return instant == null ? null : instant.atZone(city.zone()).toOffsetDateTime();
  }
}
