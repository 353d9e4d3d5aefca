package io.casegrid.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time processes of this machine have used (user and system, all threads), read from
 * Linux's {@code /proc}, so that a benchmark can say what a unit of work cost each process. Read
 * before and after a run, the difference is what the run cost, however busy the rest of the machine
 * was.
 */
public final class ProcessCpu {

  // The clock ticks /proc counts in: USER_HZ, 100 in Linux's interface to programs.
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {}

  /** Whether this machine tells CPU times through {@code /proc} (Linux). */
  public static boolean available() {
    return Files.isReadable(Path.of("/proc/self/stat"));
  }

  /** The CPU time of one process, every thread of it, in nanoseconds. */
  public static long ofProcess(long pid) {
    long[] ticks = ticks(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    return (ticks[0] + ticks[1]) * NANOS_PER_TICK;
  }

  /**
   * The CPU time of a process and of all it started, in nanoseconds: its own, that of its
   * descendants still running, and that of the children that ended and were waited for (a
   * PostgreSQL server with its backends, however often they came and went).
   */
  public static long ofTree(long pid) {
    ProcessHandle root =
        ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    long ticks = 0;
    for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
      // A descendant may end between the listing and the reading; its time then moves to its
      // parent's count of ended children, which is read after it.
      ticks += ticks(p.pid()).map(t -> t[0] + t[1] + t[2] + t[3]).orElse(0L);
    }
    return ticks * NANOS_PER_TICK;
  }

  /**
   * The CPU time of each running thread of a process by the thread's name (as the kernel keeps it:
   * at most 15 characters), threads of the same name added up, in nanoseconds: a JVM's compiler and
   * garbage collector threads, for instance.
   */
  public static Map<String, Long> ofThreads(long pid) {
    Map<String, Long> byName = new TreeMap<>();
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path thread : threads.toList()) {
        Optional<String> stat = stat(thread.resolve("stat"));
        if (stat.isPresent()) {
          String name =
              stat.get().substring(stat.get().indexOf('(') + 1, stat.get().lastIndexOf(')'));
          long[] ticks = ticks(stat.get());
          byName.merge(name, (ticks[0] + ticks[1]) * NANOS_PER_TICK, Long::sum);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the threads of process " + pid, e);
    }
    return byName;
  }

  /** The PostgreSQL server (its postmaster) started on this machine to listen on {@code port}. */
  public static Optional<ProcessHandle> postgresOn(int port) {
    String portArgument = Integer.toString(port);
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              List<String> args = commandLine(p.pid());
              int flag = args.indexOf("-p");
              return !args.isEmpty()
                  && args.get(0).endsWith("/postgres")
                  && flag > 0
                  && flag + 1 < args.size()
                  && args.get(flag + 1).equals(portArgument);
            })
        .findFirst();
  }

  /**
   * The command line of a process, its program first; empty once it has ended. Read whole: the
   * JDK's {@code ProcessHandle.Info} gives no arguments for a command line longer than 4 kB, as a
   * JVM's with a long classpath is.
   */
  public static List<String> commandLine(long pid) {
    try {
      String line =
          Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
      return line.isEmpty() ? List.of() : List.of(line.split("\0"));
    } catch (IOException ended) {
      return List.of();
    }
  }

  // utime, stime, cutime and cstime of /proc/<pid>/stat, in clock ticks; empty once it has ended.
  private static Optional<long[]> ticks(long pid) {
    return stat(Path.of("/proc", Long.toString(pid), "stat")).map(ProcessCpu::ticks);
  }

  private static Optional<String> stat(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException ended) {
      return Optional.empty();
    } catch (IOException e) {
      if (!Files.exists(file)) {
        return Optional.empty(); // ended while being read
      }
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static long[] ticks(String stat) {
    // The name in parentheses (field 2) may hold spaces; field 3 follows the last parenthesis,
    // and utime, stime, cutime, cstime are fields 14 to 17.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {
      Long.parseLong(fields[11]),
      Long.parseLong(fields[12]),
      Long.parseLong(fields[13]),
      Long.parseLong(fields[14])
    };
  }
}
