package io.casegrid.stack.bench;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A whole system for a benchmark, started as the local stack starts it but on free ports and in a
 * temporary folder, which is deleted when the benchmark ends (on Ctrl-C too).
 */
final class ThrowawaySystem {

  private ThrowawaySystem() {}

  /** Starts the system, printing the machine's figures first; it stops when the JVM ends. */
  static LocalStack start(String benchmark) throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Path home = Files.createTempDirectory("casegrid-bench-");
    AtomicReference<LocalStack> running = new AtomicReference<>();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(running.get(), home), "benchmark-stop"));
    String heap = LocalStack.Settings.defaults(repo).serviceHeap();
    System.out.printf(
        "casegrid %s benchmark: %d cores, Java %s, services -Xmx%s%n"
            + "starting PostgreSQL, Kafka and the services in %s%n",
        benchmark, Runtime.getRuntime().availableProcessors(), Runtime.version(), heap, home);
    long starting = System.nanoTime();
    running.set(LocalStack.start(LocalStack.Settings.onFreePorts(home, repo, false, heap)));
    System.out.printf("system up in %.0f s%n", (System.nanoTime() - starting) / 1e9);
    return running.get();
  }

  private static void stop(LocalStack system, Path home) {
    System.out.println("stopping the system");
    if (system != null) {
      system.close();
    }
    try {
      TestInfrastructure.deleteRecursively(home);
    } catch (IOException e) {
      System.err.println("could not delete " + home + ": " + e);
    }
  }
}
