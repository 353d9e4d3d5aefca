package io.casegrid.dispatch.queue;

import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * Finds a case for someone reading it. Staff of a department see only the cases their department
 * leads or co-handles; to them any other case does not exist (404), so its existence does not leak.
 */
@ApplicationScoped
public class CaseReading {

  private final EntityManager entityManager;
  private final Caller caller;

  CaseReading(EntityManager entityManager, Caller caller) {
    this.entityManager = entityManager;
    this.caller = caller;
  }

  public DispatchCase readable(UUID id) {
    DispatchCase c = entityManager.find(DispatchCase.class, id);
    if (c == null) {
      throw ProblemException.notFound("case " + id);
    }
    if (caller.isBoundToDepartment()
        && !caller.maySee(
            c.departmentCode,
            entityManager
                .createQuery(
                    "SELECT t.departmentCode FROM CoHandlingTask t WHERE t.caseId = :id",
                    String.class)
                .setParameter("id", id)
                .getResultList())) {
      throw caller.hiddenCase(id);
    }
    return c;
  }
}
