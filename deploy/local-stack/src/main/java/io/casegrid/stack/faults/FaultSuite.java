package io.casegrid.stack.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.stack.LocalStack;
import io.casegrid.stack.bench.DispatchedCases;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * The fault suite: a system in the cluster shape (three Kafka nodes, two instances of each service
 * behind the reverse proxy, PostgreSQL), a stream of reports driven through whole lifecycles while
 * deadlines fall due, and faults injected meanwhile, on a plan and at random; then a verdict from
 * every service's own data (see {@link Verdict}), and a table.
 *
 * <p>Run it with {@code ./mvnw -Pfaults}, options in {@code -Dfaults.args}, defaults shown: {@code
 * --cases 10000 --rate 5 --faults 30 --resolve-seconds 240 --pause-seconds 15 --seed 12}; {@code
 * --brief} first runs the short run instead, which is also a system test of {@code ./mvnw verify}
 * ({@code FaultSuiteIT}).
 */
public final class FaultSuite {

  /** What a run does. */
  public record Options(
      int cases,
      double rate,
      int faults,
      Duration resolveAfter,
      Duration pause,
      Duration minGap,
      Duration maxGap,
      double warnedShare,
      double overdueShare,
      long seed,
      List<String> plan) {

    /** The full run: at least 30 faults over 10,000 cases. */
    public static Options full() {
      return new Options(
          10_000,
          5,
          30,
          Duration.ofSeconds(240),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          0.1,
          0.1,
          12,
          List.of());
    }

    /**
     * The short run of the test suite, a few minutes on two cores: every kind of fault, on each
     * kind of process.
     */
    public static Options brief() {
      return new Options(
          200,
          8,
          8,
          Duration.ofSeconds(90),
          Duration.ofSeconds(12),
          Duration.ofSeconds(1),
          Duration.ofSeconds(3),
          0.15,
          0.15,
          12,
          List.of(
              "KILL intake-1",
              "PAUSE dispatch-2",
              "KILL kafka-2",
              "KILL postgresql",
              "RESTART kafka-3",
              "KILL supervision-2",
              "PAUSE kafka-1",
              "KILL dispatch-1"));
    }

    static Options parse(String[] args) {
      boolean brief = args.length > 0 && args[0].equals("--brief");
      Options o = brief ? brief() : full();
      for (int i = brief ? 1 : 0; i + 1 < args.length; i += 2) {
        String v = args[i + 1];
        o =
            switch (args[i]) {
              case "--cases" ->
                  o.with(Integer.parseInt(v), o.rate, o.faults, o.resolveAfter, o.pause, o.seed);
              case "--rate" ->
                  o.with(o.cases, Double.parseDouble(v), o.faults, o.resolveAfter, o.pause, o.seed);
              case "--faults" ->
                  o.with(o.cases, o.rate, Integer.parseInt(v), o.resolveAfter, o.pause, o.seed);
              case "--resolve-seconds" ->
                  o.with(
                      o.cases,
                      o.rate,
                      o.faults,
                      Duration.ofSeconds(Long.parseLong(v)),
                      o.pause,
                      o.seed);
              case "--pause-seconds" ->
                  o.with(
                      o.cases,
                      o.rate,
                      o.faults,
                      o.resolveAfter,
                      Duration.ofSeconds(Long.parseLong(v)),
                      o.seed);
              case "--seed" ->
                  o.with(o.cases, o.rate, o.faults, o.resolveAfter, o.pause, Long.parseLong(v));
              default -> throw new IllegalArgumentException("unknown option " + args[i]);
            };
      }
      return o;
    }

    private Options with(
        int cases, double rate, int faults, Duration resolveAfter, Duration pause, long seed) {
      return new Options(
          cases,
          rate,
          faults,
          resolveAfter,
          pause,
          minGap,
          maxGap,
          warnedShare,
          overdueShare,
          seed,
          plan);
    }

    Duration warningAfter() {
      return resolveAfter.dividedBy(2);
    }
  }

  /** What a run found: its table's figures, and everything behind them. */
  public record Result(
      int faults,
      int cases,
      int lost,
      int duplicated,
      int wrong,
      int unfinished,
      Duration longestWaitDuringAFault,
      Duration longestWait,
      Duration took,
      Verdict verdict,
      List<Faults.Fault> injected,
      Client client) {

    /** What the verdict found wrong, one line each. */
    public List<String> findings() {
      return verdict.findings().stream()
          .map(f -> f.kind() + " (report " + f.report() + "): " + f.what())
          .toList();
    }

    /** Nothing lost, duplicated or wrong, and every lifecycle finished. */
    public boolean clean() {
      return lost == 0 && duplicated == 0 && wrong == 0 && unfinished == 0;
    }

    /** Prints the table and what stands behind it. */
    public void print(PrintStream out) {
      out.printf(
          "%n| faults injected | cases | lost | duplicated | wrong | longest report → queue wait"
              + " during a fault |%n| ---: | ---: | ---: | ---: | ---: | ---: |%n| %d | %d | %d | %d |"
              + " %d | %.1f s |%n%n",
          faults, cases, lost, duplicated, wrong, longestWaitDuringAFault.toMillis() / 1000.0);
      out.printf(
          "run took %.1f min; longest report → queue wait overall %.1f s; lifecycles not finished:"
              + " %d%n",
          took.toSeconds() / 60.0, longestWait.toMillis() / 1000.0, unfinished);
      out.println("faults:");
      for (Faults.Fault f : injected) {
        out.printf(
            "  %-7s %-14s back after %5.1f s%n",
            f.kind(), f.target(), f.duration().toMillis() / 1000.0);
      }
      out.println("checked:");
      verdict.counts().forEach((what, n) -> out.printf("  %-70s %d%n", what, n));
      out.printf(
          "client: %d commands sent again; answers that made it retry: %s%n",
          client.retries(), client.refusals());
      if (!verdict.findings().isEmpty()) {
        out.println("findings (first 50):");
        verdict.findings().stream()
            .limit(50)
            .forEach(f -> out.printf("  %-10s report %d: %s%n", f.kind(), f.report(), f.what()));
      }
    }
  }

  private FaultSuite() {}

  /** Runs the suite against {@code system}, which must be in the cluster shape and fresh. */
  public static Result run(LocalStack system, Options options, PrintStream out) throws Exception {
    Instant started = Instant.now();
    loadTheCity(system, options);
    Client client = new Client(system::url, system.tokens(), Duration.ofMinutes(5));
    String run = Long.toString(started.getEpochSecond(), 36);
    try (DispatchedCases queues = DispatchedCases.listen(system.kafka().adminLogin())) {
      Lifecycles lifecycles =
          new Lifecycles(client, queues, options.warningAfter(), options.resolveAfter(), run);
      List<Faults.Target> targets = Faults.of(system);
      Duration streaming = Duration.ofMillis((long) (options.cases() * 1000 / options.rate()));
      Instant streamEnds = Instant.now().plus(streaming);
      Faults faults =
          new Faults(
              targets,
              options.plan().isEmpty()
                  ? Faults.everyProcessOnce(targets)
                  : options.plan().stream().map(Faults::planned).toList(),
              options.faults(),
              options.pause(),
              options.minGap(),
              options.maxGap(),
              options.seed(),
              () -> Instant.now().isAfter(streamEnds));
      out.printf(
          "%d reports at %.0f/s (%.0f s), deadlines: warning after %d s, overdue after %d s;"
              + " at least %d faults%n",
          options.cases(),
          options.rate(),
          streaming.toMillis() / 1000.0,
          options.warningAfter().toSeconds(),
          options.resolveAfter().toSeconds(),
          options.faults());
      lifecycles.start(
          options.cases(), options.rate(), options.warnedShare(), options.overdueShare());
      Thread injector = new Thread(faults, "faults");
      injector.start();
      injector.join();
      if (faults.broken() != null) {
        throw new IllegalStateException("a process could not be brought back", faults.broken());
      }
      out.println("faults done; waiting for the lifecycles to end");
      lifecycles.awaitDone(options.resolveAfter().plus(Duration.ofMinutes(10)));
      awaitQuiet(system);
      out.println("judging from every service's data");
      List<Lifecycles.Report> reports = lifecycles.reports();
      lifecycles.close();
      Verdict verdict = Verdict.of(system, reports);
      long longestDuringFault = 0;
      long longest = 0;
      for (Lifecycles.Report r : reports) {
        long wait = r.toQueueNanos();
        if (wait < 0) {
          continue;
        }
        longest = Math.max(longest, wait);
        Instant to = Instant.now().minusNanos(System.nanoTime() - r.queuedNanos);
        Instant from = to.minusNanos(wait);
        if (faults.during(from, to)) {
          longestDuringFault = Math.max(longestDuringFault, wait);
        }
      }
      int failed = (int) reports.stream().filter(r -> r.failure != null).count();
      reports.stream()
          .filter(r -> r.failure != null)
          .limit(20)
          .forEach(r -> out.println("  report " + r.number + " not finished: " + r.failure));
      return new Result(
          faults.injected().size(),
          reports.size(),
          verdict.lost(),
          verdict.duplicated(),
          verdict.wrong(),
          failed + (options.cases() - reports.size()),
          Duration.ofNanos(longestDuringFault),
          Duration.ofNanos(longest),
          Duration.between(started, Instant.now()),
          verdict,
          faults.injected(),
          client);
    }
  }

  // The demo city, with a deadline policy for the suite's reports (sewage covers, urgent) short
  // enough that warnings and overdue fall due during the run.
  private static void loadTheCity(LocalStack system, Options options) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode supervision = (ObjectNode) json.readTree(DemoCity.json("supervision"));
    ArrayNode policies = (ArrayNode) supervision.get("deadlinePolicies");
    for (int i = policies.size() - 1; i >= 0; i--) {
      if ("0102".equals(policies.get(i).path("categoryCode").asText())) {
        policies.remove(i);
      }
    }
    ObjectNode policy = policies.addObject();
    policy.put("categoryCode", "0102");
    policy.put("urgency", "URGENT");
    policy.set("sign", hours(json, options.resolveAfter()));
    policy.putNull("makeSafe");
    policy.set("resolve", hours(json, options.resolveAfter()));
    policy.put("warningShare", 0.5);
    String admin = system.tokens().forUser("admin1");
    HttpRequest put =
        HttpRequest.newBuilder(URI.create(system.url("supervision") + DemoCity.ADMIN_PATH))
            .header("Authorization", "Bearer " + admin)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(supervision)))
            .build();
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("supervision refused the policy: " + answer.body());
    }
  }

  private static ObjectNode hours(ObjectMapper json, Duration d) {
    ObjectNode limit = json.createObjectNode();
    limit.put(
        "amount",
        BigDecimal.valueOf(d.toSeconds())
            .divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP));
    limit.put("unit", "NATURAL_HOURS");
    return limit;
  }

  // Until every outbox is empty, every consumer has read everything, and no timer is overdue.
  private static void awaitQuiet(LocalStack system) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      long outstanding = 0;
      for (String service : LocalStack.SERVICES) {
        try (Connection c = system.postgres().connect(service);
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event")) {
          rs.next();
          outstanding += rs.getLong(1);
        }
      }
      if (outstanding == 0 && system.kafka().consumersCaughtUp()) {
        Thread.sleep(5000); // What was read last is applied.
        return;
      }
      Thread.sleep(1000);
    }
  }

  /** {@code ./mvnw -Pfaults}: starts a throwaway system in the cluster shape, runs, prints. */
  public static void main(String[] args) throws Exception {
    try (InputStream logging =
        FaultSuite.class.getResourceAsStream("/local-stack-logging.properties")) {
      LogManager.getLogManager().readConfiguration(logging);
    }
    Options options = Options.parse(args);
    Path home = Files.createTempDirectory("casegrid-faults-");
    Path repo = Path.of("").toAbsolutePath();
    System.out.printf(
        "casegrid fault suite: %d cores, Java %s; starting the cluster shape in %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), home);
    LocalStack system = LocalStack.start(LocalStack.Settings.onFreePorts(home, repo, true, "320m"));
    boolean clean = false;
    try {
      Result result = run(system, options, System.out);
      result.print(System.out);
      clean = result.clean();
    } finally {
      system.close();
      // A run that found something, or stopped, keeps its logs and data for a look.
      if (clean) {
        try {
          TestInfrastructure.deleteRecursively(home);
        } catch (IOException e) {
          System.err.println("could not delete " + home + ": " + e);
        }
      } else {
        System.out.println("kept the system's logs and data in " + home);
      }
    }
    System.exit(clean ? 0 : 1);
  }
}
