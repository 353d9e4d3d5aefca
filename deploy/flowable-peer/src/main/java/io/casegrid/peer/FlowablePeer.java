package io.casegrid.peer;

import io.casegrid.embedded.Credentials;
import io.casegrid.embedded.FreePorts;
import io.casegrid.embedded.Postgres;
import io.casegrid.embedded.ProcessCpu;
import io.casegrid.embedded.TestInfrastructure;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.job.service.impl.asyncexecutor.AsyncJobExecutorConfiguration;

/**
 * The peer of the lifecycle benchmark: the case lifecycle on Flowable 7 embedded, with the engine's
 * defaults (history level {@code audit}, the async executor on as in production), driven by client
 * threads that find each task through the department's task query and complete it. It runs on a
 * PostgreSQL of its own, started exactly as the system's benchmark starts its own ({@link
 * Postgres}: PostgreSQL 17, fsync off, the same server settings), in a temporary folder deleted at
 * the end.
 *
 * <p>Options, each {@code --name value}: {@code --lifecycles} measured (default 4000), {@code
 * --threads} client threads (4), {@code --warm-up} lifecycles first, not measured (500), {@code
 * --result} a file to write the figures to, as properties, for the benchmark to print beside the
 * system's. It prints its progress, and ends with status 1 if a lifecycle failed or a case did not
 * end as it should.
 */
public final class FlowablePeer {

  private static final String DATABASE = "flowable";

  private FlowablePeer() {}

  public static void main(String[] args) {
    try {
      Map<String, String> options = options(args);
      Properties figures =
          run(
              Integer.parseInt(options.get("lifecycles")),
              Integer.parseInt(options.get("threads")),
              Integer.parseInt(options.get("warm-up")));
      if (options.containsKey("result")) {
        try (Writer out = Files.newBufferedWriter(Path.of(options.get("result")))) {
          figures.store(out, "the Flowable peer's figures");
        }
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    // The engine's and the driver's threads would keep the JVM alive.
    System.exit(0);
  }

  private static Properties run(int lifecycles, int threads, int warmUp) throws Exception {
    // The engine and the server speak only of trouble.
    Logger.getLogger("").setLevel(Level.WARNING);
    Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
    String engineName = "Flowable " + ProcessEngine.class.getPackage().getImplementationVersion();
    System.out.printf(
        "%nP. the peer: the same lifecycle on %s embedded (start -> sign -> handle with a PT8H"
            + " deadline -> verify),%n   each task found through the department's task query;"
            + " the engine's defaults, history audit%n",
        engineName);
    Path home = Files.createTempDirectory("casegrid-peer-");
    Postgres postgres =
        Postgres.start(home.resolve("postgres"), FreePorts.next(), false, Credentials.inMemory());
    // On the way out, at the end or on Ctrl-C, the server stops and its folder goes.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(postgres, home), "flowable-peer-stop"));
    ProcessEngine engine = null;
    try {
      postgres.ensureDatabase(DATABASE);
      long booting = System.nanoTime();
      engine = engine(postgres);
      System.out.printf(
          "   PostgreSQL %s as the system's (fsync off); engine up in %.1f s%n   %s%n",
          serverVersion(postgres), (System.nanoTime() - booting) / 1e9, asyncExecutor(engine));
      engine
          .getRepositoryService()
          .createDeployment()
          .addClasspathResource("io/casegrid/peer/case-lifecycle.bpmn20.xml")
          .deploy();
      CaseLifecycles cases = new CaseLifecycles(engine);
      System.out.println("   one lifecycle checked step by step: " + cases.checkOne());
      long warming = cases.run("warm-", warmUp, threads, null);
      System.out.printf("   warm-up: %d lifecycles in %.1f s%n", warmUp, warming / 1e9);
      System.out.printf("   measuring %d lifecycles on %d client threads%n", lifecycles, threads);

      long[][] nanos = new long[CaseLifecycles.STEPS.size() + 1][lifecycles];
      Cpu cpu = new Cpu(postgres.port());
      long wall = cases.run("case-", lifecycles, threads, nanos);
      cpu.end();
      cases.checkAllEnded(1L + warmUp + lifecycles);
      System.out.printf(
          "   measured in %.1f s; every case ended and no job was left%n", wall / 1e9);

      Properties figures = new Properties();
      figures.setProperty("engine", engineName);
      figures.setProperty("lifecycles", Integer.toString(lifecycles));
      figures.setProperty("warm-up", Integer.toString(warmUp));
      figures.setProperty("threads", Integer.toString(threads));
      figures.setProperty("nanos", Long.toString(wall));
      figures.setProperty("cpu.jvm", Long.toString(cpu.jvm));
      figures.setProperty("cpu.postgres", Long.toString(cpu.postgres));
      figures.setProperty("steps", String.join(",", CaseLifecycles.STEPS));
      for (int step = 0; step < CaseLifecycles.STEPS.size(); step++) {
        figures.setProperty("nanos." + step, joined(nanos[step]));
      }
      figures.setProperty("nanos.lifecycle", joined(nanos[CaseLifecycles.STEPS.size()]));
      return figures;
    } finally {
      if (engine != null) {
        engine.close();
      }
    }
  }

  private static void stop(Postgres postgres, Path home) {
    try {
      postgres.close();
      TestInfrastructure.deleteRecursively(home);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not stop the peer's PostgreSQL or delete " + home + ": " + e);
    }
  }

  /**
   * The CPU time this JVM (the engine and its client threads) and its PostgreSQL (with every
   * backend) used from its creation to {@link #end()}, in nanoseconds; -1 where not measured.
   */
  private static final class Cpu {
    private final long self = ProcessHandle.current().pid();
    private final long postmaster;
    private long jvm = -1;
    private long postgres = -1;

    Cpu(int postgresPort) {
      postmaster =
          ProcessCpu.available()
              ? ProcessCpu.postgresOn(postgresPort).map(ProcessHandle::pid).orElse(-1L)
              : -1;
      if (postmaster >= 0) {
        jvm = ProcessCpu.ofProcess(self);
        postgres = ProcessCpu.ofTree(postmaster);
      }
    }

    void end() {
      if (postmaster >= 0) {
        jvm = ProcessCpu.ofProcess(self) - jvm;
        postgres = ProcessCpu.ofTree(postmaster) - postgres;
      }
    }
  }

  private static String joined(long[] nanos) {
    return Arrays.stream(nanos).mapToObj(Long::toString).collect(Collectors.joining(" "));
  }

  // The engine logs in as its database's own role, with a password, as the services do.
  private static ProcessEngine engine(Postgres postgres) {
    Postgres.Login login = postgres.login(DATABASE);
    return ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setJdbcUrl(postgres.jdbcUrl(DATABASE))
        .setJdbcDriver("org.postgresql.Driver")
        .setJdbcUsername(login.user())
        .setJdbcPassword(login.password())
        // As the reference run of the peer; four clients and the executor never need more.
        .setJdbcMaxActiveConnections(20)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistoryLevel(HistoryLevel.AUDIT)
        // The executor runs as in production: it polls for due jobs (the deadlines never come due).
        .setAsyncExecutorActivate(true)
        .buildProcessEngine();
  }

  private static String asyncExecutor(ProcessEngine engine) {
    if (!(engine.getProcessEngineConfiguration().getAsyncExecutor()
        instanceof AbstractAsyncExecutor executor)) {
      return "async executor on";
    }
    AsyncJobExecutorConfiguration c = executor.getConfiguration();
    String pool =
        executor.getTaskExecutor() instanceof DefaultAsyncTaskExecutor tasks
            ? String.format(", %d-%d threads", tasks.getCorePoolSize(), tasks.getMaxPoolSize())
            : "";
    return String.format(
        "async executor on, Flowable's defaults: timers acquired every %s, async jobs every %s%s",
        c.getDefaultTimerJobAcquireWaitTime(), c.getDefaultAsyncJobAcquireWaitTime(), pool);
  }

  private static String serverVersion(Postgres postgres) throws SQLException {
    try (Connection c = postgres.connect(DATABASE);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Map<String, String> options(String... args) {
    Map<String, String> options = new HashMap<>();
    options.put("lifecycles", "4000");
    options.put("threads", "4");
    options.put("warm-up", "500");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String name = args[i].replaceFirst("^--", "");
      if (!args[i].startsWith("--") || !(options.containsKey(name) || name.equals("result"))) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options);
      }
      options.put(name, args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
    }
    return options;
  }
}
