package io.casegrid.intake.personal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The audit trail of every read of citizens' unmasked personal data. */
@ApplicationScoped
public class PersonalDataAudit {

  private final EntityManager entityManager;

  PersonalDataAudit(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * Records a read in the transaction of the read itself: if the record cannot be written, the read
   * fails with it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(String user, UUID caseId, PersonalDataAccess.Action action) {
    PersonalDataAccess access = new PersonalDataAccess();
    access.id = UUID.randomUUID();
    access.accessedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    access.userName = user;
    access.caseId = caseId;
    access.action = action;
    entityManager.persist(access);
  }

  /** The reads matching every given filter (null: any), newest first. */
  public List<PersonalDataAccess> trail(UUID caseId, String user, Instant since, int limit) {
    List<String> where = new ArrayList<>();
    if (caseId != null) {
      where.add("caseId = :caseId");
    }
    if (user != null) {
      where.add("userName = :user");
    }
    if (since != null) {
      where.add("accessedAt >= :since");
    }
    TypedQuery<PersonalDataAccess> query =
        entityManager.createQuery(
            "FROM PersonalDataAccess"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY accessedAt DESC, id",
            PersonalDataAccess.class);
    if (caseId != null) {
      query.setParameter("caseId", caseId);
    }
    if (user != null) {
      query.setParameter("user", user);
    }
    if (since != null) {
      query.setParameter("since", since);
    }
    return query.setMaxResults(limit).getResultList();
  }
}
