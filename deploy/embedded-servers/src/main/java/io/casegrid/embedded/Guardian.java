package io.casegrid.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a daemon (PostgreSQL, the reverse proxy) when the JVM that started it dies. Nothing else
 * would end such a process after a kill -9 of its starter; this small JVM is a child of the starter
 * (see {@link ParentWatchingMain}) and, on its way out, asks the process named in a pid file to
 * stop (SIGTERM: PostgreSQL's smart shutdown, which is quick once its clients are gone).
 */
public final class Guardian {

  private Guardian() {}

  /** Starts a guardian of the process whose pid {@code pidFile} holds (on its first line). */
  public static ChildJvm guard(String name, Path pidFile, Path log) throws IOException {
    return ChildJvm.start(
        name + "-guardian",
        List.of("-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
        "",
        Guardian.class.getName(),
        List.of(pidFile.toString()),
        log,
        log.resolveSibling(name + "-guardian.pid"));
  }

  /** Arguments: the pid file of the process to guard. */
  public static void main(String[] args) throws InterruptedException {
    Path pidFile = Path.of(args[0]);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pidFile), "stop-guarded"));
    Thread.currentThread().join();
  }

  private static void stop(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return; // Stopped already, by its starter.
      }
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid)
          .ifPresent(
              process -> {
                process.destroy();
                try {
                  process.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                  process.destroyForcibly();
                }
              });
    } catch (IOException | RuntimeException e) {
      // Nothing more can be done on the way out; the next start cleans up after a crash.
    }
  }
}
