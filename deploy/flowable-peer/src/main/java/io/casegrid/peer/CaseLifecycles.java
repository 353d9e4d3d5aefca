package io.casegrid.peer;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.job.api.Job;
import org.flowable.task.api.Task;

/**
 * Case lifecycles on the engine, as a department's workers would drive them: a case is started,
 * then each of its user tasks is found through the department's task query (narrowed to the case)
 * and completed, until the case ends.
 */
final class CaseLifecycles {

  static final String PROCESS = "caseLifecycle";

  /** The steps of a lifecycle, in order, each timed on its own. */
  static final List<String> STEPS =
      List.of(
          "start",
          "find sign",
          "complete sign",
          "find handle",
          "complete handle",
          "find verify",
          "complete verify");

  private static final String[] DEPARTMENTS = {
    "DRAINAGE", "WATER", "ROADS", "PARKS", "SANITATION", "LIGHTING", "TRAFFIC", "HOUSING"
  };
  private static final String[] CATEGORIES = {
    "0102", "0201", "0301", "0405", "0502", "0601", "0703", "0801", "0904"
  };
  private static final String[] URGENCIES = {"NORMAL", "URGENT", "LOW"};

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final HistoryService history;

  CaseLifecycles(ProcessEngine engine) {
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.history = engine.getHistoryService();
  }

  /**
   * Runs lifecycles {@code 0..count-1} on {@code threads} client threads; {@code nanos[step][n]}
   * receives each step's duration and {@code nanos[STEPS.size()][n]} the whole lifecycle's (null:
   * not timed). Returns the wall time in nanoseconds; fails with the first lifecycle that failed.
   */
  long run(String prefix, int count, int threads, long[][] nanos) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    Callable<Void> client =
        () -> {
          for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
            try {
              lifecycle(prefix + n, n, nanos);
            } catch (RuntimeException e) {
              next.set(count); // the other clients stop too: the run has failed
              throw e;
            }
          }
          return null;
        };
    try {
      for (Future<Void> done : clients.invokeAll(Collections.nCopies(threads, client))) {
        done.get();
      }
    } finally {
      clients.shutdownNow();
    }
    return System.nanoTime() - started;
  }

  private void lifecycle(String caseId, int n, long[][] nanos) {
    String department = DEPARTMENTS[n % DEPARTMENTS.length];
    long[] at = new long[STEPS.size() + 1];
    at[0] = System.nanoTime();
    runtime.startProcessInstanceByKey(PROCESS, caseId, variables(caseId, n));
    at[1] = System.nanoTime();
    Task task = inbox(department, caseId, "sign");
    at[2] = System.nanoTime();
    tasks.complete(task.getId());
    at[3] = System.nanoTime();
    task = inbox(department, caseId, "handle");
    at[4] = System.nanoTime();
    tasks.complete(task.getId(), Map.of("result", "resolved"));
    at[5] = System.nanoTime();
    task = inbox(department, caseId, "verify");
    at[6] = System.nanoTime();
    tasks.complete(task.getId(), Map.of("passed", true));
    at[7] = System.nanoTime();
    if (nanos != null) {
      for (int step = 0; step < STEPS.size(); step++) {
        nanos[step][n] = at[step + 1] - at[step];
      }
      nanos[STEPS.size()][n] = at[STEPS.size()] - at[0];
    }
  }

  private static Map<String, Object> variables(String caseId, int n) {
    return Map.of(
        "caseId", caseId,
        "category", CATEGORIES[n % CATEGORIES.length],
        "urgency", URGENCIES[n % URGENCIES.length],
        "department", DEPARTMENTS[n % DEPARTMENTS.length]);
  }

  /** The department's task list narrowed to the case: exactly one task, of the expected step. */
  private Task inbox(String department, String caseId, String step) {
    List<Task> found =
        tasks
            .createTaskQuery()
            .taskCandidateGroup(department)
            .processInstanceBusinessKey(caseId)
            .list();
    if (found.size() != 1 || !step.equals(found.get(0).getTaskDefinitionKey())) {
      throw new IllegalStateException(
          "case " + caseId + ": expected one '" + step + "' task for " + department + ": " + found);
    }
    return found.get(0);
  }

  /**
   * One lifecycle step by step, checking what the engine keeps: no deadline timer while signing,
   * one while handling, none once handled, then the case ended and in history with its three tasks.
   * Returns what it saw.
   */
  String checkOne() {
    String caseId = "check-1";
    String id = runtime.startProcessInstanceByKey(PROCESS, caseId, variables(caseId, 0)).getId();
    String department = DEPARTMENTS[0];
    Task task = inbox(department, caseId, "sign");
    require(timers(id) == 0, "no deadline timer while signing");
    tasks.complete(task.getId());
    task = inbox(department, caseId, "handle");
    Job deadline = management.createTimerJobQuery().processInstanceId(id).singleResult();
    require(deadline != null, "a deadline timer while handling");
    tasks.complete(task.getId(), Map.of("result", "resolved"));
    require(timers(id) == 0, "the deadline timer deleted once handled");
    task = inbox(department, caseId, "verify");
    tasks.complete(task.getId(), Map.of("passed", true));
    require(
        runtime.createProcessInstanceQuery().processInstanceId(id).count() == 0, "the case ended");
    require(
        history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 1,
        "the case finished in history");
    require(
        history.createHistoricTaskInstanceQuery().processInstanceId(id).count() == 3,
        "three tasks in history");
    return "a deadline timer on 'handle' (due "
        + deadline.getDuedate().toInstant()
        + ") deleted when handled; the case ended, in history with its 3 tasks";
  }

  /**
   * Checks that {@code expectedFinished} cases ended in all, none is left open and no job is left:
   * each lifecycle ran to its end and each deadline timer went with its task.
   */
  void checkAllEnded(long expectedFinished) {
    long open = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    long jobs = management.createTimerJobQuery().count() + management.createJobQuery().count();
    long finished =
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(PROCESS)
            .finished()
            .count();
    require(
        open == 0 && jobs == 0 && finished == expectedFinished,
        "every case ended: open "
            + open
            + ", jobs left "
            + jobs
            + ", finished in history "
            + finished
            + " (expected 0, 0, "
            + expectedFinished
            + ")");
  }

  private long timers(String processInstanceId) {
    return management.createTimerJobQuery().processInstanceId(processInstanceId).count();
  }

  private static void require(boolean holds, String what) {
    if (!holds) {
      throw new IllegalStateException("the peer's check failed: " + what);
    }
  }
}
