package io.casegrid.stack.faults;

import io.casegrid.stack.bench.DispatchedCases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives a stream of reports through whole lifecycles: report at intake, wait for the case in its
 * department's queue, then sign, resolve and verify it at dispatch, at a pace chosen per report so
 * that some cases are done long before their warning, some after the warning but before they are
 * overdue, and some only once they are overdue. Each step is a command with its own {@code
 * Idempotency-Key}, sent again until it is answered.
 */
final class Lifecycles {

  /** When a report's department works it, against the case's warning and resolve deadlines. */
  enum Pace {
    /** At once: closed long before any warning. */
    PROMPT,
    /** Halfway between the warning and the deadline: warned, never overdue. */
    WARNED,
    /** After the deadline: warned, overdue, with a supervision order. */
    OVERDUE
  }

  /** The steps of a lifecycle, by the commands that carry them out. */
  enum Step {
    REPORT,
    SIGN,
    RESOLVE,
    VERIFY
  }

  /** One report and what became of it, as the client saw it. */
  static final class Report {
    final int number;
    final String key = UUID.randomUUID().toString();
    final String description;
    final Pace pace;
    final long startedNanos;
    final Map<Step, Instant> answered = new ConcurrentHashMap<>();
    volatile UUID caseId;
    volatile String caseNumber;
    volatile long queuedNanos = -1;
    volatile String failure;

    Report(int number, String run, Pace pace) {
      this.number = number;
      this.description = "故障试验 " + run + " #" + number + "：污水井盖缺失";
      this.pace = pace;
      this.startedNanos = System.nanoTime();
    }

    /** From the first try of the report to the case's arrival in the department's queue. */
    long toQueueNanos() {
      return queuedNanos < 0 ? -1 : queuedNanos - startedNanos;
    }

    boolean closed() {
      return answered.containsKey(Step.VERIFY);
    }
  }

  private final Client client;
  private final DispatchedCases queues;
  private final Duration warningAfter;
  private final Duration resolveAfter;
  private final String run;
  private final List<Report> reports = new ArrayList<>();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService workers = Executors.newFixedThreadPool(48);
  private CountDownLatch done;

  Lifecycles(
      Client client,
      DispatchedCases queues,
      Duration warningAfter,
      Duration resolveAfter,
      String run) {
    this.client = client;
    this.queues = queues;
    this.warningAfter = warningAfter;
    this.resolveAfter = resolveAfter;
    this.run = run;
  }

  /**
   * Starts {@code count} reports at {@code rate} per second, the paces in turn by the given shares;
   * returns at once, see {@link #awaitDone}.
   */
  synchronized void start(int count, double rate, double warnedShare, double overdueShare) {
    done = new CountDownLatch(count);
    long intervalNanos = (long) (1e9 / rate);
    for (int n = 0; n < count; n++) {
      double slot = (n * 0.6180339887) % 1.0; // Spread the paces evenly over the run.
      Pace pace =
          slot < overdueShare
              ? Pace.OVERDUE
              : slot < overdueShare + warnedShare ? Pace.WARNED : Pace.PROMPT;
      int number = n;
      clock.schedule(
          () -> workers.execute(() -> report(number, pace)),
          n * intervalNanos,
          TimeUnit.NANOSECONDS);
    }
  }

  /** Every report started so far, in the order started. */
  synchronized List<Report> reports() {
    return List.copyOf(reports);
  }

  /** Waits until every lifecycle ended (closed or given up); false if time ran out. */
  boolean awaitDone(Duration within) throws InterruptedException {
    return done.await(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  int unfinished() {
    return (int) done.getCount();
  }

  private void report(int number, Pace pace) {
    Report report = new Report(number, run, pace);
    synchronized (this) {
      reports.add(report);
    }
    try {
      Client.Answer answer =
          client.post(
              "operator1",
              "intake",
              "/api/cases",
              Map.of(
                  "kind",
                  "COMPLAINT",
                  "channel",
                  "HOTLINE",
                  "categoryCode",
                  "0102",
                  "description",
                  report.description,
                  "position",
                  Map.of("latitude", 30.215, "longitude", 120.0865),
                  "reporter",
                  Map.of("anonymous", true, "callbackConsent", false)),
              report.key + "/report");
      if (!answered(report, Step.REPORT, answer, 201)) {
        return;
      }
      report.caseId = UUID.fromString(answer.body().path("id").asText());
      report.caseNumber = answer.body().path("caseNumber").asText();
      queues
          .arrival(report.caseId.toString())
          .orTimeout(5, TimeUnit.MINUTES)
          .whenComplete(
              (at, e) -> {
                if (e != null) {
                  fail(
                      report,
                      e instanceof TimeoutException
                          ? "not in a queue 5 minutes after it was reported"
                          : e.toString());
                  return;
                }
                report.queuedNanos = at;
                clock.schedule(
                    () -> workers.execute(() -> work(report)),
                    delay(report.pace).toMillis(),
                    TimeUnit.MILLISECONDS);
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(report, "interrupted");
    } catch (RuntimeException e) {
      fail(report, e.toString());
    }
  }

  // From the case's arrival in the queue, which is when its clock started.
  private Duration delay(Pace pace) {
    return switch (pace) {
      case PROMPT -> Duration.ZERO;
      case WARNED -> warningAfter.plus(resolveAfter).dividedBy(2);
      case OVERDUE -> resolveAfter.plusSeconds(20);
    };
  }

  private void work(Report report) {
    String department = "/api/departments/DRAINAGE/cases/" + report.caseId;
    try {
      if (answered(
              report,
              Step.SIGN,
              client.post(
                  "drainage1", "dispatch", department + "/sign", Map.of(), key(report, Step.SIGN)),
              200)
          && answered(
              report,
              Step.RESOLVE,
              client.post(
                  "drainage1",
                  "dispatch",
                  department + "/resolve",
                  Map.of("result", "井盖已更换"),
                  key(report, Step.RESOLVE)),
              200)
          && answered(
              report,
              Step.VERIFY,
              client.post(
                  "operator1",
                  "dispatch",
                  "/api/cases/" + report.caseId + "/verification",
                  Map.of("passed", true),
                  key(report, Step.VERIFY)),
              200)) {
        done.countDown();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(report, "interrupted");
    } catch (RuntimeException e) {
      fail(report, e.toString());
    }
  }

  private static String key(Report report, Step step) {
    return report.key + "/" + step.name().toLowerCase();
  }

  private boolean answered(Report report, Step step, Client.Answer answer, int expected) {
    if (answer == null) {
      fail(report, step + ": no answer within the client's patience");
      return false;
    }
    if (answer.status() != expected) {
      fail(report, step + " answered " + answer.status() + ": " + answer.body());
      return false;
    }
    report.answered.put(step, Instant.now());
    return true;
  }

  private void fail(Report report, String why) {
    report.failure = why;
    done.countDown();
  }

  void close() {
    clock.shutdownNow();
    workers.shutdownNow();
  }
}
