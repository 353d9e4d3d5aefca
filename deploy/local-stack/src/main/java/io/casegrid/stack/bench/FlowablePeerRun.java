package io.casegrid.stack.bench;

import io.casegrid.embedded.ParentWatchingMain;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Runs the Flowable peer ({@code deploy/flowable-peer}, built by {@code ./mvnw -Pbench}) in a JVM
 * of its own, with a service's heap, its output shown as it comes, and reads its figures. The peer
 * starts its own PostgreSQL as the system does, and stops it before it ends, so that nothing of it
 * runs beside the system.
 */
final class FlowablePeerRun {

  /** The module's build output, from the repository's root. */
  private static final String TARGET = "deploy/flowable-peer/target";

  /** What the peer measured: its lifecycles, their durations and the CPU time of its processes. */
  record Figures(
      String engine,
      int lifecycles,
      int warmUp,
      int threads,
      long nanos,
      long jvmCpu,
      long postgresCpu,
      List<String> steps,
      List<long[]> stepNanos,
      long[] lifecycleNanos) {

    double perSecond() {
      return lifecycles * 1e9 / nanos;
    }

    /** CPU time per lifecycle of the engine's JVM and its PostgreSQL, in ms; NaN if unmeasured. */
    double cpuMillis() {
      return jvmCpu < 0 ? Double.NaN : (jvmCpu + postgresCpu) / 1e6 / lifecycles;
    }

    void print() {
      System.out.printf(
          "   %d lifecycles after %d to warm up, %d client threads, in %.1f s: %.1f lifecycles/s%n"
              + "   lifecycle        %s%n",
          lifecycles, warmUp, threads, nanos / 1e9, perSecond(), Percentiles.of(lifecycleNanos));
      for (int i = 0; i < steps.size(); i++) {
        System.out.printf("   %-16s %s%n", steps.get(i), Percentiles.of(stepNanos.get(i)));
      }
      if (jvmCpu >= 0) {
        System.out.printf(
            "   CPU per lifecycle: %.1f ms (the engine's JVM with its client threads %.1f,"
                + " PostgreSQL %.1f)%n",
            cpuMillis(), jvmCpu / 1e6 / lifecycles, postgresCpu / 1e6 / lifecycles);
      }
    }
  }

  private FlowablePeerRun() {}

  /** Runs the peer to its end; fails if it could not start, or a lifecycle or check failed. */
  static Figures run(Path repo, String heap, int lifecycles, int threads, int warmUp)
      throws IOException, InterruptedException {
    Path target = repo.resolve(TARGET);
    Path classpathFile = target.resolve("flowable-peer.classpath");
    if (!Files.exists(classpathFile)) {
      throw new IOException(classpathFile + " is missing: build the peer with ./mvnw -Pbench");
    }
    Path result = Files.createTempFile("casegrid-peer-", ".properties");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx" + heap,
                  "-XX:+UseG1GC",
                  "-cp",
                  target.resolve("classes")
                      + java.io.File.pathSeparator
                      + Files.readString(classpathFile).trim(),
                  // Ends the peer should this JVM die (its standard input closes).
                  ParentWatchingMain.class.getName(),
                  "io.casegrid.peer.FlowablePeer",
                  "--lifecycles",
                  Integer.toString(lifecycles),
                  "--threads",
                  Integer.toString(threads),
                  "--warm-up",
                  Integer.toString(warmUp),
                  "--result",
                  result.toString()));
      Process peer =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      int exit;
      try (OutputStream keptOpen = peer.getOutputStream()) {
        exit = peer.waitFor();
      }
      if (exit != 0) {
        throw new IllegalStateException("the peer failed (status " + exit + "): see above");
      }
      return read(result);
    } finally {
      Files.deleteIfExists(result);
    }
  }

  private static Figures read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    List<String> steps = List.of(p.getProperty("steps").split(","));
    List<long[]> stepNanos = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      stepNanos.add(longs(p.getProperty("nanos." + i)));
    }
    return new Figures(
        p.getProperty("engine"),
        Integer.parseInt(p.getProperty("lifecycles")),
        Integer.parseInt(p.getProperty("warm-up")),
        Integer.parseInt(p.getProperty("threads")),
        Long.parseLong(p.getProperty("nanos")),
        Long.parseLong(p.getProperty("cpu.jvm")),
        Long.parseLong(p.getProperty("cpu.postgres")),
        steps,
        stepNanos,
        longs(p.getProperty("nanos.lifecycle")));
  }

  private static long[] longs(String spaced) {
    return Arrays.stream(spaced.split(" ")).mapToLong(Long::parseLong).toArray();
  }
}
