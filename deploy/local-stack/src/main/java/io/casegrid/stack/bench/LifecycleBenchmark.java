package io.casegrid.stack.bench;

import io.casegrid.embedded.FreePorts;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.events.Topics;
import io.casegrid.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Measures whole case lifecycles on a system started like the local stack (own ports and folder):
 *
 * <ol>
 *   <li>lifecycles: report → in the department's queue → sign → resolve → verify (closed), with
 *       {@code --concurrency} in flight; prints lifecycles per second and latency percentiles;
 *   <li>report → queue at a steady rate: {@code --reports} reports sent on an open-loop schedule at
 *       {@code --rate} per second (latency is measured from the planned send time, so slow answers
 *       cannot hide it); prints percentiles and how many never arrived.
 * </ol>
 *
 * <p>Run with {@code ./mvnw -Pbench} (options: {@code -Dbench.args="--lifecycles 2000 --concurrency
 * 32 --reports 10000 --rate 500"}).
 */
public final class LifecycleBenchmark {

  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final String COMPLAINT =
      "{\"kind\":\"COMPLAINT\",\"channel\":\"APP\",\"categoryCode\":\"0102\","
          + "\"description\":\"污水井盖缺失（压测）\","
          + "\"position\":{\"latitude\":30.215,\"longitude\":120.0865},"
          + "\"reporter\":{\"anonymous\":true,\"callbackConsent\":false}}";

  // HTTP/1.1 with a connection per request in flight, as a city's many clients would arrive; the
  // JDK client would otherwise multiplex everything over one HTTP/2 connection.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, CompletableFuture<Long>> dispatched = new ConcurrentHashMap<>();
  private final LocalStack system;
  private volatile boolean listening = true;

  private LifecycleBenchmark(LocalStack system) {
    this.system = system;
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options = options(args);
    Path home = Files.createTempDirectory("casegrid-bench-");
    System.out.println("starting the system in " + home + " ...");
    LocalStack system =
        LocalStack.start(
            new LocalStack.Settings(
                home,
                Path.of("").toAbsolutePath(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                Map.of(
                    "intake", FreePorts.next(),
                    "dispatch", FreePorts.next(),
                    "supervision", FreePorts.next()),
                "768m"));
    try {
      LifecycleBenchmark bench = new LifecycleBenchmark(system);
      Thread listener = new Thread(bench::listen, "dispatched-listener");
      listener.start();
      bench.lifecycles(200, options.get("concurrency"), false);
      bench.lifecycles(options.get("lifecycles"), options.get("concurrency"), true);
      bench.steadyReports(options.get("reports"), options.get("rate"));
      bench.listening = false;
      listener.join();
    } finally {
      system.close();
      TestInfrastructure.deleteRecursively(home);
    }
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> options =
        new java.util.HashMap<>(
            Map.of("lifecycles", 2000, "concurrency", 32, "reports", 10000, "rate", 500));
    List<String> list = Arrays.stream(args).filter(a -> !a.isBlank()).toList();
    for (int i = 0; i + 1 < list.size(); i += 2) {
      options.put(list.get(i).replaceFirst("^--", ""), Integer.parseInt(list.get(i + 1)));
    }
    return options;
  }

  /** Completes the future of each case when its CaseDispatched arrives on dispatch's topic. */
  private void listen() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(Topics.DISPATCH_CASES));
      while (listening) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.value().contains("io.casegrid.case.dispatched.v1")) {
            dispatched
                .computeIfAbsent(r.key(), k -> new CompletableFuture<>())
                .complete(System.nanoTime());
          }
        }
      }
    }
  }

  private CompletableFuture<String> post(String service, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(system.url(service) + path))
            .header("Content-Type", "application/json")
            .header("X-Actor", "bench")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                    path + " answered " + response.statusCode() + " " + response.body());
              }
              return response.body();
            });
  }

  private CompletableFuture<String> report() {
    return post("intake", "/api/cases", COMPLAINT)
        .thenApply(
            body -> {
              Matcher m = ID.matcher(body);
              if (!m.find()) {
                throw new IllegalStateException("no id in " + body);
              }
              return m.group(1);
            });
  }

  private CompletableFuture<Long> inQueue(String id) {
    return dispatched.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  private void lifecycles(int count, int concurrency, boolean print) throws Exception {
    Semaphore inFlight = new Semaphore(concurrency);
    long[] total = new long[count];
    long[] toQueue = new long[count];
    List<CompletableFuture<Void>> all = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      int n = i;
      long begin = System.nanoTime();
      CompletableFuture<Void> lifecycle =
          report()
              .thenCompose(
                  id ->
                      inQueue(id)
                          .orTimeout(30, TimeUnit.SECONDS)
                          .thenCompose(
                              at -> {
                                toQueue[n] = at - begin;
                                String work = "/api/departments/DRAINAGE/cases/" + id;
                                return post("dispatch", work + "/sign", "{}")
                                    .thenCompose(
                                        x ->
                                            post(
                                                "dispatch",
                                                work + "/resolve",
                                                "{\"result\":\"已补装\"}"))
                                    .thenCompose(
                                        x ->
                                            post(
                                                "dispatch",
                                                "/api/cases/" + id + "/verification",
                                                "{\"passed\":true}"));
                              }))
              .thenAccept(x -> total[n] = System.nanoTime() - begin)
              .whenComplete((x, e) -> inFlight.release());
      all.add(lifecycle);
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (print) {
      System.out.printf(
          "%nwhole lifecycles (report -> queue -> sign -> resolve -> verify -> closed)%n"
              + "  %d lifecycles, %d in flight, in %.1f s: %.0f lifecycles/s%n",
          count, concurrency, seconds, count / seconds);
      System.out.println("  lifecycle      " + percentiles(total));
      System.out.println("  report->queue  " + percentiles(toQueue));
    }
  }

  private void steadyReports(int count, int rate) throws Exception {
    long[] latency = new long[count];
    List<CompletableFuture<Void>> all = new ArrayList<>();
    long start = System.nanoTime() + 100_000_000L;
    for (int i = 0; i < count; i++) {
      long planned = start + (long) (i * 1e9 / rate);
      long wait = planned - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int n = i;
      all.add(
          report()
              .thenCompose(id -> inQueue(id).orTimeout(30, TimeUnit.SECONDS))
              .thenAccept(at -> latency[n] = at - planned)
              .exceptionally(
                  e -> {
                    latency[n] = -1;
                    return null;
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    double sent = (System.nanoTime() - start) / 1e9;
    long lost = Arrays.stream(latency).filter(l -> l < 0).count();
    System.out.printf(
        "%nreport -> department queue at a steady %d/s (open loop)%n"
            + "  %d reports in %.1f s (%.0f/s), not in a queue 30 s after intake answered: %d%n"
            + "  report->queue  %s%n",
        rate,
        count,
        sent,
        count / sent,
        lost,
        percentiles(Arrays.stream(latency).filter(l -> l >= 0).toArray()));
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        "p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms",
        at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }
}
