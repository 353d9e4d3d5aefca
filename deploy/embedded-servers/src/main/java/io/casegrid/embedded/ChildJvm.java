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
    return start(name, jvmOptions, classpath, mainClass, args, log, pidFile, null);
  }

  /**
   * As {@link #start(String, List, String, String, List, Path, Path)}, with the main class and its
   * arguments in {@code argumentFile} (owner-only) instead of on the command line, where every
   * local user could read them: for arguments that hold a secret. Delete the file once the program
   * ended.
   */
  public static ChildJvm startWithSecretArguments(
      String name,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      Path log,
      Path pidFile,
      Path argumentFile)
      throws IOException {
    return start(name, jvmOptions, classpath, mainClass, args, log, pidFile, argumentFile);
  }

  private static ChildJvm start(
      String name,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      Path log,
      Path pidFile,
      Path argumentFile)
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
    List<String> program = new ArrayList<>();
    program.add(ParentWatchingMain.class.getName());
    program.add(mainClass);
    program.addAll(args);
    if (argumentFile == null) {
      command.addAll(program);
    } else {
      // The launcher reads the main class and its arguments from an @-file.
      SecretFiles.write(
          argumentFile,
          program.stream()
              .map(ChildJvm::quoted)
              .collect(java.util.stream.Collectors.joining("\n")));
      command.add("@" + argumentFile);
    }
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    PidFiles.write(pidFile, process.pid());
    return new ChildJvm(name, process, log);
  }

  private static String quoted(String argument) {
    return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
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

  /** Stops the program where it is (SIGSTOP), as a long pause of its machine would. */
  public void pause() {
    signal("STOP");
  }

  /** Lets a paused program go on (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("could not send SIG" + signal + " to " + name);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
