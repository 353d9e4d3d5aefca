package io.casegrid.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Stops a PostgreSQL server when the JVM that started it dies. PostgreSQL runs as a daemon, so
 * nothing else would end it after a kill -9 of its starter; this small JVM is a child of the
 * starter (see {@link ParentWatchingMain}) and, on its way out, asks the server to shut down
 * (SIGTERM: PostgreSQL's smart shutdown, which is quick once its clients are gone).
 */
public final class PostgresGuardian {

  private PostgresGuardian() {}

  /** Arguments: the data directory of the server to guard. */
  public static void main(String[] args) throws InterruptedException {
    Path pidFile = Path.of(args[0]).resolve("postmaster.pid");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pidFile), "stop-postgres"));
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
              postmaster -> {
                postmaster.destroy();
                try {
                  postmaster.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                  postmaster.destroyForcibly();
                }
              });
    } catch (IOException | RuntimeException e) {
      // Nothing more can be done on the way out; the next start cleans up after a crash.
    }
  }
}
