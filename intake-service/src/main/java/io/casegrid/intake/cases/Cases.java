package io.casegrid.intake.cases;

import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Intake's cases as they are kept: found by id, number or caller, loaded to be changed. */
@ApplicationScoped
public class Cases {

  private final EntityManager entityManager;
  private final PersonalDataCipher cipher;

  Cases(EntityManager entityManager, PersonalDataCipher cipher) {
    this.entityManager = entityManager;
    this.cipher = cipher;
  }

  public Optional<CaseRecord> find(UUID id) {
    return Optional.ofNullable(entityManager.find(CaseRecord.class, id));
  }

  /** A case that must exist; refused as not found otherwise. */
  public CaseRecord get(UUID id) {
    return find(id).orElseThrow(() -> DomainException.notFound("case " + id));
  }

  /**
   * A case locked for a change, so that concurrent changes of it are taken one after the other;
   * empty if there is none.
   */
  public Optional<CaseRecord> locked(UUID id) {
    return Optional.ofNullable(
        entityManager.find(CaseRecord.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** The columns of {@code case_record} a new case is written with: all of them. */
  static final List<String> COLUMNS =
      List.of(
          "id",
          "case_number",
          "kind",
          "channel",
          "category_code",
          "category_version",
          "urgency",
          "description",
          "latitude",
          "longitude",
          "address_text",
          "district_code",
          "street_code",
          "community_code",
          "grid_code",
          "asset_code",
          "asset_owner_code",
          "media_url",
          "service_notice",
          "asset_found_by",
          "reporter_key_id",
          "reporter_name_sealed",
          "reporter_phone_sealed",
          "reporter_phone_index",
          "reporter_anonymous",
          "callback_consent",
          "status",
          "reported_at",
          "department_code",
          "status_changed_at",
          "answer_on_call",
          "answered_by",
          "merged_into",
          "resolve_due_at",
          "campaign_id",
          "version");

  private static final String INSERT =
      "INSERT INTO case_record ("
          + String.join(", ", COLUMNS)
          + ") VALUES ("
          + String.join(", ", Collections.nCopies(COLUMNS.size(), "?"))
          + ")";

  /**
   * Keeps a new case, with one plain statement rather than Hibernate's persist: Hibernate's insert
   * of this wide row (decomposing, binding and looking up each of its columns) was a tenth of
   * intake's CPU per registration. The case returned by registration is then not managed; nothing
   * changes a case after registering it in the same transaction (changes load it again).
   */
  public void add(CaseRecord c) {
    entityManager.unwrap(Session.class).doWork(connection -> insert(connection, c));
  }

  private static void insert(Connection connection, CaseRecord c) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, c.id, Types.OTHER);
      insert.setString(2, c.caseNumber);
      insert.setString(3, name(c.kind));
      insert.setString(4, name(c.channel));
      insert.setString(5, c.categoryCode);
      insert.setInt(6, c.categoryVersion);
      insert.setString(7, name(c.urgency));
      insert.setString(8, c.description);
      insert.setObject(9, c.latitude, Types.DOUBLE);
      insert.setObject(10, c.longitude, Types.DOUBLE);
      insert.setString(11, c.addressText);
      insert.setString(12, c.districtCode);
      insert.setString(13, c.streetCode);
      insert.setString(14, c.communityCode);
      insert.setString(15, c.gridCode);
      insert.setString(16, c.assetCode);
      insert.setString(17, c.assetOwnerCode);
      insert.setString(18, c.mediaUrl);
      insert.setString(19, c.serviceNotice);
      insert.setString(20, name(c.assetFoundBy));
      insert.setString(21, c.reporterKeyId);
      insert.setBytes(22, c.reporterNameSealed);
      insert.setBytes(23, c.reporterPhoneSealed);
      insert.setBytes(24, c.reporterPhoneIndex);
      insert.setBoolean(25, c.reporterAnonymous);
      insert.setBoolean(26, c.callbackConsent);
      insert.setString(27, name(c.status));
      insert.setObject(28, moment(c.reportedAt));
      insert.setString(29, c.departmentCode);
      insert.setObject(30, moment(c.statusChangedAt));
      insert.setString(31, c.answerOnCall);
      insert.setString(32, c.answeredBy);
      insert.setObject(33, c.mergedInto, Types.OTHER);
      insert.setObject(34, moment(c.resolveDueAt));
      insert.setObject(35, c.campaignId, Types.OTHER);
      insert.setLong(36, c.version);
      insert.executeUpdate();
    }
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  // As timestamptz, which the driver binds from an offset moment, not from an Instant.
  private static OffsetDateTime moment(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  /** Keeps a new reporter of a case. */
  public void add(CaseReporter reporter) {
    entityManager.persist(reporter);
  }

  /** The number of a case, for messages; "?" if it is not there. */
  public String numberOf(UUID id) {
    return find(id).map(CaseRecord::caseNumber).orElse("?");
  }

  public List<CaseRecord> findByNumber(String caseNumber) {
    return entityManager
        .createQuery("FROM CaseRecord WHERE caseNumber = :n", CaseRecord.class)
        .setParameter("n", caseNumber)
        .getResultList();
  }

  /**
   * The cases a caller reported, newest first: "what happened to my complaint?", whether they filed
   * the case or joined it as a later reporter of the same problem. The phone is looked up by its
   * blind index under every configured key (phones are indexed as digits only, so "138-1234 1234"
   * finds "13812341234").
   */
  public List<CaseRecord> findByPhone(String phone, int limit) {
    List<byte[]> indexes = cipher.phoneIndexesUnderEveryKey(phone);
    if (indexes.isEmpty()) {
      return List.of();
    }
    // Two index lookups rather than one OR, which would not use either index.
    Map<UUID, CaseRecord> found = new LinkedHashMap<>();
    for (String jpql :
        List.of(
            "FROM CaseRecord WHERE reporterPhoneIndex IN :indexes ORDER BY reportedAt DESC",
            "FROM CaseRecord WHERE id IN (SELECT r.caseId FROM CaseReporter r WHERE r.phoneIndex"
                + " IN :indexes) ORDER BY reportedAt DESC")) {
      entityManager
          .createQuery(jpql, CaseRecord.class)
          .setParameter("indexes", indexes)
          .setMaxResults(limit)
          .getResultList()
          .forEach(c -> found.putIfAbsent(c.id, c));
    }
    return found.values().stream()
        .sorted(Comparator.comparing((CaseRecord c) -> c.reportedAt).reversed())
        .limit(limit)
        .toList();
  }

  /** The people who reported the case: the one who filed it (not a sensor) and those who joined. */
  public int reporterCount(CaseRecord c) {
    long joined =
        entityManager
            .createQuery("SELECT count(r) FROM CaseReporter r WHERE r.caseId = :c", Long.class)
            .setParameter("c", c.id)
            .getSingleResult();
    return (c.hasOwnReporter() ? 1 : 0) + (int) joined;
  }

  /** A reporter who joined a case, and the number of the case they were told. */
  public record JoinedReporter(CaseReporter reporter, String toldCaseNumber) {}

  /** The reporters who joined the case after it was filed, the first first. */
  public List<JoinedReporter> joinedReporters(UUID caseId) {
    return entityManager
        .createQuery(
            "SELECT r, t.caseNumber FROM CaseReporter r, CaseRecord t WHERE t.id = r.toldCaseId"
                + " AND r.caseId = :c ORDER BY r.reportedAt, r.id",
            Object[].class)
        .setParameter("c", caseId)
        .getResultStream()
        .map(r -> new JoinedReporter((CaseReporter) r[0], (String) r[1]))
        .toList();
  }
}
