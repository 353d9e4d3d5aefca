package io.casegrid.intake.cases;

import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

  /** Keeps a new case. */
  public void add(CaseRecord c) {
    entityManager.persist(c);
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
