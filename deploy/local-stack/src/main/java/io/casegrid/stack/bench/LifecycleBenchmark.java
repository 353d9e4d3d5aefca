package io.casegrid.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.casegrid.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures whole case lifecycles on a system of its own, started as the local stack starts it but
 * on free ports and in a temporary folder (deleted at the end), right after the same lifecycle on
 * the Flowable peer, and prints the figures:
 *
 * <ol>
 *   <li><b>The peer</b> ({@code deploy/flowable-peer}): {@code --peer-lifecycles} lifecycles on
 *       Flowable 7 embedded, after {@code --peer-warm-up}, on {@code --peer-threads} client
 *       threads, on a PostgreSQL of its own started as the system's, which it stops before the
 *       system starts. Prints lifecycles per second, the percentiles of the lifecycle and of each
 *       step, and the CPU time per lifecycle of its JVM and its PostgreSQL.
 *   <li><b>Whole lifecycles</b>: a complaint is reported at intake, reaches DRAINAGE's queue (its
 *       CaseDispatched arrives on Kafka), is signed for, resolved and verified, and ends CLOSED. As
 *       the peer's clients find each task through the department's task query, each step is found
 *       first where its worker finds it: sign and resolve in DRAINAGE's queue (the department the
 *       case was routed to) as its staff, verify in the hotline's verification queue as its
 *       operator, each narrowed to the case's number from the report's answer, and posted only once
 *       that answer holds the case, alone, in the state the step expects. {@code --lifecycles} of
 *       them, after {@value #WARM_UP} not counted, with {@code --concurrency} in flight. Prints
 *       lifecycles per second, the percentiles of the whole lifecycle and of report → queue, and
 *       the CPU time per lifecycle of each process of the system, the load generator's (this JVM's)
 *       apart.
 *   <li><b>Report → department queue at a steady rate</b>: {@code --reports} reports sent at {@code
 *       --rate} per second on an open-loop schedule (sent at their planned times whatever the
 *       answers, and measured from those times, so that slow answers cannot hide latency). Prints
 *       the rate achieved, the percentiles, how many never reached a queue within 30 s, and the CPU
 *       time per report of each process of the system.
 * </ol>
 *
 * <p>Last, ours beside the peer's: lifecycles per second and CPU per lifecycle, with their ratios.
 *
 * <p>Run it with {@code ./mvnw -Pbench}, options in {@code -Dbench.args}, defaults shown: {@code
 * ./mvnw -Pbench -Dbench.args="--lifecycles 2000 --concurrency 32 --reports 10000 --rate 500
 * --peer-lifecycles 4000 --peer-threads 4 --peer-warm-up 500"} ({@code --peer-lifecycles 0}: no
 * peer). It ends with status 1 if the peer failed, if a lifecycle failed: a step answered other
 * than 201 (the report) or 200, a queue did not hold the case in the expected state, or the case
 * did not end CLOSED. In the open-loop phase, errors are figures: an overloaded intake may time
 * out.
 */
public final class LifecycleBenchmark {

  private static final int WARM_UP = 200;
  // Where the complaint's category is routed, whose staff sign and resolve it; a citizen's case is
  // verified by the hotline.
  private static final String DEPARTMENT = "DRAINAGE";
  private static final String STAFF = "drainage1";
  private static final String VERIFIER = "operator1";
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  /** The options, each {@code --name value}. */
  record Options(
      int lifecycles,
      int concurrency,
      int reports,
      int rate,
      int peerLifecycles,
      int peerThreads,
      int peerWarmUp) {

    // Options that may be 0: no peer, or a peer without a warm-up.
    private static final Set<String> MAY_BE_NONE = Set.of("peer-lifecycles", "peer-warm-up");

    static Options parse(String... args) {
      Map<String, Integer> defaults = new LinkedHashMap<>();
      defaults.put("lifecycles", 2000);
      defaults.put("concurrency", 32);
      defaults.put("reports", 10000);
      defaults.put("rate", 500);
      // As the reference run of the peer that the project's claim compares with.
      defaults.put("peer-lifecycles", 4000);
      defaults.put("peer-threads", 4);
      defaults.put("peer-warm-up", 500);
      Map<String, Integer> values = BenchArgs.parse(args, defaults, MAY_BE_NONE);
      return new Options(
          values.get("lifecycles"),
          values.get("concurrency"),
          values.get("reports"),
          values.get("rate"),
          values.get("peer-lifecycles"),
          values.get("peer-threads"),
          values.get("peer-warm-up"));
    }
  }

  private final BenchClient client;
  private final DispatchedCases dispatched;
  private final byte[] complaint;
  private final byte[] resolution;
  private final byte[] verification;

  private LifecycleBenchmark(LocalStack system, DispatchedCases dispatched) {
    this.client = new BenchClient(system::url, system.tokens(), 0);
    this.dispatched = dispatched;
    this.complaint = client.bytes(BenchClient.COMPLAINT);
    this.resolution = client.bytes(Map.of("result", "已补装井盖（压测）"));
    this.verification = client.bytes(Map.of("passed", true));
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    boolean clean = true;
    FlowablePeerRun.Figures peer = null;
    if (options.peerLifecycles() > 0) {
      Path repo = Path.of("").toAbsolutePath();
      String heap = LocalStack.Settings.defaults(repo).serviceHeap();
      System.out.printf(
          "casegrid lifecycle benchmark: the Flowable peer first (JVM -Xmx%s, as a service),"
              + " then the system%n",
          heap);
      try {
        peer =
            FlowablePeerRun.run(
                repo, heap, options.peerLifecycles(), options.peerThreads(), options.peerWarmUp());
        peer.print();
      } catch (IllegalStateException e) {
        System.out.println("   " + e.getMessage());
        clean = false;
      }
    }
    LocalStack system = ThrowawaySystem.start("lifecycle");
    Measured ours;
    try (DispatchedCases dispatched = DispatchedCases.listen(system.kafka().adminLogin())) {
      LifecycleBenchmark bench = new LifecycleBenchmark(system, dispatched);
      clean &= bench.warmUp(options.concurrency());
      ours = bench.wholeLifecycles(system, options.lifecycles(), options.concurrency());
      clean &= ours.run().failures().none();
      bench.steadyReports(system, options.reports(), options.rate());
    }
    if (peer != null) {
      compare(ours, peer);
    }
    // Exits even when clean: the system's threads would keep the JVM, and so the system, alive.
    System.exit(clean ? 0 : 1);
  }

  private boolean warmUp(int concurrency) throws InterruptedException {
    Failures failures = lifecycles(WARM_UP, concurrency).failures();
    if (!failures.none()) {
      System.out.println("warm-up: failed " + failures);
    }
    return failures.none();
  }

  /** The measured lifecycles, and the CPU time the processes used meanwhile (if measured). */
  private record Measured(
      int count, int concurrency, Lifecycles run, Optional<SystemCpu.Usage> cpu) {

    double perSecond() {
      return count * 1e9 / run.nanos();
    }
  }

  private Measured wholeLifecycles(LocalStack system, int count, int concurrency)
      throws InterruptedException {
    Optional<SystemCpu> cpu = SystemCpu.start(system);
    Lifecycles run = lifecycles(count, concurrency);
    Optional<SystemCpu.Usage> used = cpu.map(SystemCpu::used);
    System.out.printf(
        "%nA. whole lifecycles: report -> queue -> sign -> resolve -> verify (CLOSED),"
            + " each task found first in its worker's queue by the case's number%n"
            + "   %d lifecycles after %d to warm up, %d in flight, in %.1f s: %.1f lifecycles/s%n"
            + "   lifecycle        %s%n"
            + "   report -> queue  %s%n"
            + "   failed: %s%n",
        count,
        WARM_UP,
        concurrency,
        run.nanos() / 1e9,
        count * 1e9 / run.nanos(),
        Percentiles.of(run.whole()),
        Percentiles.of(run.toQueue()),
        run.failures());
    used.ifPresent(u -> System.out.println("   CPU per lifecycle: " + u.describePer(count)));
    return new Measured(count, concurrency, run, used);
  }

  private static void compare(Measured ours, FlowablePeerRun.Figures peer) {
    double oursCpu = ours.cpu().map(u -> u.systemMillisPer(ours.count())).orElse(Double.NaN);
    System.out.printf(
        "%nOurs beside the peer (%s), whole lifecycles%n"
            + "   lifecycles/s        ours %7.1f     peer %7.1f     ours/peer %.2fx%n"
            + "   lifecycle p50       ours %7.0f ms  peer %7.0f ms%n"
            + "   lifecycle p99       ours %7.0f ms  peer %7.0f ms%n"
            + "   CPU per lifecycle   ours %7.1f ms  peer %7.1f ms  ours/peer %.2fx"
            + " (ours without its load generator; the peer's clients run in its JVM)%n"
            + "   ours: %d in flight; the peer: %d client threads%n",
        peer.engine(),
        ours.perSecond(),
        peer.perSecond(),
        ours.perSecond() / peer.perSecond(),
        Percentiles.quantileMillis(ours.run().whole(), 0.50),
        Percentiles.quantileMillis(peer.lifecycleNanos(), 0.50),
        Percentiles.quantileMillis(ours.run().whole(), 0.99),
        Percentiles.quantileMillis(peer.lifecycleNanos(), 0.99),
        oursCpu,
        peer.cpuMillis(),
        oursCpu / peer.cpuMillis(),
        ours.concurrency(),
        peer.threads());
  }

  /** The lifecycles' durations; -1 where a lifecycle failed. */
  private record Lifecycles(long nanos, long[] whole, long[] toQueue, Failures failures) {}

  // Each of `concurrency` threads runs one lifecycle after another, so that as many are in flight
  // all along; a thread waits for each answer, and for the case to reach its queue.
  private Lifecycles lifecycles(int count, int concurrency) throws InterruptedException {
    long[] whole = new long[count];
    long[] toQueue = new long[count];
    Arrays.fill(whole, -1);
    Arrays.fill(toQueue, -1);
    Failures failures = new Failures();
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
            long begin = System.nanoTime();
            try {
              BenchClient.Registered registered = client.reportNow(complaint);
              toQueue[n] = inQueue(registered.id()) - begin;
              signResolveAndVerify(registered);
              whole[n] = System.nanoTime() - begin;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
              failures.add(e);
            }
          }
        };
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      Thread thread = new Thread(work, "lifecycle-" + i);
      thread.start();
      threads.add(thread);
    }
    // Every step ends within its time limit, so every lifecycle ends.
    for (Thread thread : threads) {
      thread.join();
    }
    return new Lifecycles(System.nanoTime() - started, whole, toQueue, failures);
  }

  private void steadyReports(LocalStack system, int count, int rate) throws InterruptedException {
    AtomicLongArray answered = new AtomicLongArray(count);
    AtomicLongArray toQueue = new AtomicLongArray(count);
    for (int i = 0; i < count; i++) {
      answered.set(i, Percentiles.NEVER);
      toQueue.set(i, Percentiles.NEVER);
    }
    Failures failures = new Failures();
    CountDownLatch done = new CountDownLatch(count);
    // From the first report until the last is in its queue (or the wait ends): what the report
    // path costs each process, the consumers of the events on the way included.
    Optional<SystemCpu> cpu = SystemCpu.start(system);
    OpenLoop.Schedule schedule =
        OpenLoop.run(
            count,
            rate,
            (n, plannedAt) ->
                client
                    .report(complaint)
                    .thenCompose(
                        id -> {
                          answered.set(n, System.nanoTime() - plannedAt);
                          return dispatched.arrival(id);
                        })
                    .whenComplete(
                        (at, e) -> {
                          if (e == null) {
                            toQueue.set(n, at - plannedAt);
                          } else {
                            failures.add(e);
                          }
                          done.countDown();
                        }));
    done.await(
        schedule.lastPlannedNanos() + DispatchedCases.ARRIVAL_LIMIT - System.nanoTime(),
        TimeUnit.NANOSECONDS);
    Optional<SystemCpu.Usage> used = cpu.map(SystemCpu::used);
    long[] latencies = new long[count];
    Arrays.setAll(latencies, toQueue::get);
    long[] answers = new long[count];
    Arrays.setAll(answers, answered::get);
    System.out.printf(
        "%nB. report -> department queue, open loop at %d/s (measured from the planned send time)%n"
            + "   %d reports sent at %.0f/s%n"
            + "   intake answered  %s%n"
            + "   report -> queue  %s%n"
            + "   p50 by second sent, intake answered  %s%n"
            + "                       report -> queue  %s%n"
            + "   not in a queue within 30 s: %d, of which intake failed to answer: %s%n",
        rate,
        count,
        schedule.achievedRate(),
        Percentiles.of(answers),
        Percentiles.of(latencies),
        bySecond(answers, rate),
        bySecond(latencies, rate),
        DispatchedCases.late(latencies),
        failures);
    used.ifPresent(u -> System.out.println("   CPU per report: " + u.describePer(count)));
  }

  // The median of each second's reports: rising all along says the system falls behind the rate,
  // high at first and then falling that phase B began behind work left from phase A.
  private static String bySecond(long[] nanos, int rate) {
    StringJoiner seconds = new StringJoiner(" / ", "", " ms");
    for (int from = 0; from < nanos.length; from += rate) {
      long[] second = Arrays.copyOfRange(nanos, from, Math.min(from + rate, nanos.length));
      seconds.add(String.format("%.0f", Percentiles.quantileMillis(second, 0.50)));
    }
    return seconds.toString();
  }

  // When the case's CaseDispatched arrived; a TimeoutException if not within the limit.
  private long inQueue(String id)
      throws InterruptedException, ExecutionException, TimeoutException {
    return dispatched.arrival(id).get(DispatchedCases.ARRIVAL_LIMIT, TimeUnit.NANOSECONDS);
  }

  private void signResolveAndVerify(BenchClient.Registered registered) {
    String queue = "/api/departments/" + DEPARTMENT + "/queue?number=" + registered.number();
    String work = "/api/departments/" + DEPARTMENT + "/cases/";
    String id = found(STAFF, queue, registered, "DISPATCHED");
    client.call(STAFF, "dispatch", work + id + "/sign", EMPTY, 200);
    id = found(STAFF, queue, registered, "SIGNED");
    client.call(STAFF, "dispatch", work + id + "/resolve", resolution, 200);
    id =
        found(
            VERIFIER,
            "/api/verification-tasks?verifier=HOTLINE&number=" + registered.number(),
            registered,
            "RESOLVED");
    JsonNode verified =
        client.call(VERIFIER, "dispatch", "/api/cases/" + id + "/verification", verification, 200);
    if (!"CLOSED".equals(verified.path("state").asText())) {
      throw new IllegalStateException("case " + id + " ended " + verified.path("state"));
    }
  }

  // The case's id from a queue that must hold it alone and in the state the next step expects, as
  // the peer's clients require one task of the expected step.
  private String found(String user, String queue, BenchClient.Registered registered, String state) {
    JsonNode items = client.read(user, "dispatch", queue).path("items");
    if (items.size() != 1
        || !registered.id().equals(items.get(0).path("caseId").asText())
        || !state.equals(items.get(0).path("state").asText())) {
      throw new IllegalStateException(
          "case " + registered.number() + ": expected it " + state + " in " + queue + ": " + items);
    }
    return items.get(0).path("caseId").asText();
  }
}
