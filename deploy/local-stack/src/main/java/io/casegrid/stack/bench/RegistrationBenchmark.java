package io.casegrid.stack.bench;

import io.casegrid.embedded.AccessTokens;
import io.casegrid.embedded.Credentials;
import io.casegrid.embedded.KafkaAccess;
import io.casegrid.embedded.KafkaLogin;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Registers cases over HTTP against a system that is already running (the local stack of {@code
 * ./mvnw -Pstart}, or any other), at a steady offered rate on an open-loop schedule, and prints the
 * registrations per second intake achieved, the errors, and the latency percentiles measured from
 * each registration's planned send time; and, when it can read dispatch's topic, report →
 * department queue (the case's CaseDispatched seen on Kafka).
 *
 * <p>Run it with {@code ./mvnw -Pbench-registration -Dbench.rate=2000 -Dbench.seconds=30}; the
 * settings are system properties:
 *
 * <ul>
 *   <li>{@code bench.rate} (2000): registrations offered per second;
 *   <li>{@code bench.seconds} (30): for how long;
 *   <li>{@code bench.warm-up} (10000): registrations sent first, 32 in flight, not counted, so that
 *       intake runs compiled code (on a stack just started, 2000 were not enough);
 *   <li>{@code bench.connections} (64): requests in flight at most, as behind a proxy's pool of
 *       connections; the others wait their turn, their wait counted in their latency, and one that
 *       waited 30 s is given up as not sent. 0: a connection per request, as many separate clients;
 *       past what the service takes, their connections pile up until it accepts none.
 *   <li>{@code bench.intake} ({@code http://127.0.0.1:8081}), {@code bench.issuer} (the local
 *       stack's issuer): where the system is;
 *   <li>{@code bench.kafka} ({@code 127.0.0.1:19092}): its broker, to see the cases reach a queue,
 *       read as the stack's Kafka administrator, whose password is in the stack's data folder
 *       ({@code casegrid.home}); empty to measure registration only.
 * </ul>
 */
public final class RegistrationBenchmark {

  private static final int WARM_UP_IN_FLIGHT = 32;

  private final BenchClient client;
  private final byte[] complaint;

  // The stack's Kafka administrator, who may read dispatch's topic in a group of its own.
  private static KafkaLogin administrator(Path home, String bootstrapServers) {
    Path keys = home.resolve("keys/kafka.properties");
    Credentials credentials = Credentials.inFile(keys, "");
    if (!credentials.has(KafkaAccess.ADMIN)) {
      throw new IllegalStateException(
          "no Kafka credentials in " + keys + ": give the stack's -Dcasegrid.home");
    }
    return new KafkaLogin(
        bootstrapServers, KafkaAccess.ADMIN, credentials.password(KafkaAccess.ADMIN));
  }

  private RegistrationBenchmark(BenchClient client) {
    this.client = client;
    this.complaint = client.bytes(BenchClient.COMPLAINT);
  }

  public static void main(String[] args) throws Exception {
    int rate = Integer.getInteger("bench.rate", 2000);
    int seconds = Integer.getInteger("bench.seconds", 30);
    int warmUp = Integer.getInteger("bench.warm-up", 10_000);
    String intake = System.getProperty("bench.intake", "http://127.0.0.1:8081");
    String issuer = System.getProperty("bench.issuer", "http://127.0.0.1:18080/realms/casegrid");
    String kafka = System.getProperty("bench.kafka", "127.0.0.1:19092");
    Path home =
        Path.of(
            System.getProperty(
                "casegrid.home", Path.of(System.getProperty("user.home"), ".casegrid").toString()));
    int connections = Integer.getInteger("bench.connections", 64);
    if (rate < 1 || seconds < 1 || warmUp < 0) {
      throw new IllegalArgumentException("bench.rate and bench.seconds must be at least 1");
    }
    System.out.printf(
        "casegrid registration benchmark: %s, %d/s for %d s, %s; here %d cores, Java %s%n",
        intake,
        rate,
        seconds,
        connections > 0 ? "at most " + connections + " in flight" : "a connection per request",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    RegistrationBenchmark bench =
        new RegistrationBenchmark(
            new BenchClient(
                service -> intake,
                new AccessTokens(issuer + "/protocol/openid-connect/token"),
                connections));
    bench.warmUp(warmUp);
    if (kafka.isBlank()) {
      bench.steady(rate, seconds, null);
    } else {
      try (DispatchedCases dispatched = DispatchedCases.listen(administrator(home, kafka))) {
        bench.steady(rate, seconds, dispatched);
      }
    }
  }

  private void warmUp(int count) throws InterruptedException {
    Semaphore slots = new Semaphore(WARM_UP_IN_FLIGHT);
    CountDownLatch done = new CountDownLatch(count);
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
                }
                slots.release();
                done.countDown();
              });
    }
    done.await();
    System.out.printf(
        "warm-up: %d registrations, %d in flight, in %.1f s; failed: %s%n",
        count, WARM_UP_IN_FLIGHT, (System.nanoTime() - started) / 1e9, failures);
  }

  private void steady(int rate, int seconds, DispatchedCases dispatched)
      throws InterruptedException {
    int count = rate * seconds;
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
    CountDownLatch arrivals = new CountDownLatch(dispatched == null ? 0 : count);
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
                            if (dispatched != null) {
                              dispatched
                                  .arrival(id)
                                  .thenAccept(at -> toQueue.set(n, at - plannedAt))
                                  .thenRun(arrivals::countDown);
                            }
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
    long[] latencies = new long[count];
    Arrays.setAll(latencies, answered::get);
    System.out.printf(
        "%nregistration, open loop at %d/s for %d s (latency from the planned send time)%n"
            + "   %d registrations offered, sent at %.0f/s%n"
            + "   registered (201): %d in %.1f s: %.0f registrations/s%n"
            + "   errors: %s%n"
            + "   intake answered  %s%n"
            + "   of those 201     %s%n",
        rate,
        seconds,
        count,
        schedule.achievedRate(),
        registered.get(),
        measured / 1e9,
        registered.get() * 1e9 / measured,
        failures,
        Percentiles.of(latencies),
        Percentiles.of(Arrays.stream(latencies).filter(l -> l != Percentiles.NEVER).toArray()));
    if (dispatched != null) {
      arrivals.await(
          schedule.lastPlannedNanos() + DispatchedCases.ARRIVAL_LIMIT - System.nanoTime(),
          TimeUnit.NANOSECONDS);
      long[] queue = new long[count];
      Arrays.setAll(queue, i -> answered.get(i) == Percentiles.NEVER ? -1 : toQueue.get(i));
      System.out.printf(
          "   report -> queue  %s%n   registered but not in a queue within 30 s: %d%n",
          Percentiles.of(queue), DispatchedCases.late(queue));
    }
  }
}
