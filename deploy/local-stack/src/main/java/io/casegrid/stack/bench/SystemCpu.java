package io.casegrid.stack.bench;

import io.casegrid.embedded.ProcessCpu;
import io.casegrid.stack.LocalStack;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The CPU time each process of a benchmark's system used over a run, read from {@code /proc}: the
 * services, Kafka and PostgreSQL (with its backends), and apart from them the load generator (this
 * JVM, with the identity provider it hosts). Read as the Flowable peer reads its own.
 */
final class SystemCpu {

  private static final String LOAD_GENERATOR = "load generator";

  /** Each process by name, in the order printed; the load generator last. */
  private final Map<String, Long> pids = new LinkedHashMap<>();

  private final Map<String, Long> before;
  private final Map<String, Long> loadGeneratorThreadsBefore;

  private SystemCpu(LocalStack system) {
    LocalStack.SERVICES.forEach(s -> system.instances(s).forEach(i -> pids.put(i.name(), i.pid())));
    // The broker is a child JVM of this one, running Kafka's main class.
    ProcessHandle.current()
        .children()
        .filter(p -> ProcessCpu.commandLine(p.pid()).contains("kafka.Kafka"))
        .findFirst()
        .ifPresent(kafka -> pids.put("Kafka", kafka.pid()));
    int postgresPort = URI.create(system.jdbcUrl("intake").substring("jdbc:".length())).getPort();
    ProcessCpu.postgresOn(postgresPort).ifPresent(pg -> pids.put("PostgreSQL", pg.pid()));
    pids.put(LOAD_GENERATOR, ProcessHandle.current().pid());
    loadGeneratorThreadsBefore = loadGeneratorThreads();
    before = now();
  }

  /** Starts counting now; empty where {@code /proc} cannot tell (not Linux). */
  static Optional<SystemCpu> start(LocalStack system) {
    return ProcessCpu.available() ? Optional.of(new SystemCpu(system)) : Optional.empty();
  }

  /** The CPU time used since the start, in nanoseconds, by process name. */
  Usage used() {
    Map<String, Long> used = new LinkedHashMap<>();
    now().forEach((name, nanos) -> used.put(name, nanos - before.get(name)));
    Map<String, Long> threads = loadGeneratorThreads();
    threads.replaceAll((kind, nanos) -> nanos - loadGeneratorThreadsBefore.get(kind));
    return new Usage(used, threads);
  }

  // The load generator's JVM compiling its code and collecting its garbage: the part of its CPU
  // time that is the JVM's upkeep rather than its requests (the compiler's falls as it warms up).
  private static Map<String, Long> loadGeneratorThreads() {
    Map<String, Long> kinds = new LinkedHashMap<>(Map.of("compiling", 0L, "collecting", 0L));
    ProcessCpu.ofThreads(ProcessHandle.current().pid())
        .forEach(
            (thread, nanos) -> {
              if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
                kinds.merge("compiling", nanos, Long::sum);
              } else if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
                kinds.merge("collecting", nanos, Long::sum);
              }
            });
    return kinds;
  }

  private Map<String, Long> now() {
    Map<String, Long> nanos = new LinkedHashMap<>();
    pids.forEach(
        (name, pid) ->
            nanos.put(
                name,
                // PostgreSQL's work is done in its backends; a JVM's (this one's too) in itself.
                name.equals("PostgreSQL") ? ProcessCpu.ofTree(pid) : ProcessCpu.ofProcess(pid)));
    return nanos;
  }

  /** CPU time used by each process over a run, in nanoseconds. */
  record Usage(Map<String, Long> nanos, Map<String, Long> loadGeneratorUpkeep) {

    /** CPU time of the system's processes (the load generator left out), per unit, in ms. */
    double systemMillisPer(int units) {
      return nanos.entrySet().stream()
              .filter(e -> !e.getKey().equals(LOAD_GENERATOR))
              .mapToLong(Map.Entry::getValue)
              .sum()
          / 1e6
          / units;
    }

    /**
     * "supervision 61, dispatch 40, ...": each process's share of one core over {@code seconds}.
     */
    String describeShareOf(double seconds) {
      StringJoiner each = new StringJoiner(", ");
      nanos.forEach((name, used) -> each.add(String.format("%s %.0f", name, used / 1e7 / seconds)));
      return each.toString();
    }

    double loadGeneratorMillisPer(int units) {
      return nanos.get(LOAD_GENERATOR) / 1e6 / units;
    }

    /**
     * "41.0 ms in the system (intake 12.1, ...); the load generator 6.5 ms apart (compiling 1.0,
     * collecting 0.2)", per unit.
     */
    String describePer(int units) {
      StringJoiner each = new StringJoiner(", ", " (", ")");
      nanos.forEach(
          (name, used) -> {
            if (!name.equals(LOAD_GENERATOR)) {
              each.add(String.format("%s %.1f", name, used / 1e6 / units));
            }
          });
      StringJoiner upkeep = new StringJoiner(", ", " (", ")");
      loadGeneratorUpkeep.forEach(
          (kind, used) -> upkeep.add(String.format("%s %.1f", kind, used / 1e6 / units)));
      return String.format(
          "%.1f ms in the system%s; the load generator %.1f ms apart%s",
          systemMillisPer(units), each, loadGeneratorMillisPer(units), upkeep);
    }
  }
}
