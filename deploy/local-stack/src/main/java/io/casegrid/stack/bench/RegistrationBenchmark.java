package io.casegrid.stack.bench;

import io.casegrid.stack.LocalStack;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Registers cases over HTTP on a system of its own ({@link ThrowawaySystem}, as the lifecycle
 * benchmark starts it), at a steady offered rate on an open-loop schedule, and prints the
 * registrations per second intake achieved, the errors, the latency percentiles measured from each
 * registration's planned send time, report → department queue (the case's CaseDispatched seen on
 * Kafka), and the CPU time per registration of each process.
 *
 * <p>Only a 201 counts as a registration. Every other answer (a 429 of the rate limit, a 4xx, a
 * 5xx) counts as refused, and a request not sent within 30 s or not answered in time as failed; the
 * command then ends with status 1 if anything was refused, or if anything failed in the warm-up
 * (which then stops it: the figure would not be of registrations).
 *
 * <p>The benchmark registers as the demo operator, one user, much faster than a person could, so
 * the command (profile {@code bench}) starts the system with the per-client limit of case writes
 * raised for load tests; the limiter still runs on every request, and the production default is
 * unchanged.
 *
 * <p>Run it with {@code ./mvnw -Pbench -Dbench.main=RegistrationBenchmark}, options in {@code
 * -Dbench.args}, defaults shown: {@code --rate 2000 --seconds 30 --warm-up 10000 --connections 64}:
 *
 * <ul>
 *   <li>{@code --rate}: registrations offered per second;
 *   <li>{@code --seconds}: for how long;
 *   <li>{@code --warm-up}: registrations sent first, {@value #WARM_UP_IN_FLIGHT} in flight, not
 *       counted, so that intake runs compiled code (on a system just started, 2000 were not
 *       enough); the run starts once dispatch has queued them (or after 3 minutes), so that it does
 *       not pay for their backlog; 0 for none;
 *   <li>{@code --connections}: requests in flight at most, as behind a proxy's pool of connections;
 *       the others wait their turn, their wait counted in their latency, and one that waited 30 s
 *       is given up as not sent. 0: a connection per request, as many separate clients; past what
 *       the service takes, their connections pile up until it accepts none.
 * </ul>
 */
public final class RegistrationBenchmark {

  private static final int WARM_UP_IN_FLIGHT = 32;
  private static final long WARM_UP_QUEUE_LIMIT_SECONDS = 180;

  /** The options, each {@code --name value}. */
  record Options(int rate, int seconds, int warmUp, int connections) {

    static Options parse(String... args) {
      Map<String, Integer> defaults = new LinkedHashMap<>();
      defaults.put("rate", 2000);
      defaults.put("seconds", 30);
      defaults.put("warm-up", 10_000);
      defaults.put("connections", 64);
      Map<String, Integer> values =
          BenchArgs.parse(args, defaults, Set.of("warm-up", "connections"));
      return new Options(
          values.get("rate"),
          values.get("seconds"),
          values.get("warm-up"),
          values.get("connections"));
    }
  }

  private final BenchClient client;
  private final byte[] complaint;

  private RegistrationBenchmark(BenchClient client) {
    this.client = client;
    this.complaint = client.bytes(BenchClient.COMPLAINT);
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    LocalStack system = ThrowawaySystem.start("registration");
    boolean clean;
    try (DispatchedCases dispatched = DispatchedCases.listen(system.kafka().adminLogin())) {
      RegistrationBenchmark bench =
          new RegistrationBenchmark(
              new BenchClient(system::url, system.tokens(), options.connections()));
      if (!bench.warmUp(options.warmUp(), dispatched)) {
        System.out.println("the warm-up failed: no figure, it would not be of registrations");
        System.exit(1);
      }
      Failures failures = bench.steady(system, options, dispatched);
      clean = failures.refused() == 0;
    }
    // Exits even when clean: the system's threads would keep the JVM, and so the system, alive.
    System.exit(clean ? 0 : 1);
  }

  /**
   * Registers {@code count} cases, then waits until dispatch has queued them, so that the measured
   * run does not pay for the warm-up's backlog in dispatch and supervision.
   */
  private boolean warmUp(int count, DispatchedCases dispatched) throws InterruptedException {
    Semaphore slots = new Semaphore(WARM_UP_IN_FLIGHT);
    CountDownLatch done = new CountDownLatch(count);
    CountDownLatch queued = new CountDownLatch(count);
    Failures failures = new Failures();
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      client
          .report(complaint)
          .whenComplete(
              (id, e) -> {
                if (e != null) {
                  failures.add(e);
                  queued.countDown();
                } else {
                  dispatched.arrival(id).thenRun(queued::countDown);
                }
                slots.release();
                done.countDown();
              });
    }
    done.await();
    long answered = System.nanoTime();
    boolean allQueued = queued.await(WARM_UP_QUEUE_LIMIT_SECONDS, TimeUnit.SECONDS);
    System.out.printf(
        "warm-up: %d registrations, %d in flight, in %.1f s; failed: %s; %s%n",
        count,
        WARM_UP_IN_FLIGHT,
        (answered - started) / 1e9,
        failures,
        allQueued
            ? String.format(
                "all in a queue %.1f s after the last answer", (System.nanoTime() - answered) / 1e9)
            : queued.getCount()
                + " not in a queue "
                + WARM_UP_QUEUE_LIMIT_SECONDS
                + " s after the last answer: the run starts with that backlog");
    return failures.none();
  }

  private Failures steady(LocalStack system, Options options, DispatchedCases dispatched)
      throws InterruptedException {
    int rate = options.rate();
    int count = rate * options.seconds();
    AtomicLongArray answered = new AtomicLongArray(count);
    AtomicLongArray toQueue = new AtomicLongArray(count);
    for (int i = 0; i < count; i++) {
      answered.set(i, Percentiles.NEVER);
      toQueue.set(i, Percentiles.NEVER);
    }
    AtomicLongArray answeredAt = new AtomicLongArray(1);
    AtomicInteger registered = new AtomicInteger();
    Failures failures = new Failures();
    CountDownLatch answers = new CountDownLatch(count);
    CountDownLatch arrivals = new CountDownLatch(count);
    // From the first registration until the last is in its queue (or the wait ends): what a
    // registration costs each process, the consumers of its events included.
    Optional<SystemCpu> cpu = SystemCpu.start(system);
    long cpuFrom = System.nanoTime();
    OpenLoop.Schedule schedule =
        OpenLoop.run(
            count,
            rate,
            (n, plannedAt) ->
                client
                    .report(complaint)
                    .whenComplete(
                        (id, e) -> {
                          long now = System.nanoTime();
                          if (e == null) {
                            answered.set(n, now - plannedAt);
                            registered.incrementAndGet();
                            answeredAt.accumulateAndGet(0, now, Math::max);
                            dispatched
                                .arrival(id)
                                .thenAccept(at -> toQueue.set(n, at - plannedAt))
                                .thenRun(arrivals::countDown);
                          } else {
                            failures.add(e);
                            arrivals.countDown();
                          }
                          answers.countDown();
                        }));
    // Every request is sent or given up within 30 s, and ends within the client's time limit.
    answers.await();
    long measured =
        Math.max(answeredAt.get(0), schedule.lastPlannedNanos()) - schedule.startNanos();
    arrivals.await(
        schedule.lastPlannedNanos() + DispatchedCases.ARRIVAL_LIMIT - System.nanoTime(),
        TimeUnit.NANOSECONDS);
    Optional<SystemCpu.Usage> used = cpu.map(SystemCpu::used);
    double cpuSeconds = (System.nanoTime() - cpuFrom) / 1e9;
    long[] latencies = new long[count];
    Arrays.setAll(latencies, answered::get);
    long[] queue = new long[count];
    Arrays.setAll(queue, i -> answered.get(i) == Percentiles.NEVER ? -1 : toQueue.get(i));
    System.out.printf(
        "%nregistration, open loop at %d/s for %d s (latency from the planned send time)%n"
            + "   %d registrations offered, sent at %.0f/s%n"
            + "   registered (201): %d in %.1f s: %.0f registrations/s%n"
            + "   failed: %s, of which refused (an answer other than 201): %d%n"
            + "   intake answered  %s%n"
            + "   of those 201     %s%n"
            + "   report -> queue  %s%n"
            + "   registered but not in a queue within 30 s: %d%n",
        rate,
        options.seconds(),
        count,
        schedule.achievedRate(),
        registered.get(),
        measured / 1e9,
        registered.get() * 1e9 / measured,
        failures,
        failures.refused(),
        Percentiles.of(latencies),
        Percentiles.of(Arrays.stream(latencies).filter(l -> l != Percentiles.NEVER).toArray()),
        Percentiles.of(queue),
        DispatchedCases.late(queue));
    used.ifPresent(
        u ->
            System.out.printf(
                "   CPU per registration: %s%n   CPU, per cent of one core: %s%n",
                u.describePer(Math.max(1, registered.get())), u.describeShareOf(cpuSeconds)));
    return failures;
  }
}
