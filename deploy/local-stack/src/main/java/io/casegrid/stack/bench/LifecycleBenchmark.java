package io.casegrid.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures whole case lifecycles on a system of its own, started as the local stack starts it but
 * on free ports and in a temporary folder (deleted at the end), and prints the figures:
 *
 * <ol>
 *   <li><b>Whole lifecycles</b>: a complaint is reported at intake, reaches DRAINAGE's queue (its
 *       CaseDispatched arrives on Kafka), is signed for, resolved and verified, and ends CLOSED.
 *       {@code --lifecycles} of them, after {@value #WARM_UP} not counted, with {@code
 *       --concurrency} in flight. Prints lifecycles per second and the percentiles of the whole
 *       lifecycle and of report → queue.
 *   <li><b>Report → department queue at a steady rate</b>: {@code --reports} reports sent at {@code
 *       --rate} per second on an open-loop schedule (sent at their planned times whatever the
 *       answers, and measured from those times, so that slow answers cannot hide latency). Prints
 *       the rate achieved, the percentiles, and how many never reached a queue within 30 s.
 * </ol>
 *
 * <p>Run it with {@code ./mvnw -Pbench}, options in {@code -Dbench.args}, defaults shown: {@code
 * ./mvnw -Pbench -Dbench.args="--lifecycles 2000 --concurrency 32 --reports 10000 --rate 500"}. It
 * ends with status 1 if a lifecycle failed: a step answered other than 201 (the report) or 200, or
 * the case did not end CLOSED. In the open-loop phase, errors are figures: an overloaded intake may
 * time out.
 */
public final class LifecycleBenchmark {

  private static final int WARM_UP = 200;
  private static final long ARRIVAL_LIMIT = TimeUnit.SECONDS.toNanos(30);
  private static final long NEVER = Long.MAX_VALUE;
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  /** The options, each {@code --name value}. */
  record Options(int lifecycles, int concurrency, int reports, int rate) {

    static Options parse(String... args) {
      Map<String, Integer> values = new LinkedHashMap<>();
      values.put("lifecycles", 2000);
      values.put("concurrency", 32);
      values.put("reports", 10000);
      values.put("rate", 500);
      String[] words = Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new);
      for (int i = 0; i < words.length; i += 2) {
        String name = words[i].replaceFirst("^--", "");
        if (!words[i].startsWith("--") || !values.containsKey(name) || i + 1 == words.length) {
          throw new IllegalArgumentException(
              "unknown or incomplete option " + words[i] + "; options: " + values);
        }
        int value = Integer.parseInt(words[i + 1]);
        if (value < 1) {
          throw new IllegalArgumentException(words[i] + " must be at least 1");
        }
        values.put(name, value);
      }
      return new Options(
          values.get("lifecycles"),
          values.get("concurrency"),
          values.get("reports"),
          values.get("rate"));
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  // HTTP/1.1 with a connection per request in flight, as a city's many clients would arrive; the
  // JDK client would otherwise multiplex everything over one HTTP/2 connection.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final LocalStack system;
  private final DispatchedCases dispatched;
  private final byte[] complaint;
  private final byte[] resolution;
  private final byte[] verification;

  private LifecycleBenchmark(LocalStack system, DispatchedCases dispatched) throws IOException {
    this.system = system;
    this.dispatched = dispatched;
    this.complaint =
        json.writeValueAsBytes(
            Map.of(
                "kind", "COMPLAINT",
                "channel", "APP",
                "categoryCode", "0102",
                "description", "湖滨路口污水井盖缺失（压测）",
                "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter", Map.of("anonymous", true, "callbackConsent", false)));
    this.resolution = json.writeValueAsBytes(Map.of("result", "已补装井盖（压测）"));
    this.verification = json.writeValueAsBytes(Map.of("passed", true));
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    LocalStack system = ThrowawaySystem.start("lifecycle");
    boolean clean;
    try (DispatchedCases dispatched = DispatchedCases.listen(system.kafkaBootstrapServers())) {
      LifecycleBenchmark bench = new LifecycleBenchmark(system, dispatched);
      clean = bench.warmUp(options.concurrency());
      clean &= bench.wholeLifecycles(options.lifecycles(), options.concurrency());
      bench.steadyReports(options.reports(), options.rate());
    }
    if (!clean) {
      System.exit(1);
    }
  }

  private boolean warmUp(int concurrency) throws InterruptedException {
    Failures failures = lifecycles(WARM_UP, concurrency).failures();
    if (!failures.none()) {
      System.out.println("warm-up: failed " + failures);
    }
    return failures.none();
  }

  private boolean wholeLifecycles(int count, int concurrency) throws InterruptedException {
    Lifecycles run = lifecycles(count, concurrency);
    System.out.printf(
        "%nA. whole lifecycles: report -> queue -> sign -> resolve -> verify (CLOSED)%n"
            + "   %d lifecycles after %d to warm up, %d in flight, in %.1f s: %.1f lifecycles/s%n"
            + "   lifecycle        %s%n"
            + "   report -> queue  %s%n"
            + "   failed: %s%n",
        count,
        WARM_UP,
        concurrency,
        run.nanos() / 1e9,
        count * 1e9 / run.nanos(),
        percentiles(run.whole()),
        percentiles(run.toQueue()),
        run.failures());
    return run.failures().none();
  }

  /** The lifecycles' durations; -1 where a lifecycle failed. */
  private record Lifecycles(long nanos, long[] whole, long[] toQueue, Failures failures) {}

  private Lifecycles lifecycles(int count, int concurrency) throws InterruptedException {
    long[] whole = new long[count];
    long[] toQueue = new long[count];
    Arrays.fill(whole, -1);
    Arrays.fill(toQueue, -1);
    Failures failures = new Failures();
    Semaphore slots = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(count);
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      int n = i;
      long begin = System.nanoTime();
      report()
          .thenCompose(
              id ->
                  inQueue(id)
                      .thenCompose(
                          at -> {
                            toQueue[n] = at - begin;
                            return signResolveAndVerify(id);
                          }))
          .whenComplete(
              (closed, e) -> {
                if (e == null) {
                  whole[n] = System.nanoTime() - begin;
                } else {
                  failures.add(e);
                }
                slots.release();
                done.countDown();
              });
    }
    // Every step ends within its time limit, so every lifecycle ends.
    done.await();
    return new Lifecycles(System.nanoTime() - started, whole, toQueue, failures);
  }

  private void steadyReports(int count, int rate) throws InterruptedException {
    AtomicLongArray answered = new AtomicLongArray(count);
    AtomicLongArray toQueue = new AtomicLongArray(count);
    for (int i = 0; i < count; i++) {
      answered.set(i, NEVER);
      toQueue.set(i, NEVER);
    }
    Failures failures = new Failures();
    CountDownLatch done = new CountDownLatch(count);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long planned = start;
    for (int i = 0; i < count; i++) {
      planned = start + Math.round(i * 1e9 / rate);
      long wait = planned - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int n = i;
      long plannedAt = planned;
      report()
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
              });
    }
    // Each report's interval counts once, so reports that all leave on time give exactly the rate.
    double achieved = count * 1e9 / (System.nanoTime() - start + 1e9 / rate);
    done.await(planned + ARRIVAL_LIMIT - System.nanoTime(), TimeUnit.NANOSECONDS);
    long[] latencies = new long[count];
    int late = 0;
    for (int i = 0; i < count; i++) {
      latencies[i] = toQueue.get(i);
      if (latencies[i] > ARRIVAL_LIMIT) {
        late++;
      }
    }
    long[] answers = new long[count];
    Arrays.setAll(answers, answered::get);
    System.out.printf(
        "%nB. report -> department queue, open loop at %d/s (measured from the planned send time)%n"
            + "   %d reports sent at %.0f/s%n"
            + "   intake answered  %s%n"
            + "   report -> queue  %s%n"
            + "   not in a queue within 30 s: %d, of which intake failed to answer: %s%n",
        rate, count, achieved, percentiles(answers), percentiles(latencies), late, failures);
  }

  private CompletableFuture<String> report() {
    return post("operator1", "intake", "/api/cases", complaint, 201)
        .thenApply(c -> c.path("id").asText());
  }

  private CompletableFuture<Long> inQueue(String id) {
    return dispatched.arrival(id).orTimeout(ARRIVAL_LIMIT, TimeUnit.NANOSECONDS);
  }

  private CompletableFuture<Void> signResolveAndVerify(String id) {
    String work = "/api/departments/DRAINAGE/cases/" + id;
    return post("drainage1", "dispatch", work + "/sign", EMPTY, 200)
        .thenCompose(signed -> post("drainage1", "dispatch", work + "/resolve", resolution, 200))
        .thenCompose(
            resolved ->
                post(
                    "operator1",
                    "dispatch",
                    "/api/cases/" + id + "/verification",
                    verification,
                    200))
        .thenAccept(
            verified -> {
              if (!"CLOSED".equals(verified.path("state").asText())) {
                throw new IllegalStateException("case " + id + " ended " + verified.path("state"));
              }
            });
  }

  // Each step as the demo user whose work it is, with a real token from the stack's issuer.
  private CompletableFuture<JsonNode> post(
      String user, String service, String path, byte[] body, int status) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(system.url(service) + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + system.tokens().forUser(user))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              if (response.statusCode() != status) {
                throw new IllegalStateException(
                    "POST "
                        + path
                        + " answered "
                        + response.statusCode()
                        + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
              }
              try {
                return json.readTree(response.body());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** Nearest-rank percentiles in milliseconds, of the durations that are known (not -1). */
  private static String percentiles(long[] nanos) {
    long[] sorted = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
    if (sorted.length == 0) {
      return "none";
    }
    return String.format(
        "p50 %8s  p95 %8s  p99 %8s  max %8s",
        millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99), millis(sorted, 1.0));
  }

  private static String millis(long[] sorted, double quantile) {
    long nanos = sorted[(int) Math.ceil(quantile * sorted.length) - 1];
    return nanos == NEVER ? "never" : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  /** How many operations failed, and why the first did. */
  private static final class Failures {
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicReference<String> first = new AtomicReference<>();

    void add(Throwable e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      first.compareAndSet(null, cause.toString());
      count.incrementAndGet();
    }

    boolean none() {
      return count.get() == 0;
    }

    @Override
    public String toString() {
      return none() ? "0" : count + " (the first: " + first + ")";
    }
  }
}
