package io.casegrid.stack.bench;

import io.casegrid.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how fast supervision declares cases overdue with a large backlog of open cases, and
 * whether its heap grows with that backlog. On a system of its own ({@link ThrowawaySystem}):
 *
 * <ol>
 *   <li>Measures supervision's heap after a full collection, with no case open.
 *   <li>Writes {@code --open} open cases with their overdue timers straight into supervision's
 *       database (as its consumer would have after their dispatch): {@code --due} of them fall due
 *       together {@code --lead} seconds later, the others next month. Measures the heap again.
 *   <li>When the due ones fall due, follows supervision firing them: fired per second over the
 *       storm (first to last mark of the due cases), and the lag of each declaration behind its
 *       deadline. Every due case must be declared overdue once with one supervision order;
 *       otherwise the command ends with status 1.
 *   <li>Measures the heap once more, and how long the outbox relay takes to hand the storm's events
 *       to Kafka.
 * </ol>
 *
 * <p>Run it with {@code ./mvnw -Pbench-timers}, options in {@code -Dbench.args}, defaults shown:
 * {@code --open 1000000 --due 200000 --lead 60}.
 */
public final class TimerBenchmark {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  record Options(int open, int due, int lead) {
    static Options parse(String... args) {
      int open = 1_000_000;
      int due = 200_000;
      int lead = 60;
      for (int i = 0; i + 1 < args.length; i += 2) {
        int value = Integer.parseInt(args[i + 1]);
        switch (args[i]) {
          case "--open" -> open = value;
          case "--due" -> due = value;
          case "--lead" -> lead = value;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (due > open || lead < 1) {
        throw new IllegalArgumentException("--due must not exceed --open, --lead must be >= 1");
      }
      return new Options(open, due, lead);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    LocalStack system = ThrowawaySystem.start("timer");
    long pid = system.instances("supervision").get(0).pid();
    boolean clean;
    try (Connection db = system.postgres().connect("supervision")) {
      db.setAutoCommit(true);
      long emptyHeap = heapAfterFullCollection(pid);
      System.out.printf("supervision heap, no open case:        %6.1f MB%n", emptyHeap / 1e6);
      Instant fallDue = load(db, options);
      long loadedHeap = heapAfterFullCollection(pid);
      System.out.printf(
          "supervision heap, %,d open cases: %6.1f MB%n", options.open(), loadedHeap / 1e6);
      clean = followTheStorm(db, options, fallDue, system);
      long afterHeap = heapAfterFullCollection(pid);
      System.out.printf("supervision heap, after the storm:     %6.1f MB%n", afterHeap / 1e6);
      relayCatchUp(db, fallDue);
    }
    // Exits even if a client thread of the system lingers; the shutdown hook stops the system.
    System.exit(clean ? 0 : 1);
  }

  /** Writes the open cases and their timers; returns when the due ones fall due. */
  private static Instant load(Connection db, Options options) throws SQLException {
    long started = System.nanoTime();
    Instant fallDue;
    try (Statement sql = db.createStatement()) {
      sql.executeUpdate(
          """
          INSERT INTO case_deadline (case_id, case_number, category_code, urgency,
            department_code, district_code, reported_at, clock_started_at, dispatched_at,
            policy_reference, resolve_due_at, warning_at, warned_at, status, resolve_unit)
          SELECT gen_random_uuid(), 'BENCH' || lpad(g::text, 8, '0'), '0102', 'NORMAL',
            (ARRAY['DRAINAGE', 'WATER', 'GAS', 'HUBIN'])[1 + g %% 4], '330106',
            now() - interval '3 days', now() - interval '3 days', now() - interval '3 days',
            'benchmark', now() + interval '30 days', now() - interval '1 day',
            now() - interval '1 day', 'IN_HAND', 'NATURAL_HOURS'
          FROM generate_series(1, %d) g
          """
              .formatted(options.open()));
      sql.executeUpdate(
          "INSERT INTO deadline_timer (case_id, kind, fire_at) SELECT case_id, 'OVERDUE',"
              + " resolve_due_at FROM case_deadline WHERE policy_reference = 'benchmark'");
      sql.execute("ANALYZE case_deadline");
      sql.execute("ANALYZE deadline_timer");
      // The storm's deadline is set last, so that the time loading takes does not eat the lead;
      // whole seconds, so that the database and this JVM agree on the moment.
      fallDue = Instant.now().plusSeconds(options.lead()).truncatedTo(ChronoUnit.SECONDS);
      String due =
          "SELECT case_id FROM case_deadline WHERE policy_reference = 'benchmark'"
              + " AND case_number <= 'BENCH' || lpad('%d', 8, '0')".formatted(options.due());
      for (String table :
          new String[] {"case_deadline SET resolve_due_at", "deadline_timer SET fire_at"}) {
        try (PreparedStatement move =
            db.prepareStatement("UPDATE " + table + " = ? WHERE case_id IN (" + due + ")")) {
          move.setTimestamp(1, Timestamp.from(fallDue));
          move.executeUpdate();
        }
      }
    }
    System.out.printf(
        "loaded %,d open cases with their overdue timers in %.1f s; %,d fall due at %s%n",
        options.open(), (System.nanoTime() - started) / 1e9, options.due(), fallDue);
    if (Instant.now().isAfter(fallDue)) {
      throw new IllegalStateException("loading took longer than --lead; give a longer lead");
    }
    return fallDue;
  }

  private static boolean followTheStorm(
      Connection db, Options options, Instant fallDue, LocalStack system)
      throws SQLException, InterruptedException {
    Instant giveUp = fallDue.plus(Duration.ofMinutes(10));
    // Counted from the deadline: before it the system idles, after it the whole machine fires the
    // timers, relays their events and consumes them in the services that follow supervision.
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), fallDue).toMillis()));
    Optional<SystemCpu> cpu = SystemCpu.start(system);
    long left;
    do {
      Thread.sleep(500);
      left = count(db, "SELECT count(*) FROM deadline_timer WHERE fire_at <= now()");
    } while ((left > 0 || Instant.now().isBefore(fallDue)) && Instant.now().isBefore(giveUp));
    Optional<SystemCpu.Usage> used = cpu.map(SystemCpu::used);
    double seconds = Duration.between(fallDue, Instant.now()).toMillis() / 1e3;
    // A breach's breached_at is its deadline; when the timers fired is breach_detected_at.
    try (Statement sql = db.createStatement();
        ResultSet r =
            sql.executeQuery(
                """
                SELECT count(breach_detected_at), min(breach_detected_at),
                  max(breach_detected_at),
                  percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (
                    ORDER BY extract(epoch FROM breach_detected_at - resolve_due_at)),
                  count(*) FILTER (WHERE breach_detected_at < resolve_due_at)
                FROM case_deadline WHERE policy_reference = 'benchmark'
                  AND resolve_due_at <= now() + interval '1 day'
                """)) {
      r.next();
      long declared = r.getLong(1);
      Instant first = r.getTimestamp(2).toInstant();
      Instant last = r.getTimestamp(3).toInstant();
      Double[] lag = (Double[]) r.getArray(4).getArray();
      double storm = Duration.between(fallDue, last).toMillis() / 1e3;
      System.out.printf(
          "%nB. %,d cases fell due at once among %,d open%n"
              + "   declared overdue: %,d, the first %.2f s and the last %.2f s after the deadline%n"
              + "   %,.0f overdue timers fired/s over the storm%n"
              + "   lag behind the deadline  p50 %.2f s  p95 %.2f s  p99 %.2f s%n",
          options.due(),
          options.open(),
          declared,
          Duration.between(fallDue, first).toMillis() / 1e3,
          storm,
          declared / Math.max(storm, 1e-3),
          lag[0],
          lag[1],
          lag[2]);
      long early = r.getLong(5);
      long orders =
          count(
              db,
              "SELECT count(*) FROM supervision_order o JOIN case_deadline d USING (case_id)"
                  + " WHERE d.policy_reference = 'benchmark'");
      long notDue =
          count(
              db,
              "SELECT count(*) FROM case_deadline WHERE policy_reference = 'benchmark'"
                  + " AND breach_detected_at IS NOT NULL"
                  + " AND resolve_due_at > now() + interval '1 day'");
      System.out.printf(
          "   supervision orders: %,d; declared before their deadline: %d; not-yet-due declared: %d%n",
          orders, early, notDue);
      used.ifPresent(
          u ->
              System.out.printf(
                  "   CPU over the storm, per 1,000 fired timers: %s%n"
                      + "   the same, %% of one core: %s%n",
                  u.describePer(Math.max(1, options.due() / 1000)), u.describeShareOf(seconds)));
      return declared == options.due() && orders == options.due() && early == 0 && notDue == 0;
    }
  }

  private static void relayCatchUp(Connection db, Instant fallDue)
      throws SQLException, InterruptedException {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(10));
    long waiting;
    do {
      waiting = count(db, "SELECT count(*) FROM outbox_event");
      if (waiting > 0) {
        Thread.sleep(500);
      }
    } while (waiting > 0 && Instant.now().isBefore(giveUp));
    System.out.printf(
        "   outbox relay: %s%n",
        waiting == 0
            ? String.format(
                "every event handed to Kafka %.1f s after the deadline",
                Duration.between(fallDue, Instant.now()).toMillis() / 1e3)
            : String.format("%,d events still waiting after 10 minutes", waiting));
  }

  private static long count(Connection db, String query) throws SQLException {
    try (Statement sql = db.createStatement();
        ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The heap in use after a full collection, as the JVM's own diagnostic command reports it. */
  private static long heapAfterFullCollection(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("jcmd GC.heap_info printed no heap figure");
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + output);
    }
    return output;
  }

  private TimerBenchmark() {}
}
