package io.casegrid.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Pid files of the processes a run started, so the next run can end those a crash left behind. */
public final class PidFiles {

  private PidFiles() {}

  static void write(Path pidFile, long pid) throws IOException {
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, Long.toString(pid), StandardCharsets.US_ASCII);
  }

  /**
   * Ends the process named in the pid file if it still runs and its command line contains {@code
   * expected} (after a reboot the number may belong to another program), then removes the file.
   */
  public static void stopStale(Path pidFile, String expected) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String firstLine =
        Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("");
    try {
      Optional<ProcessHandle> stale = ProcessHandle.of(Long.parseLong(firstLine.trim()));
      stale
          .filter(p -> p.info().commandLine().map(c -> c.contains(expected)).orElse(false))
          .ifPresent(PidFiles::terminate);
    } catch (NumberFormatException ignored) {
      // An unreadable pid file names no process.
    }
    Files.deleteIfExists(pidFile);
  }

  private static void terminate(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }
}
