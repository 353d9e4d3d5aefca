package io.casegrid.dispatch.cases;

import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Co-handling (协办): the lead department owns the case, each co-handler gets a task linked to it and
 * reports its part into the case's timeline. Here the tasks are kept; the case decides when they
 * begin and end.
 */
@ApplicationScoped
public class CoHandling {

  private final EntityManager entityManager;

  CoHandling(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Opens a task for each co-handler of a case just placed with its lead department. */
  void open(UUID caseId, List<String> coHandlers, Instant now) {
    for (String department : coHandlers) {
      CoHandlingTask task = new CoHandlingTask();
      task.id = UUID.randomUUID();
      task.caseId = caseId;
      task.departmentCode = department;
      task.state = CoHandlingTask.State.OPEN;
      task.createdAt = now;
      entityManager.persist(task);
    }
  }

  /** The case left its lead department: the co-handlers' open tasks end with it. */
  void cancelOpen(UUID caseId, Instant now) {
    entityManager
        .createQuery(
            "UPDATE CoHandlingTask t SET t.state = :cancelled, t.closedAt = :now WHERE"
                + " t.caseId = :c AND t.state = :open")
        .setParameter("cancelled", CoHandlingTask.State.CANCELLED)
        .setParameter("now", now)
        .setParameter("c", caseId)
        .setParameter("open", CoHandlingTask.State.OPEN)
        .executeUpdate();
  }

  /** The task; refused as unknown (404) if there is none. */
  public CoHandlingTask task(UUID taskId) {
    CoHandlingTask task = entityManager.find(CoHandlingTask.class, taskId);
    if (task == null) {
      throw DomainException.notFound("co-handling task " + taskId);
    }
    return task;
  }

  public List<CoHandlingTask> tasksOf(UUID caseId) {
    return entityManager
        .createQuery(
            "FROM CoHandlingTask t WHERE t.caseId = :c ORDER BY t.createdAt", CoHandlingTask.class)
        .setParameter("c", caseId)
        .getResultList();
  }

  public List<CoHandlingTask> openFor(String department, int limit) {
    return entityManager
        .createQuery(
            "FROM CoHandlingTask t WHERE t.departmentCode = :d AND t.state = :s"
                + " ORDER BY t.createdAt",
            CoHandlingTask.class)
        .setParameter("d", department)
        .setParameter("s", CoHandlingTask.State.OPEN)
        .setMaxResults(limit)
        .getResultList();
  }
}
