package io.casegrid.embedded;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java program in its own JVM, its output in a log file, ended when this JVM ends or dies (see
 * {@link ParentWatchingMain}). Its pid is written to a file so that a start after a crash of the
 * whole machine can clean up.
 */
public final class ChildJvm implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ChildJvm start(
      String name,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      Path log,
      Path pidFile)
      throws IOException {
    PidFiles.stopStale(pidFile, ParentWatchingMain.class.getSimpleName());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(
        classpath.isEmpty()
            ? ownCodeLocation()
            : ownCodeLocation() + File.pathSeparator + classpath);
    command.add(ParentWatchingMain.class.getName());
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    PidFiles.write(pidFile, process.pid());
    return new ChildJvm(name, process, log);
  }

  private static String ownCodeLocation() {
    try {
      return Path.of(
              ParentWatchingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the program to end by itself; returns its exit code. */
  public int awaitExit(Duration timeout) throws IOException {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(name + " did not finish within " + timeout + "; see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + name, e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /** Kills the program at once (SIGKILL), as a crash of its machine would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the program to stop (SIGTERM: graceful shutdown), and kills it if it does not. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
