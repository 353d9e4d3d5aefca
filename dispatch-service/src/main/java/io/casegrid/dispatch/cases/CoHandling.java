package io.casegrid.dispatch.cases;

import io.casegrid.events.CoHandlingReported;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Co-handling (协办): the lead department owns the case, each co-handler gets a task linked to it and
 * reports its part into the case's timeline.
 */
@ApplicationScoped
public class CoHandling {

  private final EntityManager entityManager;
  private final Timeline timeline;
  private final Outbox outbox;

  CoHandling(EntityManager entityManager, Timeline timeline, Outbox outbox) {
    this.entityManager = entityManager;
    this.timeline = timeline;
    this.outbox = outbox;
  }

  /** Opens a task for each co-handler of a case just placed with its lead department. */
  public void open(UUID caseId, List<String> coHandlers, Instant now) {
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
  public void cancelOpen(UUID caseId, Instant now) {
    tasksOf(caseId).stream()
        .filter(t -> t.state == CoHandlingTask.State.OPEN)
        .forEach(
            t -> {
              t.state = CoHandlingTask.State.CANCELLED;
              t.closedAt = now;
            });
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

  /** A co-handler reports its part: kept in the lead case's timeline and announced. */
  @Transactional
  public CoHandlingTask report(String department, UUID taskId, String report, String actor) {
    CoHandlingTask task = entityManager.find(CoHandlingTask.class, taskId);
    if (task == null) {
      throw ProblemException.notFound("co-handling task " + taskId);
    }
    if (!task.departmentCode.equals(department)) {
      throw new ProblemException(
          Response.Status.FORBIDDEN, "not-your-task", "the task is not " + department + "'s");
    }
    if (task.state != CoHandlingTask.State.OPEN) {
      throw new ProblemException(
          Response.Status.CONFLICT, "task-not-open", "the task is " + task.state);
    }
    DispatchCase c = entityManager.find(DispatchCase.class, task.caseId);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    task.state = CoHandlingTask.State.REPORTED;
    task.report = report;
    task.reportedBy = actor;
    task.closedAt = now;
    timeline.record(
        c.caseId, now, actor, "CO_HANDLING_REPORT", department, c.state, c.state, report);
    outbox.announce(
        new CoHandlingReported(
            c.caseId, task.id, department, c.departmentCode, report, actor, now));
    return task;
  }
}
